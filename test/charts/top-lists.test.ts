import {test} from "uvu";
import * as assert from "uvu/assert";
import {topDatasetsChart, topPagesChart, topUsersChart} from "../../src/charts/top-lists.js";
import {actionPalette} from "../../src/charts/palette.js";
import {renderChart} from "../../src/charts/render.js";
import {fixture, FIXTURE_ACTIONS} from "../fixtures/charts/load.js";

const palette = actionPalette(FIXTURE_ACTIONS);
type Segment = {entry: string; action: string; count: number; tip: string};
const segments = (spec: unknown) => (spec as any).data.values as Segment[];

test("topUsersChart: one segment per non-zero (user, action), users in list order", () => {
  const chart = topUsersChart(fixture("week"), palette);
  const values = segments(chart.vegaLite);
  assert.equal(
    values.map((v) => [v.entry, v.action, v.count]),
    [
      ["alice", "Edit dataset", 6],
      ["alice", "Publish dataset", 2],
      ["bob", "Edit dataset", 3],
      ["bob", "Publish dataset", 1],
      ["carol", "Add user", 1],
      ["dave", "Edit dataset", 1],
    ],
  );
  const spec = chart.vegaLite as any;
  // the list's order is the data's (first appearance), not a list of the period's names in the spec
  assert.is(spec.encoding.y.sort, null);
  assert.equal([...new Set(values.map((v) => v.entry))], ["alice", "bob", "carol", "dave"]);
  assert.is(spec.encoding.x.stack, "zero");
  assert.is(values[0].tip, "alice, Edit dataset (edit_dataset): 6 of 8 actions");
});

test("topUsersChart: table has a column per action and a total", () => {
  const chart = topUsersChart(fixture("week"), palette);
  assert.equal(chart.table.columns, ["User", "add_user", "edit_dataset", "publish_dataset", "Total"]);
  assert.equal(chart.table.rows, [
    ["alice", 0, 6, 2, 8],
    ["bob", 0, 3, 1, 4],
    ["carol", 1, 0, 0, 1],
    ["dave", 0, 1, 0, 1],
  ]);
  assert.match(chart.summary, "alice (8 actions), bob (4 actions), carol (1 action), dave (1 action)");
});

test("topDatasetsChart and topPagesChart: same shape, own ids and titles", () => {
  const datasets = topDatasetsChart(fixture("week"), palette);
  assert.is(datasets.id, "top-datasets");
  assert.equal(datasets.table.columns, ["Dataset", "edit_dataset", "publish_dataset", "Total"]);
  assert.equal(datasets.table.rows[1], ["ds-trees", 5, 1, 6]);
  const pages = topPagesChart(fixture("next-week"), palette);
  assert.is(pages.id, "top-pages");
  assert.equal(segments(pages.vegaLite).map((v) => [v.entry, v.action, v.count]), [["p-home", "Edit page", 3]]);
  assert.equal((pages.vegaLite as any).encoding.color.scale, {domain: ["Edit page"], range: ["#e45756"]});
});

test("top lists: colour domain is the chart's actions in palette order", () => {
  const spec = topUsersChart(fixture("next-week"), palette).vegaLite as any;
  // erin's byAction lists edit_page first (by count): the domain keeps palette order
  assert.equal(spec.encoding.color.scale, {domain: ["Add user", "Edit page"], range: ["#4c78a8", "#e45756"]});
  assert.is(spec.params[0].bind, "legend");
});

test("top lists: an empty list gives an empty chart with a sentence", () => {
  const chart = topPagesChart(fixture("week"), palette);
  assert.equal(segments(chart.vegaLite), []);
  assert.equal(chart.table.rows, []);
  assert.is(chart.summary, "No modified page in this period.");
});

/** the y-axis label texts of a baked SVG, e.g. ["alice", "bob"] */
const axisLabels = (svg: string): string[] => {
  const start = svg.indexOf('aria-label="Y-axis');
  const ends = ['aria-label="X-axis', "role-legend"].map((marker) => svg.indexOf(marker, start)).filter((i) => i > 0);
  const axis = svg.slice(start, Math.min(svg.length, ...ends));
  return [...axis.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
};

test("top lists: dataset ids of up to 50 characters drawn whole on the baked axis, longer ones cut", async () => {
  const real = "velib-disponibilite-temps-reel-2025-archive"; // 43 characters
  const fifty = "a".repeat(20) + "-" + "b".repeat(29); // 50
  const long = "c".repeat(30) + "-" + "d".repeat(29); // 60
  const week = fixture("week");
  const byAction = {edit_dataset: 2};
  const indicators = {
    ...week,
    topDatasets: [real, fifty, long].map((dataset_id) => ({dataset_id, count: 2, byAction})),
  };
  const chart = await renderChart(topDatasetsChart(indicators, palette));
  const labels = axisLabels(chart.svg);
  assert.is(labels.length, 3);
  assert.is(labels[0], real);
  assert.is(labels[1], fifty);
  assert.ok(labels[2].endsWith("…") && long.startsWith(labels[2].slice(0, -1)), labels[2]);
  assert.ok(labels[2].length >= 45, labels[2]);
  // the whole id stays in the tooltip and the data table
  assert.ok(segments(chart.vegaLite)[2].tip.startsWith(`${long}, Edit dataset (edit_dataset)`));
  assert.equal(chart.table.rows.map((row) => row[0]), [real, fifty, long]);
  // the chart keeps the common width: the bars have what the labels leave
  assert.match(chart.svg, /^<svg[^>]*\swidth="720"/);
});

test.run();
