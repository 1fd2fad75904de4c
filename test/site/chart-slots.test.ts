import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtemp, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {CHART_SPECS_SLOT, chartSlot, fillChartSlots} from "../../src/site/chart-slots.js";
import {chartSpecsJson} from "../../src/site/chart-specs.js";
import {renderSite} from "../../src/site/render-site.js";
import {CHART_IDS, siteInput} from "../fixtures/site/site-input.js";

let dir = "";
const svgOf = (id: string) => `<svg class="marks"><clipPath id="clip1"/><g clip-path="url(#clip1)"><text>${id}</text></g></svg>`;
/** a compiled spec of chart `id`, holding a log string that would close a script element */
const vegaOf = (id: string) => ({description: `${id} </script><!--`, data: [{name: "source_0", values: [{action: "</script>"}]}]});

test.before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "chart-slots-"));
});

test.after(async () => {
  await rm(dir, {recursive: true, force: true});
});

test("a page laid out with slots, then filled, equals the page laid out with the SVGs", async () => {
  // the same site twice: with the SVGs, and with slots filled afterwards
  const direct = siteInput(path.join(dir, "direct"));
  const slotted = siteInput(path.join(dir, "slotted"));
  for (const page of [...direct.pages, ...slotted.pages]) for (const chart of page.charts) chart.svg = svgOf(chart.id);
  for (const page of slotted.pages) for (const chart of page.charts) chart.svg = chartSlot(chart.id);
  for (const page of direct.pages) page.chartSpecs = chartSpecsJson(page.charts.map(({id}) => ({id, vega: vegaOf(id)})));
  for (const page of slotted.pages) page.chartSpecs = CHART_SPECS_SLOT;
  await renderSite(direct);
  await renderSite(slotted);
  const march = "month/2025-03/index.html";
  const before = await readFile(path.join(slotted.outDir, march), "utf8");
  assert.is(before.split("<!--chart-svg:").length - 1, CHART_IDS.length, "one slot per chart");
  assert.is(before.split(CHART_SPECS_SLOT).length - 1, 1, "one slot for the specs");
  await fillChartSlots(
    path.join(slotted.outDir, march),
    CHART_IDS.map((id) => ({id, svg: svgOf(id), vega: vegaOf(id)})),
  );
  const filled = await readFile(path.join(slotted.outDir, march), "utf8");
  assert.is(filled, await readFile(path.join(direct.outDir, march), "utf8"));
  assert.ok(filled.includes(`<clipPath id="svg-top-users-clip1"/><g clip-path="url(#svg-top-users-clip1)">`), "ids scoped per chart");
  const block = /<script type="application\/json" id="chart-specs">([^<]*)<\/script>/.exec(filled);
  assert.ok(block, "the specs block holds no '<'");
  assert.equal(
    JSON.parse(block[1]).charts.map((chart: {id: string}) => chart.id),
    CHART_IDS,
  );
  assert.is(filled.split("</script>").length - 1, 2, "the live-charts script and the specs block: no other </script>");
});

test("a slot written by the log is escaped by the templates, so it is never filled", async () => {
  const input = siteInput(path.join(dir, "forged"));
  const forged = chartSlot("users");
  const march = input.pages[1];
  for (const chart of march.charts) {
    chart.summary = `by ${forged}`;
    chart.svg = chart.id === "actions" ? chartSlot("actions") : "";
  }
  march.charts = march.charts.filter((chart) => chart.id === "actions" || chart.id === "users");
  march.charts[1].svg = "<svg>users</svg>";
  await renderSite(input);
  const page = path.join(input.outDir, march.period.path, "index.html");
  await fillChartSlots(page, [{id: "actions", svg: "<svg>actions</svg>", vega: {}}]);
  const html = await readFile(page, "utf8");
  assert.ok(html.includes("<svg>actions</svg>"));
  assert.ok(html.includes("by &lt;!--chart-svg:users--&gt;"), "the forged slot stays text");
  assert.not.ok(html.includes(forged));
});

test("a page without slots (no activity) is left as it is", async () => {
  const page = path.join(dir, "empty.html");
  await writeFile(page, "<p>No activity in this period</p>");
  await fillChartSlots(page, [{id: "actions", svg: "<svg/>", vega: {}}]);
  assert.is(await readFile(page, "utf8"), "<p>No activity in this period</p>");
});

test("a slot without its chart, or a slot twice, is an error naming the page", async () => {
  const page = path.join(dir, "bad.html");
  await writeFile(page, `<div>${chartSlot("users")}</div>`);
  try {
    await fillChartSlots(page, [{id: "actions", svg: "<svg/>", vega: {}}]);
    assert.unreachable("no error");
  } catch (error) {
    assert.match((error as Error).message, /bad\.html: the slot of chart "users" has no chart/);
  }
  await writeFile(page, `${chartSlot("users")}${chartSlot("users")}`);
  try {
    await fillChartSlots(page, [{id: "users", svg: "<svg/>", vega: {}}]);
    assert.unreachable("no error");
  } catch (error) {
    assert.match((error as Error).message, /bad\.html: the slot of chart "users" appears twice/);
  }
  assert.is(await readFile(page, "utf8"), `${chartSlot("users")}${chartSlot("users")}`, "the page is not written");
});

test.run();
