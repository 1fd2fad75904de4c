/**
 * The live-charts runtime in Debian's Chromium, under a strict CSP (no 'unsafe-eval', no inline
 * script or style): the baked SVGs are replaced by live views, the legend filters, tooltips are
 * text, hostile strings stay text. Pages are served over HTTP from a temp folder.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {createServer, type Server} from "node:http";
import {mkdir, mkdtemp, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {extname, join} from "node:path";
import {chromium, type Browser, type Page} from "playwright-core";
import {bundleLiveCharts} from "../../../src/charts/bundle.js";
import {actionPalette} from "../../../src/charts/palette.js";
import {chartSpecs} from "../../../src/charts/registry.js";
import {renderChart} from "../../../src/charts/render.js";
import {chartSpecsJson} from "../../../src/site/chart-specs.js";
import type {RenderedChart} from "../../../src/charts/types.js";
import {fixture, FIXTURE_ACTIONS} from "../../fixtures/charts/load.js";
import {HOSTILE, hostilePeriod} from "../../fixtures/charts/hostile.js";

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:";
const TYPES: Record<string, string> = {".html": "text/html", ".js": "text/javascript", ".json": "application/json"};

let dir = "";
let server: Server;
let origin = "";
let browser: Browser;
let hostileSvgs: string[] = [];
/** "width x height" of each baked chart of the 31-day page, e.g. "360x481" */
let monthSizes: string[] = [];
/** the pages, opened once: the site-like week page, the hostile page, a 31-day page */
let week: {tab: Page; problems: string[]};
let month: {tab: Page; problems: string[]};
let hostile: {tab: Page; problems: string[]};

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (char) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})[char] as string);

/** The site's structure (`wrapped`): svg in a `.chart-svg` div, charts.json named on <main>. */
const page = (charts: RenderedChart[], {head = "", wrapped = false} = {}) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<link rel="icon" href="data:,"><title>charts</title>${head}
<script src="live-charts.js" defer></script></head><body><main${wrapped ? ' data-charts-json="data/charts.json"' : ""}>
${charts
  .map((chart) => {
    const svg = wrapped ? `<div class="chart-svg" role="img" aria-describedby="s-${chart.id}">${chart.svg}</div>` : chart.svg;
    return `<figure data-chart="${chart.id}">${svg}<figcaption id="s-${chart.id}">${escapeHtml(chart.summary)}</figcaption></figure>`;
  })
  .join("\n")}
</main></body></html>`;

/** Bundles, renders, serves and opens both pages once (a promise each test awaits: uvu exits 0
 * when a before hook throws, while a rejected await fails the test). */
async function prepare(): Promise<void> {
  dir = await mkdtemp(join(tmpdir(), "live-charts-"));
  await bundleLiveCharts(join(dir, "live-charts.js"));
  const weekCharts = await Promise.all(chartSpecs(fixture("week"), actionPalette(FIXTURE_ACTIONS)).map(renderChart));
  // the week's charts over 31 days: day labels stand on end, so an axis' height is a text width
  const days = Array.from({length: 31}, (_, i) => `2025-03-${String(i + 1).padStart(2, "0")}`);
  const weekIndicators = fixture("week");
  const longMonth = {...weekIndicators, actions: {...weekIndicators.actions, buckets: days}};
  const monthCharts = await Promise.all(chartSpecs(longMonth, actionPalette(FIXTURE_ACTIONS)).map(renderChart));
  monthSizes = monthCharts.map((chart) => {
    const root = /^<svg\b[^>]*>/.exec(chart.svg)?.[0] ?? "";
    return `${/\swidth="([\d.]+)"/.exec(root)?.[1]}x${/\sheight="([\d.]+)"/.exec(root)?.[1]}`;
  });
  const monthBlock = `<script type="application/json" id="chart-specs">${chartSpecsJson(monthCharts)}</script>`;
  await writeFile(join(dir, "month.html"), page(monthCharts, {head: monthBlock}));
  await mkdir(join(dir, "data"));
  await writeFile(join(dir, "data", "charts.json"), chartSpecsJson(weekCharts));
  await writeFile(join(dir, "week.html"), page(weekCharts, {wrapped: true}));
  const charts = await Promise.all(chartSpecs(hostilePeriod(), actionPalette(HOSTILE)).map(renderChart));
  hostileSvgs = charts.map((chart) => chart.svg);
  const block = `<script type="application/json" id="chart-specs">${chartSpecsJson(charts)}</script>`;
  await writeFile(join(dir, "hostile.html"), page(charts, {head: block}));
  server = createServer((request, response) => {
    const file = join(dir, new URL(request.url ?? "/", "http://localhost").pathname);
    readFile(file).then(
      (body) => response.writeHead(200, {"content-type": TYPES[extname(file)] ?? "application/octet-stream"}).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  origin = `http://127.0.0.1:${(server.address() as {port: number}).port}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  [week, hostile, month] = await Promise.all([open("week.html"), open("hostile.html"), open("month.html")]);
}
const ready = prepare();
ready.catch(() => {}); // reported by the tests that await it

