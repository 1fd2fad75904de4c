import {test} from "uvu";
import * as assert from "uvu/assert";
import {distributionChart} from "../../src/charts/distribution.js";
import {actionPalette} from "../../src/charts/palette.js";
import {renderChart} from "../../src/charts/render.js";
import type {PeriodIndicators} from "../../src/indicators/types.js";
import {fixture, FIXTURE_ACTIONS} from "../fixtures/charts/load.js";

const palette = actionPalette(FIXTURE_ACTIONS);

test("distribution: a donut, slices largest first, shares in legend and tooltip", () => {
  const chart = distributionChart(fixture("week"), palette);
  const spec = chart.vegaLite as any;
  assert.is(spec.mark.type, "arc");
  assert.ok(spec.mark.innerRadius > 0);
  // 10/14, 3/14, 1/14; the domain and the colours are parameters, the period's colours first
  const param = (name: string) => spec.params.find((p: {name: string}) => p.name === name).value;
  assert.equal(param("entries"), ["Edit dataset: 71.4%", "Publish dataset: 21.4%", "Add user: 7.1%"]);
  const colors = param("entryColors");
  assert.equal(
    colors.slice(0, 3),
    ["edit_dataset", "publish_dataset", "add_user"].map((action) => palette.color(action)),
  );
  // one range entry per palette colour, whatever the period: every donut has the same spec shape
  assert.is(colors.length, palette.actions.length);
  assert.equal([...colors].sort(), palette.actions.map((action) => palette.color(action)).sort());
  assert.equal(spec.encoding.color.scale, {domain: {expr: "entries"}, range: colors.map((_: string, i: number) => ({expr: `entryColors[${i}]`}))});
  assert.equal(
    spec.data.values.map((v: {count: number}) => v.count),
    [10, 3, 1],
  );
  assert.is(spec.data.values[2].tip, "Add user (add_user): 1 action (7.1%)");
  assert.is(spec.encoding.color.legend.labelLimit, 0);
});

test("distribution: each slice drawn in its action's palette colour, the legend in slice order with shares", async () => {
  const chart = await renderChart(distributionChart(fixture("week"), palette));
  const legend = chart.svg.slice(chart.svg.indexOf("role-legend"));
  const labels = [...legend.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
  assert.equal(labels, ["Edit dataset: 71.4%", "Publish dataset: 21.4%", "Add user: 7.1%"]);
  const symbols = [...legend.matchAll(/role-legend-symbol[\s\S]*?fill="(#[0-9a-f]{6})"/g)].map((match) => match[1]);
  assert.equal(
    symbols,
    ["edit_dataset", "publish_dataset", "add_user"].map((action) => palette.color(action)),
  );
  // the slices (arcs, drawn before the legend) carry the same colours, largest slice first
  const marks = chart.svg.slice(chart.svg.indexOf("role-mark"), chart.svg.indexOf("role-legend"));
  const fills = [...marks.matchAll(/<path[^>]*fill="(#[0-9a-f]{6})"/g)].map((match) => match[1]);
  assert.equal(fills, symbols);
});

test("distribution: table and summary", () => {
  const chart = distributionChart(fixture("next-week"), palette);
  assert.equal(chart.table.rows, [
    ["edit_page", 3, "60.0%"],
    ["add_user", 2, "40.0%"],
  ]);
  assert.is(chart.summary, "5 actions: Edit page 60.0%, Add user 40.0%.");
});

test("distribution: empty period", () => {
  const chart = distributionChart(fixture("empty"), palette);
  assert.equal((chart.vegaLite as any).data.values, []);
  assert.is(chart.summary, "No actions in this period.");
});

test("distribution: 25 actions, every legend row inside the SVG, the donut keeps its size", async () => {
  const actions = Array.from({length: 25}, (_, i) => `action_number_${String(i).padStart(2, "0")}`);
  // counts 25, 24 ... 1: 325 in all
  const indicators = {
    ...fixture("week"),
    totals: {...fixture("week").totals, actions: 325},
    distribution: actions.map((action, i) => ({action, count: 25 - i, share: (25 - i) / 325})),
  } as PeriodIndicators;
  const chart = await renderChart(distributionChart(indicators, actionPalette(actions)));
  const height = Number(/^<svg[^>]*\sheight="([\d.]+)"/.exec(chart.svg)?.[1]);
  const legend = chart.svg.slice(chart.svg.indexOf("role-legend"));
  const labels = [...legend.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
  assert.is(labels.length, 25);
  assert.is(labels[24], "Action number 24: 0.3%");
  // rows are translate(0, y) inside the legend group; the last one plus its 18 px fits the SVG
  const rows = [...legend.matchAll(/translate\(0,(\d+(?:\.\d+)?)\)/g)].map((match) => Number(match[1]));
  assert.ok(Math.max(...rows) + 18 <= height, `last row at ${Math.max(...rows)}, SVG ${height} high`);
  // outer radius 110: the donut's path spans 220 px whatever the legend's height
  assert.match(JSON.stringify(chart.vega), /"outerRadius":\{"value":110\}/);
});

test.run();
