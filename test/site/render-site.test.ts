import {test} from "uvu";
import * as assert from "uvu/assert";
import {existsSync} from "node:fs";
import {mkdtemp, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {renderSite} from "../../src/site/render-site.js";
import {HOSTILE, siteInput} from "../fixtures/site/site-input.js";

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'">`;
const ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
const PAGES = [
  "index.html",
  "month/2025-02/index.html",
  "month/2025-03/index.html",
  "month/2025-04/index.html",
  "week/2025-W01/index.html",
  "week/2025-W09/index.html",
  "quarter/2025-Q1/index.html",
  "year/2025/index.html",
  "all/index.html",
  "rolling/last-7-days/index.html",
];

let out = "";
let html: Record<string, string> = {};
const count = (text: string, part: string) => text.split(part).length - 1;

test.before(async () => {
  out = await mkdtemp(path.join(tmpdir(), "site-test-"));
  const started = performance.now();
  await renderSite(siteInput(out));
  console.log(`renderSite: ${Math.round(performance.now() - started)} ms for ${PAGES.length} pages`);
  html = Object.fromEntries(await Promise.all(PAGES.map(async (p) => [p, await readFile(path.join(out, p), "utf8")])));
});

test.after(async () => {
  await rm(out, {recursive: true, force: true});
});

test("Eleventy's watch-mode loader hook is turned off before Eleventy loads", () => {
  // with it, Node 20 starts a loader thread and every later import goes through it (eleventy-no-watch.ts)
  assert.is(process.env.ELEVENTY_SKIP_ESM_RESOLVER, "1");
});

test("writes every page, the stylesheet and the favicon", () => {
  for (const file of [...PAGES, "assets/site.css", "favicon.ico"]) assert.ok(existsSync(path.join(out, file)), file);
});

test("every page carries the CSP and has no inline script or style", () => {
  for (const [file, text] of Object.entries(html)) {
    assert.ok(text.includes(CSP), `${file}: CSP`);
    assert.not.match(text, /<script(?![^>]*\ssrc=)[^>]*>/, `${file}: a script without src`);
    assert.not.ok(text.includes(" style="), `${file}: a style attribute`);
    assert.not.match(text, /<style[\s>]/, `${file}: a style element`);
    assert.not.match(text, /(href|src)="(\/|https?:)/, `${file}: an absolute link`);
  }
});

test("hostile strings from the log come out escaped only", () => {
  for (const [file, text] of Object.entries(html)) assert.not.ok(text.includes(HOSTILE), `${file}: raw hostile string`);
  const march = html["month/2025-03/index.html"];
  // the title, the chart summaries and the Show-data cells (user id and action) of the eight charts
  assert.ok(count(march, ESCAPED) >= 1 + 7 * 3, "escaped copies");
  assert.ok(html["index.html"].includes(`<h1 id="site-title">data.example.org ${ESCAPED}</h1>`));
});

test("the index lists each type's periods newest first and links the downloads", () => {
  const index = html["index.html"];
  const at = (href: string) => index.indexOf(`href="${href}"`);
  assert.ok(at("month/2025-04/index.html") > 0);
  assert.ok(at("month/2025-04/index.html") < at("month/2025-03/index.html"));
  assert.ok(at("month/2025-03/index.html") < at("month/2025-02/index.html"));
  assert.ok(at("week/2025-W09/index.html") < at("week/2025-W01/index.html"));
  for (const id of ["months", "weeks", "quarters", "years", "rolling", "all-time"]) {
    assert.ok(index.includes(`href="#${id}"`) && index.includes(`id="${id}"`), `tab ${id}`);
  }
  assert.ok(index.includes('href="rejects.csv"'));
  assert.ok(index.includes('href="all/activity.csv"') && index.includes('href="all/activity.json"'));
  assert.ok(index.includes("Europe/Paris"));
  // March: 1,250 actions, +1,150% from February's 100
  assert.ok(index.includes("up 1,150% from 100 in February 2025"));
});

test("a period page: header, links, eight charts with data, source data", () => {
  const march = html["month/2025-03/index.html"];
  assert.ok(march.includes('<span class="period-title">March 2025</span>'));
  assert.ok(march.includes('href="../../month/2025-02/index.html"') && march.includes('href="../../month/2025-04/index.html"'));
  assert.ok(march.includes('href="../../quarter/2025-Q1/index.html"'));
  assert.is(count(march, '<section class="indicator"'), 8);
  assert.is(count(march, '<figure class="chart"'), 8);
  assert.is(count(march, '<div class="chart-svg" role="img"'), 8);
  assert.is(count(march, "<svg"), 8);
  assert.is(count(march, "<summary>Show data</summary>"), 8);
  assert.is(count(march, '<td class="num">1,234</td>'), 8);
  assert.ok(march.includes('aria-describedby="chart-users-summary"') && march.includes('id="chart-users-summary"'));
  assert.ok(march.includes('<a href="activity.csv" download>activity.csv</a> <span class="download-meta">CSV · 1,250 rows · 125\u00a0kB</span>'));
  assert.ok(march.includes('href="activity.json"'));
  assert.ok(march.includes('<script src="../../assets/live-charts.js" defer></script>'));
  const ids = [...march.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(ids.length, new Set(ids).size, "ids are unique");
});

test("a week page names its days and its zone", () => {
  const week = html["week/2025-W09/index.html"];
  assert.ok(week.includes('<span class="period-title">Week 9, 2025</span><span class="period-range"> · 24 Feb – 2 Mar</span>'));
  assert.ok(week.includes('<span class="time-zone">Europe/Paris</span>'));
  assert.ok(week.includes('href="../../month/2025-02/index.html">February 2025</a>'));
});

test("an empty period says so instead of showing charts", () => {
  for (const file of ["month/2025-04/index.html", "rolling/last-7-days/index.html"]) {
    const text = html[file];
    assert.ok(text.includes("No activity in this period"), file);
    assert.is(count(text, '<section class="indicator"'), 0, file);
    assert.not.ok(text.includes("live-charts.js"), file);
    assert.ok(text.includes('href="activity.csv"'), file);
  }
});

test.run();