test.after(async () => {
  await browser?.close();
  server?.close();
  await rm(dir, {recursive: true, force: true});
});

/** Opens a page, collecting console errors, page errors and CSP violations. */
async function open(name: string): Promise<{tab: Page; problems: string[]}> {
  const tab = await browser.newPage();
  const problems: string[] = [];
  tab.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
  tab.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  await tab.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as any).violations = [...((window as any).violations ?? []), `${event.violatedDirective} ${event.blockedURI}`];
    });
    window.alert = () => ((window as any).alerted = true);
  });
  await tab.goto(`${origin}/${name}`);
  await tab.waitForSelector("html[data-charts-ready]", {timeout: 20_000});
  problems.push(...((await tab.evaluate(() => (window as any).violations)) ?? []));
  return {tab, problems};
}

const lineOpacities = (tab: Page) =>
  tab.$$eval('figure[data-chart="actions"] .chart-live g.mark-line path', (paths) => paths.map((path) => path.getAttribute("opacity")));

test("live charts: every figure goes live under the CSP, with no eval and no violation", async () => {
  await ready;
  const {tab, problems} = week;
  const live = await tab.$$eval("figure[data-chart]", (figures) => figures.map((f) => `${f.dataset.chart}:${f.dataset.live}`));
  assert.equal(
    live,
    ["actions", "users", "actions-by-user", "top-users", "top-datasets", "top-pages", "distribution", "byWeekday"].map((id) => `${id}:true`),
  );
  // the baked SVG was replaced: one svg per figure, in the live container, inside the site's
  // wrapper, which keeps its accessibility attributes
  assert.is(await tab.$$eval("figure svg", (svgs) => svgs.length), 8);
  assert.is(await tab.$$eval("figure > .chart-svg > .chart-live > svg", (svgs) => svgs.length), 8);
  const aria = await tab.$eval('figure[data-chart="users"] > .chart-svg', (div) => [div.getAttribute("role"), div.getAttribute("aria-describedby")]);
  assert.equal(aria, ["img", "s-users"]);
  assert.equal(problems, []);
});

/** "width x height" of each live chart's SVG, and whether every one's drawing stays inside it */
const liveSizes = (tab: Page) =>
  tab.$$eval("figure .chart-live > svg", (svgs) =>
    svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      const inside = Array.from(svg.querySelectorAll("text")).every((text) => {
        const r = text.getBoundingClientRect();
        return r.width === 0 || (r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5);
      });
      return `${svg.getAttribute("width")}x${svg.getAttribute("height")}${inside ? "" : " (text cut)"}`;
    }),
  );

