import {test} from "uvu";
import * as assert from "uvu/assert";
import {byWeekdayChart} from "../../src/charts/by-weekday.js";
import {actionPalette} from "../../src/charts/palette.js";
import {compileChart, renderChart} from "../../src/charts/render.js";
import {byWeekday} from "../../src/indicators/by-weekday.js";
import {fixture, FIXTURE_ACTIONS} from "../fixtures/charts/load.js";

const palette = actionPalette(FIXTURE_ACTIONS);
const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

test("byWeekday: one bar of actions per weekday, Mon to Sun in order, users in the tooltip", () => {
  const chart = byWeekdayChart(fixture("week"), palette);
  const spec = chart.vegaLite as any;
  const values = spec.data.values as {weekday: string; actions: number; users: number; tip: string}[];
  assert.equal(
    values.map((v) => v.weekday),
    DAYS,
  );
  assert.equal(
    values.map((v) => v.actions),
    [7, 3, 0, 3, 0, 1, 0],
  );
  assert.equal(
    values.map((v) => v.users),
    [2, 1, 0, 2, 0, 1, 0],
  );
  assert.is(values[0].tip, "Monday: 7 actions by 2 users");
  assert.is(values[5].tip, "Saturday: 1 action by 1 user");
  assert.is(spec.mark.type, "bar");
  assert.equal([spec.encoding.x.field, spec.encoding.x.sort, spec.encoding.y.field, spec.encoding.tooltip.field], ["weekday", null, "actions", "tip"]);
});

test("byWeekday: the indicator's id, label and description; a table of weekday, actions, users", () => {
  const chart = byWeekdayChart(fixture("week"), palette);
  assert.equal([chart.id, chart.title], [byWeekday.id, byWeekday.label]);
  assert.ok(chart.description.startsWith(byWeekday.description), chart.description);
  assert.match(chart.description, "Europe/Paris");
  assert.equal(chart.table.columns, ["Weekday", "Actions", "Users"]);
  assert.equal(chart.table.rows, [
    ["Monday", 7, 2],
    ["Tuesday", 3, 1],
    ["Wednesday", 0, 0],
    ["Thursday", 3, 2],
    ["Friday", 0, 0],
    ["Saturday", 1, 1],
    ["Sunday", 0, 0],
  ]);
});

test("byWeekday: the summary (the SVG's description) states actions and users per day", () => {
  const chart = byWeekdayChart(fixture("week"), palette);
  assert.match(chart.summary, "14 actions. Busiest day: Monday, 7 actions by 2 users.");
  assert.match(chart.summary, "Thursday: 3 actions by 2 users; Friday: 0 actions by 0 users;");
  assert.is((chart.vegaLite as any).description, chart.summary);
});

test("byWeekday: the baked SVG draws Mon..Sun on the axis, in order, and seven bars", async () => {
  const {svg} = await renderChart(byWeekdayChart(fixture("week"), palette));
  const labels = [...svg.matchAll(/<text[^>]*>(Mon|Tue|Wed|Thu|Fri|Sat|Sun)<\/text>/g)].map((m) => m[1]);
  assert.equal(labels, DAYS);
  const bars = [...svg.matchAll(/<path aria-label="weekday: (\w+); Actions: (\d+); tip: ([^"]*)"/g)].map((m) => m.slice(1));
  assert.equal(
    bars.map(([day]) => day),
    DAYS,
  );
  assert.equal(bars[3], ["Thu", "3", "Thursday: 3 actions by 2 users"]);
});

test("byWeekday: a period without actions compiles and says so", () => {
  const chart = byWeekdayChart(fixture("empty"), palette);
  assert.ok((chart.vegaLite as any).data.values.every((v: {actions: number}) => v.actions === 0));
  assert.is(chart.summary, "No actions in this period.");
  assert.ok(compileChart(chart.vegaLite).marks);
});

test.run();
