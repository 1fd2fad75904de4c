import {test} from "uvu";
import * as assert from "uvu/assert";
import {topDatasetsChart, topPagesChart, topUsersChart} from "../../src/charts/top-lists.js";
import {actionPalette} from "../../src/charts/palette.js";
import {renderChart} from "../../src/charts/render.js";
import {BAR_LABELS, CHART_WIDTH} from "../../src/charts/chart-base.js";
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
  assert.equal(
    segments(pages.vegaLite).map((v) => [v.entry, v.action, v.count]),
    [["p-home", "Edit page", 3]],
  );
  assert.equal((pages.vegaLite as any).layer[0].encoding.color.scale, {domain: ["Edit page"], range: ["#e45756"]});
});

test("top lists: colour domain is the chart's actions in palette order", () => {
  const spec = topUsersChart(fixture("next-week"), palette).vegaLite as any;
  // erin's byAction lists edit_page first (by count): the domain keeps palette order
  assert.equal(spec.layer[0].encoding.color.scale, {domain: ["Add user", "Edit page"], range: ["#4c78a8", "#e45756"]});
  assert.is(spec.layer[0].params[0].bind, "legend");
});

test("top lists: an empty list gives an empty chart with a sentence", () => {
  const chart = topPagesChart(fixture("week"), palette);
  assert.equal(segments(chart.vegaLite), []);
  assert.equal(chart.table.rows, []);
  assert.is(chart.summary, "No modified page in this period.");
});

/** the texts drawn above the bars of a baked SVG, e.g. ["alice", "bob"], and their x */
const barLabels = (svg: string): {text: string; x: number}[] => {
  const start = svg.indexOf(`${BAR_LABELS}_marks`);
  const layer = svg.slice(start, svg.indexOf("</g>", start));
  return [...layer.matchAll(/<text[^>]*translate\(([\d.-]+),[^>]*>([^<]*)<\/text>/g)].map((match) => ({text: match[2], x: Number(match[1])}));
};

test("top lists: ids drawn whole above their bars, from the plot's left edge; longer than the plot, cut", async () => {
  const real = "velib-disponibilite-temps-reel"; // 30 characters: about 264 px by vega's estimate
  const plot = "a".repeat(20) + "-" + "b".repeat(17); // 38: 334 px, as wide as the baked plot allows
  const long = "c".repeat(30) + "-" + "d".repeat(29); // 60
  const week = fixture("week");
  const byAction = {edit_dataset: 2};
  const indicators = {
    ...week,
    topDatasets: [real, plot, long].map((dataset_id) => ({dataset_id, count: 2, byAction})),
  };
  const chart = await renderChart(topDatasetsChart(indicators, palette));
  const drawn = barLabels(chart.svg);
  const labels = drawn.map((label) => label.text);
  assert.is(labels.length, 3);
  assert.is(labels[0], real);
  assert.is(labels[1], plot);
  assert.ok(labels[2].endsWith("…") && long.startsWith(labels[2].slice(0, -1)), labels[2]);
  assert.ok(labels[2].length >= 35, labels[2]);
  // the labels start where the bars do, at the plot's left edge: no y axis takes the width
  assert.not.match(chart.svg, /aria-label="Y-axis/);
  assert.equal(
    drawn.map((label) => label.x),
    [0, 0, 0],
  );
  // the whole id stays in the tooltip and the data table
  assert.ok(segments(chart.vegaLite)[2].tip.startsWith(`${long}, Edit dataset (edit_dataset)`));
  assert.equal(
    chart.table.rows.map((row) => row[0]),
    [real, plot, long],
  );
  // the chart keeps the common width
  assert.match(chart.svg, new RegExp(`^<svg[^>]*\\swidth="${CHART_WIDTH}"`));
});

test.run();