test("live charts: laid out at the figure's width (up to 720 px), again when it changes; text inside", async () => {
  await ready;
  const {tab, problems} = month;
  // the baked charts are all a phone's width
  for (const size of monthSizes) assert.match(size, /^360x/);
  // no site.css here: a figure in a 1280 px window is 1,184 px wide, so the live charts take 720
  const wide = await liveSizes(tab);
  assert.is(wide.length, 8);
  for (const size of wide) assert.match(size, /^720x\d+$/);
  // a 400 px window: figures 304 px wide, every chart laid out again at that width
  await tab.setViewportSize({width: 400, height: 800});
  await tab.waitForFunction(() => Array.from(document.querySelectorAll("figure .chart-live > svg")).every((svg) => svg.getAttribute("width") === "304"), null, {
    timeout: 10_000,
  });
  const narrow = await liveSizes(tab);
  for (const size of narrow) assert.match(size, /^304x\d+$/);
  // the bar charts grow no taller: a label above each bar, whatever the width
  assert.equal(
    narrow.slice(2, 6).map((size) => size.split("x")[1]),
    wide.slice(2, 6).map((size) => size.split("x")[1]),
  );
  await tab.setViewportSize({width: 1280, height: 720});
  await tab.waitForFunction(() => Array.from(document.querySelectorAll("figure .chart-live > svg")).every((svg) => svg.getAttribute("width") === "720"), null, {
    timeout: 10_000,
  });
  assert.equal(problems, []);
});

test("live charts: a legend button shows only that action; shift-click adds; a click on the plot resets", async () => {
  await ready;
  const {tab, problems} = week;
  const legend = (name: string) => tab.locator(`figure[data-chart="actions"] button.legend-entry[data-action="${name}"]`);
  assert.equal(await lineOpacities(tab), ["1", "1", "1"]);
  // lines are drawn in domain order: add_user, edit_dataset, publish_dataset, named as a reader reads them
  await legend("Add user").click();
  await tab.waitForFunction(() => document.querySelectorAll('figure[data-chart="actions"] g.mark-line path[opacity="0"]').length === 2);
  assert.equal(await lineOpacities(tab), ["1", "0", "0"]);
  await legend("Publish dataset").click({modifiers: ["Shift"]});
  await tab.waitForFunction(() => document.querySelectorAll('figure[data-chart="actions"] g.mark-line path[opacity="0"]').length === 1);
  assert.equal(await lineOpacities(tab), ["1", "0", "1"]);
  await tab.locator('figure[data-chart="actions"] .chart-live svg').click({position: {x: 300, y: 60}});
  await tab.waitForFunction(() => document.querySelectorAll('figure[data-chart="actions"] g.mark-line path[opacity="0"]').length === 0);
  assert.equal(problems, []);
});

test("live charts: a point's tooltip is plain text in a title attribute", async () => {
  await ready;
  const {tab} = week;
  const points = tab.locator('figure[data-chart="actions"] .chart-live g.mark-symbol path');
  await points.first().hover();
  const title = await tab.waitForFunction(() => document.querySelector('figure[data-chart="actions"] .chart-live[title]')?.getAttribute("title"));
  assert.match(String(await title.jsonValue()), /^[A-Z][a-z]+( [a-z]+)* \(\w+\), \d Mar: \d+ actions?$/);
});

test("live charts: hostile strings stay text, from an embedded JSON block, baked and live", async () => {
  await ready;
  const {tab, problems} = hostile;
  assert.equal(problems, []);
  assert.is(await tab.evaluate(() => (window as any).alerted), undefined);
  assert.is(await tab.$$eval("img", (images) => images.length), 0);
  // the bundle and the JSON block: no script came from the log
  assert.is(await tab.$$eval("script", (scripts) => scripts.length), 2);
  // action names are in the legend buttons, the rest in vega's text marks
  const texts = await tab.$$eval("figure .chart-live text, figure .legend-label", (nodes) => nodes.map((node) => node.textContent));
  for (const hostile of HOSTILE.slice(0, 4)) assert.ok(texts.includes(hostile), hostile);
  assert.ok(texts.includes("evil[U+202E]txt.exe"));
});

test("baked SVG: parses as XML in the browser, hostile strings as text nodes", async () => {
  await ready;
  const result = await hostile.tab.evaluate(
    (sources) =>
      sources.map((source) => {
        const doc = new DOMParser().parseFromString(source, "image/svg+xml");
        return {
          error: doc.getElementsByTagName("parsererror").length,
          scripts: doc.getElementsByTagName("script").length,
          texts: Array.from(doc.getElementsByTagName("text"), (node) => node.textContent),
        };
      }),
    hostileSvgs,
  );
  for (const chart of result) assert.equal([chart.error, chart.scripts], [0, 0]);
  assert.ok(result.flatMap((chart) => chart.texts).includes("<script>alert(1)</script>"));
});

test.run();
