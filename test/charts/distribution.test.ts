import {test} from "uvu";
import * as assert from "uvu/assert";
import {distributionChart} from "../../src/charts/distribution.js";
import {actionPalette} from "../../src/charts/palette.js";
import {fixture, FIXTURE_ACTIONS} from "../fixtures/charts/load.js";

const palette = actionPalette(FIXTURE_ACTIONS);

test("distribution: a donut, slices largest first, shares in legend and tooltip", () => {
  const chart = distributionChart(fixture("week"), palette);
  const spec = chart.vegaLite as any;
  assert.is(spec.mark.type, "arc");
  assert.ok(spec.mark.innerRadius > 0);
  // 10/14, 3/14, 1/14
  assert.equal(spec.encoding.color.scale, {
    domain: ["edit_dataset: 71.4%", "publish_dataset: 21.4%", "add_user: 7.1%"],
    range: ["#f58518", "#72b7b2", "#4c78a8"],
  });
  assert.equal(spec.data.values.map((v: {count: number}) => v.count), [10, 3, 1]);
  assert.is(spec.data.values[2].tip, "add_user: 1 action (7.1%)");
  assert.is(spec.encoding.color.legend.labelLimit, 0);
});

test("distribution: table and summary", () => {
  const chart = distributionChart(fixture("next-week"), palette);
  assert.equal(chart.table.rows, [["edit_page", 3, "60.0%"], ["add_user", 2, "40.0%"]]);
  assert.is(chart.summary, "5 actions: edit_page 60.0%, add_user 40.0%.");
});

test("distribution: empty period", () => {
  const chart = distributionChart(fixture("empty"), palette);
  assert.equal((chart.vegaLite as any).data.values, []);
  assert.is(chart.summary, "No actions in this period.");
});

test.run();
