/**
 * Screenshots the report site as a reader sees it: the index and one month page, served over HTTP
 * from 127.0.0.1 and shown in headless Chromium (Debian's /usr/bin/chromium, through playwright-core)
 * once the live charts have replaced the baked SVGs. Writes docs/site-index.png and
 * docs/site-period.png, 1280 px wide, the top of the page down to --max-height, and
 * docs/site-keyboard-legend.png: the month's Actions chart after Tab reached a legend button and
 * Enter picked that action (focus ring, pressed button, status text).
 *
 *   npx tsx scripts/screenshot-site.ts                  # builds the sample (data/) into a temp folder
 *   npx tsx scripts/screenshot-site.ts --report dist    # an already built site
 *        [--period month:2026-03] [--width 1280] [--max-height 2400] [--out-dir docs] [--dark]
 *        [--shots index,period,keyboard-legend]
 *        [--as-of YYYY-MM-DD] [--name site-quiet-week] [--no-index]
 *
 * --name writes the period's shot as docs/<name>.png (and --no-index leaves the index out): e.g. a
 * quiet week, a month so far, the log's first, partial month. A period without actions has no
 * charts to wait for.
 *
 * The default period is the sample's busiest month (most actions), which fills every chart.
 * It does not check anything: the tests in test/browser/ do.
 */
import {mkdtemp, readFile, rm, stat} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {parseArgs} from "node:util";
import type {Browser} from "playwright-core";
import {build} from "../src/build.js";
import {buildConfig} from "../src/config.js";
import {readConfigFile} from "../src/options.js";
import type {ReportJson} from "../src/site/types.js";
import {launchBrowser, serveFolder, waitForLiveCharts} from "../test/browser/helpers.js";

const {values} = parseArgs({
  options: {
    report: {type: "string"},
    config: {type: "string", default: "data/activity-report.json"},
    period: {type: "string"},
    width: {type: "string", default: "1280"},
    "max-height": {type: "string", default: "2400"},
    "out-dir": {type: "string", default: "docs"},
    dark: {type: "boolean", default: false},
    "as-of": {type: "string"},
    name: {type: "string", default: "site-period"},
    "no-index": {type: "boolean", default: false},
    shots: {type: "string", default: "index,period,keyboard-legend"},
  },
});

/** The built site's folder: --report, or the sample built into a temp folder (removed at the end). */
async function siteFolder(): Promise<{dir: string; temporary: boolean}> {
  if (values.report !== undefined) return {dir: values.report, temporary: false};
  const fromFile = await readConfigFile(values.config, (file) => readFile(file, "utf8"));
  const dir = path.join(await mkdtemp(path.join(tmpdir(), "site-screenshot-")), "site");
  const summary = await build(buildConfig({...fromFile, out: dir, quiet: true, ...(values["as-of"] ? {"as-of": values["as-of"]} : {})}), {
    now: () => new Date(),
    log: () => {},
    progress: () => {},
  });
  console.log(`built ${summary.accepted} rows, ${summary.periods} periods in ${summary.seconds} s`);
  return {dir, temporary: true};
}

/** The month page to show: --period "month:KEY", else the month with the most actions. */
function periodOf(report: ReportJson): ReportJson["periods"][number] {
  const months = report.periods.filter((p) => p.type === "month");
  const wanted = values.period?.split(":");
  const period = wanted
    ? report.periods.find((p) => p.type === wanted[0] && p.key === wanted[1])
    : months.reduce<(typeof months)[number] | undefined>((best, p) => (!best || p.actions > best.actions ? p : best), undefined);
  if (!period) throw new Error(`no period ${values.period ?? "of type month"} in the report`);
  return period;
}

async function shoot(browser: Browser, url: string, out: string, live: boolean): Promise<void> {
  const width = Number(values.width);
  const page = await browser.newPage({viewport: {width, height: 900}, colorScheme: values.dark ? "dark" : "light"});
  await page.goto(url, {waitUntil: "networkidle"});
  if (live) {
    const states = await waitForLiveCharts(page);
    if (states.some((state) => !state.endsWith(":true"))) console.warn(`charts not all live: ${states.join(", ")}`);
  }
  const height = Math.min(Number(values["max-height"]), await page.evaluate(() => document.documentElement.scrollHeight));
  await page.screenshot({path: out, fullPage: true, clip: {x: 0, y: 0, width, height}});
  await page.close();
  console.log(`wrote ${out} (${width} x ${height}, ${Math.round((await stat(out)).size / 1024)} KB)`);
}

/** The Actions section of a month page, the keyboard on its second legend button, that action picked. */
async function shootKeyboardLegend(browser: Browser, url: string, out: string): Promise<void> {
  const page = await browser.newPage({viewport: {width: Number(values.width), height: 900}, colorScheme: values.dark ? "dark" : "light"});
  await page.goto(url, {waitUntil: "networkidle"});
  await waitForLiveCharts(page);
  await page.focus("#chart-actions .chart-svg");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForSelector('#chart-actions button[aria-pressed="true"]');
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.locator("#indicator-actions").screenshot({path: out});
  await page.close();
  console.log(`wrote ${out} (${Math.round((await stat(out)).size / 1024)} KB)`);
}

const shots = new Set(values.shots.split(","));
const {dir, temporary} = await siteFolder();
const server = await serveFolder(dir);
const browser = await launchBrowser();
try {
  const report = JSON.parse(await readFile(path.join(dir, "report.json"), "utf8")) as ReportJson;
  const suffix = values.dark ? "-dark" : "";
  const period = periodOf(report);
  const url = `${server.origin}/${period.path}index.html`;
  if (shots.has("index") && !values["no-index"])
    await shoot(browser, `${server.origin}/index.html`, path.join(values["out-dir"], `site-index${suffix}.png`), false);
  if (shots.has("period")) await shoot(browser, url, path.join(values["out-dir"], `${values.name}${suffix}.png`), period.actions > 0);
  if (shots.has("keyboard-legend") && period.actions > 0)
    await shootKeyboardLegend(browser, url, path.join(values["out-dir"], `site-keyboard-legend${suffix}.png`));
} finally {
  await browser.close();
  await server.close();
  if (temporary) await rm(path.dirname(dir), {recursive: true, force: true});
}
