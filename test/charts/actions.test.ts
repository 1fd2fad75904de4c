import {test} from "uvu";
import * as assert from "uvu/assert";
import {actionsChart} from "../../src/charts/actions.js";
import {actionPalette} from "../../src/charts/palette.js";
import {compileChart} from "../../src/charts/render.js";
import type {PeriodIndicators} from "../../src/indicators/types.js";
import {fixture, FIXTURE_ACTIONS} from "../fixtures/charts/load.js";

const palette = actionPalette(FIXTURE_ACTIONS);
const week = actionsChart(fixture("week"), palette);
const spec = week.vegaLite as any;
const values = spec.data.values as {bucket: string; action: string; count: number; tip: string}[];
const cell = (action: string, bucket: string) => values.find((v) => v.action === action && v.bucket === bucket);

test("actions: one zero-filled series per action present, 3 actions x 7 days", () => {
  assert.is(values.length, 21);
  assert.is(cell("Edit dataset", "3 Mar")?.count, 5);
  assert.is(cell("Publish dataset", "8 Mar")?.count, 1);
  assert.is(cell("Add user", "6 Mar")?.count, 1);
  // not in the series: zero-filled
  assert.is(cell("Edit dataset", "5 Mar")?.count, 0);
  assert.is(cell("Add user", "9 Mar")?.count, 0);
  assert.is(values.filter((v) => v.action === "Edit page").length, 0);
  // the days' order is the data's (first appearance): no list of the period's days in the spec, so
  // that every week's chart shares one compiled spec and parse (render.ts)
  assert.is(spec.encoding.x.sort, null);
  assert.equal([...new Set(values.map((v) => v.bucket))], ["3 Mar", "4 Mar", "5 Mar", "6 Mar", "7 Mar", "8 Mar", "9 Mar"]);
});

test("actions: data table is wide, one row per day with a total", () => {
  assert.equal(week.table.columns, ["Day", "add_user", "edit_dataset", "publish_dataset", "Total"]);
  assert.equal(week.table.rows[0], ["2025-03-03", 0, 5, 2, 7]);
  assert.equal(week.table.rows[2], ["2025-03-05", 0, 0, 0, 0]);
  assert.equal(week.table.rows[3], ["2025-03-06", 1, 2, 0, 3]);
  assert.is(week.table.rows.length, 7);
});

test("actions: a point selection on action, bound to the legend, hides the other marks", () => {
  const [line, points] = spec.layer;
  assert.equal(line.params, [{name: "actionPick", select: {type: "point", fields: ["action"]}, bind: "legend"}]);
  assert.equal(spec.encoding.opacity, {condition: {param: "actionPick", value: 1}, value: 0});
  assert.is(points.encoding.tooltip.condition.param, "actionPick");
  assert.is(points.encoding.tooltip.value, null);
  assert.equal(points.transform, [{filter: "datum.count > 0"}]);
  const vega = compileChart(week.vegaLite) as any;
  const names = vega.signals.map((s: {name: string}) => s.name);
  assert.ok(names.includes("actionPick_action_legend"), names.join(","));
});

test("actions: colour domain and range come from the palette", () => {
  assert.equal(spec.encoding.color.scale, {
    domain: ["Add user", "Edit dataset", "Publish dataset"],
    range: ["add_user", "edit_dataset", "publish_dataset"].map((action) => palette.color(action)),
  });
  assert.is(spec.encoding.color.legend.labelLimit, 0);
});

test("actions: summary states total, top action and busiest day", () => {
  assert.match(week.summary, "14 actions of 3 kinds over 7 days");
  assert.match(week.summary, "Most frequent: Edit dataset (10)");
  assert.match(week.summary, "Busiest day: 3 Mar (7 actions)");
  assert.is(spec.description, week.summary);
});

test("actions: 60 month buckets draw lines only (no per-cell points)", () => {
  const buckets = Array.from({length: 60}, (_, i) => `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
  const all = {
    ...fixture("empty"),
    totals: {actions: 4, users: 1, datasets: 0, pages: 0, actionsPerUser: 4},
    actions: {bucket: "month", buckets, series: [{bucket: "2022-05", action: "add_user", count: 4}]},
    distribution: [{action: "add_user", count: 4, share: 1}],
  } as PeriodIndicators;
  const chart = actionsChart(all, palette).vegaLite as any;
  assert.is(chart.layer.length, 1);
  assert.is(chart.data.values.length, 60);
  assert.is(chart.data.values.find((v: {bucket: string}) => v.bucket === "May 2022").count, 4);
  assert.match(actionsChart(all, palette).summary, "Busiest month: May 2022 (4 actions)");
  assert.is(chart.encoding.x.axis.labelAngle, -90);
});

test("actions: an empty period still gives a spec that compiles", () => {
  const empty = actionsChart(fixture("empty"), palette);
  assert.equal((empty.vegaLite as any).data.values, []);
  assert.match(empty.summary, "No actions in this period (28 days)");
  assert.is(empty.table.rows.length, 28);
  assert.ok(compileChart(empty.vegaLite).marks);
});

test.run();
