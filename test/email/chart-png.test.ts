import {test} from "uvu";
import * as assert from "uvu/assert";
import {compile, type TopLevelSpec} from "vega-lite";
import {EMAIL_CHART_SCALE, renderChartPng} from "../../src/email/chart-png.js";

/** width and height from the PNG's IHDR chunk */
const pngSize = (png: Buffer) => ({width: png.readUInt32BE(16), height: png.readUInt32BE(20)});
/** the PNG holds 2x the shown size; an odd pixel height is shown rounded */
const assertDrawnAt2x = (chart: {png: Buffer; width: number; height: number}) => {
  assert.is(pngSize(chart.png).width, 2 * chart.width);
  assert.ok(Math.abs(pngSize(chart.png).height - 2 * chart.height) <= 1, `PNG ${pngSize(chart.png).height} px for ${chart.height} px`);
};

const bars = (width: number | "container"): TopLevelSpec => ({
  width,
  height: 100,
  title: "Actions per day",
  data: {
    values: [
      {day: "Mon", count: 3},
      {day: "Tue", count: 5},
      {day: "Wed", count: 1},
    ],
  },
  mark: "bar",
  encoding: {x: {field: "day", type: "ordinal"}, y: {field: "count", type: "quantitative"}},
});

test("a chart narrower than the column is shown EMAIL_CHART_SCALE times its size, drawn at 2x", async () => {
  const chart = await renderChartPng(compile(bars(200)).spec, 600);
  assert.equal([...chart.png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.ok(chart.width > 200 * EMAIL_CHART_SCALE && chart.width < 300 * EMAIL_CHART_SCALE, `width ${chart.width}: 200 plus axis and padding, scaled`);
  assertDrawnAt2x(chart);
  assert.ok(chart.renderMs > 0);
});

test("a chart wider than the column is scaled down to it, keeping its proportions", async () => {
  const chart = await renderChartPng(compile(bars(900)).spec, 600);
  assert.is(chart.width, 600);
  assertDrawnAt2x(chart);
  assert.ok(chart.height > 100 * (600 / 960) && chart.height < 160, `height ${chart.height}`);
});

test("a chart sized to its container gets the column's width (Node has no container)", async () => {
  const chart = await renderChartPng(compile(bars("container")).spec, 600);
  assert.is(chart.width, 600);
  assert.is(pngSize(chart.png).width, 1200);
});

test("the same spec gives the same bytes: fonts come from the project, not the machine", async () => {
  const spec = compile(bars(300)).spec;
  const [a, b] = [await renderChartPng(spec, 600), await renderChartPng(spec, 600)];
  assert.ok(a.png.equals(b.png));
  const other = await renderChartPng(compile({...bars(300), title: "Another title"} as TopLevelSpec).spec, 600);
  assert.not.ok(a.png.equals(other.png), "the title is drawn");
});

test.run();
