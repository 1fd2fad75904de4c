import {test} from "uvu";
import * as assert from "uvu/assert";
import {chartSpecs} from "../../src/charts/registry.js";
import {actionPalette} from "../../src/charts/palette.js";
import {chartRenderer, chartsJson, renderChart, roundGeometry, withViewBox} from "../../src/charts/render.js";
import {fixture, FIXTURE_ACTIONS} from "../fixtures/charts/load.js";
import {HOSTILE, hostilePeriod} from "../fixtures/charts/hostile.js";

const renderAll = (charts: Parameters<typeof renderChart>[0][]) => Promise.all(charts.map(renderChart));

test("renderChart: SVG with a viewBox matching its size, no script, compiled vega spec", async () => {
  const charts = await renderAll(chartSpecs(fixture("week"), actionPalette(FIXTURE_ACTIONS)));
  for (const chart of charts) {
    const root = /^<svg\b[^>]*>/.exec(chart.svg)?.[0] ?? "";
    const [, width, height] = /\bwidth="(\d+)" height="(\d+)"/.exec(root) ?? [];
    // one width for all, so the page scales them alike
    assert.is(width, "720", chart.id);
    assert.match(root, `viewBox="0 0 ${width} ${height}"`, chart.id);
    assert.not.match(chart.svg, /<script/i, chart.id);
    assert.ok(Array.isArray(chart.vega.marks), chart.id);
  }
});

test("renderChart: non-empty charts render without a vega or vega-lite warning", async () => {
  const warnings: string[] = [];
  const render = chartRenderer((message) => warnings.push(message));
  for (const chart of chartSpecs(fixture("week"), actionPalette(FIXTURE_ACTIONS))) {
    if (chart.id !== "top-pages") await render(chart); // week 10 has no page: empty chart
  }
  assert.equal(warnings, []);
});

test("renderChart: hostile log strings are escaped text in every chart", async () => {
  const charts = await renderAll(chartSpecs(hostilePeriod(), actionPalette(HOSTILE)));
  const svg = charts.map((chart) => chart.svg).join("\n");
  assert.not.match(svg, /<script/i);
  assert.not.match(svg, /<img/i);
  assert.not.match(svg, /<!--/);
  assert.not.match(svg, /\u202E/);
  // every "&" starts an entity
  assert.not.match(svg, /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/);
  assert.match(svg, ">&lt;script&gt;alert(1)&lt;/script&gt;</text>");
  assert.match(svg, ">&lt;/script&gt;&lt;!--</text>");
  assert.match(svg, ">&amp;amp;</text>");
  assert.match(svg, ">evil[U+202E]txt.exe</text>");
  // in attributes (aria-label) the quote is escaped too
  assert.match(svg, /aria-label="[^"]*&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;/);
});

test("renderChart: a 60-character action name is drawn whole in the legend", async () => {
  const long = `publish_dataset_with_a_very_long_name_${"x".repeat(22)}`;
  assert.is(long.length, 60);
  const palette = actionPalette([long, "add_user"]);
  const indicators = {...fixture("next-week"), distribution: [{action: long, count: 3, share: 0.6}, {action: "add_user", count: 2, share: 0.4}]};
  indicators.actions = {...indicators.actions, series: [{bucket: "2025-03-11", action: long, count: 3}]};
  const [actions] = await renderAll(chartSpecs(indicators, palette).filter((chart) => chart.id === "actions"));
  const [donut] = await renderAll(chartSpecs(indicators, palette).filter((chart) => chart.id === "distribution"));
  for (const chart of [actions, donut]) {
    const texts = [...chart.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
    assert.ok(texts.some((text) => text.startsWith(long)), chart.id);
    assert.not.ok(texts.some((text) => text.includes("…")), chart.id);
  }
});

test("withViewBox: adds a viewBox when the renderer left none, keeps an existing one", () => {
  assert.is(withViewBox('<svg width="10" height="20"><g/></svg>'), '<svg viewBox="0 0 10 20" width="10" height="20"><g/></svg>');
  const has = '<svg width="10" height="20" viewBox="0 0 10 20"></svg>';
  assert.is(withViewBox(has), has);
});

test("roundGeometry: coordinates get 2 decimals, text and labels keep theirs", () => {
  const svg = '<path transform="translate(338.7096774193549,-7.0049)" d="M2.646,0L1.5,2" aria-label="v1.23456"/><text>v1.23456</text>';
  assert.is(
    roundGeometry(svg),
    '<path transform="translate(338.71,-7)" d="M2.65,0L1.5,2" aria-label="v1.23456"/><text>v1.23456</text>',
  );
});

test("chartsJson: no '<' survives, so the JSON can sit in a <script> block; round-trips", async () => {
  const charts = await renderAll(chartSpecs(hostilePeriod(), actionPalette(HOSTILE)).slice(0, 1));
  const text = chartsJson(charts);
  assert.not.match(text, /</);
  const parsed = JSON.parse(text);
  assert.equal(parsed.charts[0].vega, JSON.parse(JSON.stringify(charts[0].vega)));
  assert.equal(Object.keys(parsed.charts[0]), ["id", "vega"]);
});

test.run();
