/**
 * The explorer (explore/index.html) in Chromium, on the sample log built as of 2026-12-07 in
 * Europe/Paris and served on 127.0.0.1, under the page's real CSP: its figures for every baked
 * period's days equal that period's indicators.json (less `period` and the frame fields, which
 * place a period among the others: comparison, dataFrom, previousAction); those of other days and
 * of filters equal scripts/verify-indicators.py's independent computation; the URL round trip, a
 * drill-down from a top list, the keyboard, axe, no CSP violation and no foreign request.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {execFileSync} from "node:child_process";
import {rmSync} from "node:fs";
import {mkdtemp, readFile, writeFile} from "node:fs/promises";
import {createRequire} from "node:module";
import {tmpdir} from "node:os";
import path from "node:path";
import Papa from "papaparse";
import type {Browser, Page} from "playwright-core";
import {build} from "../../src/build.js";
import {buildConfig} from "../../src/config.js";
import {cspViolations, launchBrowser, recordCspViolations, serveFolder, watchPage, type StaticServer} from "./helpers.js";

const SAMPLE = "data/sample-activity.csv";
const AS_OF = "2026-12-07";
const ZONE = "Europe/Paris";

let browser: Browser | undefined;
let server: StaticServer | undefined;
let dir = "";
test.before(async () => {
  const root = await mkdtemp(path.join(tmpdir(), "ar-explore-"));
  process.once("exit", () => rmSync(root, {recursive: true, force: true}));
  dir = path.join(root, "site");
  const config = buildConfig({input: [path.resolve(SAMPLE)], out: dir, tz: ZONE, "as-of": AS_OF, workers: "0"});
  await build(config, {now: () => new Date("2026-12-08T06:00:00Z"), log: () => {}, progress: () => {}});
  [server, browser] = await Promise.all([serveFolder(dir), launchBrowser()]);
});
test.after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page of a fresh context that records CSP violations and every problem watchPage sees. */
async function newPage(): Promise<{page: Page; problems: string[]}> {
  const context = await browser!.newContext({acceptDownloads: true});
  await recordCspViolations(context);
  const page = await context.newPage();
  return {page, problems: watchPage(page)};
}

/** Waits until the figures shown are those of the URL's query `query` (e.g. "?from=...&to=..."). */
async function ready(page: Page, query?: string): Promise<void> {
  await page.waitForFunction(
    (want) => document.getElementById("main")?.dataset.state === "ready" && (want === null || location.search === want),
    query ?? null,
    {timeout: 30_000},
  );
}

async function open(page: Page, query: string): Promise<void> {
  await page.goto(`${server!.origin}/explore/index.html${query}`);
  await ready(page);
}

/** What #download-figures gives, parsed. */
async function downloadedFigures(page: Page): Promise<Record<string, unknown>> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-figures")]);
  return JSON.parse(await readFile((await download.path())!, "utf8"));
}

const query = (selection: Record<string, string>) => `?${new URLSearchParams(selection)}`;

test("every baked period: the explorer's figures on its days equal its indicators.json", async () => {
  const {page, problems} = await newPage();
  const report = JSON.parse(await readFile(path.join(dir, "report.json"), "utf8")) as {periods: {path: string}[]};
  assert.ok(report.periods.length > 50, `${report.periods.length} periods`);
  for (const {path: periodPath} of report.periods) {
    const built = JSON.parse(await readFile(path.join(dir, periodPath, "indicators.json"), "utf8"));
    const to = new Date(Date.parse(built.period.end.slice(0, 10) + "T00:00:00Z") - 86_400_000).toISOString().slice(0, 10);
    await open(page, query({from: built.period.start.slice(0, 10), to}));
    const figures = await downloadedFigures(page);
    const {period: _period, comparison: _c, dataFrom: _d, previousAction: _p, ...expected} = built;
    const {selection, ...got} = figures;
    assert.equal(selection, {from: built.period.start.slice(0, 10), to, subdomain: null, action: null, user: null, dataset: null, page: null});
    assert.equal(got, expected, periodPath);
  }
  assert.equal(await cspViolations(page), []);
  assert.equal(problems, []);
});

test("days that are no period and filters: the figures equal verify-indicators.py's", async () => {
  const {page, problems} = await newPage();
  const days = {from: "2026-02-27", to: "2026-04-03"};
  await open(page, query({...days, subdomain: "culture"}));
  const busiest = (await downloadedFigures(page)).topUsers as {user_id: string}[];
  const selections = [
    days,
    {...days, subdomain: "culture"},
    {...days, subdomain: ""},
    {...days, subdomain: "culture", user: busiest[0].user_id},
    {...days, dataset: "perturbations-transports"},
    {...days, action: "edit_dataset"},
    {from: "2025-06-01", to: "2026-12-31"},
  ];
  for (const selection of selections) {
    await open(page, query(selection));
    const figures = await downloadedFigures(page);
    const file = path.join(path.dirname(dir), "figures.json");
    await writeFile(file, JSON.stringify(figures));
    const args = ["scripts/verify-indicators.py", "--out", dir, "--tz", ZONE, "--as-of", AS_OF, "--selection", file, SAMPLE];
    let output: string;
    try {
      output = execFileSync("python3", args, {encoding: "utf8"});
    } catch (error) {
      output = String((error as {stdout?: string}).stdout);
      assert.unreachable(output);
    }
    assert.match(output, /\n0 differences\n$/, output);
    assert.ok((figures.totals as {actions: number}).actions > 0, JSON.stringify(selection));
  }
  assert.equal(await cspViolations(page), []);
  assert.equal(problems, []);
});

test("URL round trip: a filter change is a history entry, Back restores the selection and its figures", async () => {
  const {page, problems} = await newPage();
  const first = query({from: "2026-02-27", to: "2026-04-03", subdomain: "culture"});
  await open(page, first);
  assert.is(await page.locator("#filter-from").inputValue(), "2026-02-27");
  const before = await page.textContent("#explore-figures");
  await page.selectOption("#filter-action", "edit_dataset");
  const second = query({from: "2026-02-27", to: "2026-04-03", subdomain: "culture", action: "edit_dataset"});
  await ready(page, second);
  assert.is.not(await page.textContent("#explore-figures"), before);
  await page.goBack();
  await ready(page, first);
  assert.is(await page.locator("#filter-action").inputValue(), "");
  assert.is(await page.textContent("#explore-figures"), before);
  await page.goForward();
  await ready(page, second);
  assert.is(await page.locator("#filter-action").inputValue(), "edit_dataset");
  assert.equal(problems, []);
});

test("drill-down: the most active user of a top list filters to that user and shows their rows", async () => {
  const {page, problems} = await newPage();
  await open(page, query({from: "2026-02-27", to: "2026-04-03", subdomain: "culture"}));
  const user = (await page.locator("#more-top-users button").first().textContent())!;
  await page.locator("#more-top-users button").first().click();
  await ready(page, query({from: "2026-02-27", to: "2026-04-03", subdomain: "culture", user}));
  assert.is(await page.locator("#filter-user").inputValue(), user);
  await page.waitForSelector("#rows-table tbody tr");
  const users = await page.locator("#rows-table tbody tr td:nth-child(3)").allTextContents();
  assert.ok(users.length > 0 && users.every((cell) => cell === user), users.join(","));
  // "Show 20 more" on the datasets they worked on
  const shown = await page.locator("#more-top-datasets li").count();
  if (!(await page.locator("#show-more-top-datasets").isHidden())) {
    await page.click("#show-more-top-datasets");
    assert.ok((await page.locator("#more-top-datasets li").count()) > shown);
  }
  // the rows' search keeps the matching ones
  const all = await page.locator("#rows-table tbody tr").count();
  await page.fill("#rows-search", "publish");
  const found = await page.locator("#rows-table tbody tr").allTextContents();
  assert.ok(found.length > 0 && found.length <= all && found.every((row) => row.toLowerCase().includes("publish")), found.join("\n"));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-rows")]);
  const csv = await readFile((await download.path())!, "utf8");
  assert.match(csv, /^"timestamp","action","user_id",/);
  assert.equal(problems, []);
});

test("#download-rows of all time: the rows of all time's activity.csv, row by row (instant, columns, target, diff)", async () => {
  const {page, problems} = await newPage();
  const report = JSON.parse(await readFile(path.join(dir, "report.json"), "utf8")) as {periods: {type: string; path: string; start: string; end: string}[]};
  const all = report.periods.find((period) => period.type === "all")!;
  await open(page, query({from: all.start.slice(0, 10), to: AS_OF}));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-rows")]);
  const parse = (text: string) => Papa.parse<Record<string, string>>(text, {header: true, skipEmptyLines: true}).data;
  const rows = parse(await readFile((await download.path())!, "utf8"));
  const log = parse(await readFile(path.join(dir, all.path, "activity.csv"), "utf8"));
  assert.is(rows.length, log.length);
  // the target: the first of these that is not empty (what the rows file leaves to the month file, and what it holds)
  const targetOf = (row: Record<string, string>) =>
    ["dataset_id", "page_id", "map_id", "reuse_title", "group_id"].map((name) => row[name]).find((text) => text !== "") ?? "";
  let others = 0;
  log.forEach((row, i) => {
    const got = rows[i];
    const want = {
      time: Date.parse(row.timestamp),
      action: row.action,
      user_id: row.user_id,
      dataset_id: row.dataset_id,
      page_id: row.page_id,
      subdomain_id: row.subdomain_id,
      target: targetOf(row),
      diff: row.diff,
    };
    assert.equal({...got, time: Date.parse(got.timestamp), timestamp: undefined}, {...want, timestamp: undefined}, `row ${i + 1}`);
    if (row.dataset_id === "" && row.page_id === "" && want.target !== "") others++;
  });
  assert.ok(others > 100, `${others} rows whose target is a map, a reuse or a group`);
  assert.equal(problems, []);
});

test("a browser without DecompressionStream: the page says why it shows no figures", async () => {
  const {page} = await newPage();
  await page.addInitScript(() => delete (window as {DecompressionStream?: unknown}).DecompressionStream);
  await page.goto(`${server!.origin}/explore/index.html${query({from: "2026-03-01", to: "2026-03-31"})}`);
  await page.waitForFunction(() => document.getElementById("explore-status")?.textContent?.includes("DecompressionStream"), null, {timeout: 30_000});
  assert.match((await page.locator("#explore-status").textContent())!, /could not load its data: this browser has no DecompressionStream/);
  assert.is.not(await page.locator("#main").getAttribute("data-state"), "ready");
});

test("drill-down from a chart: a click on a bar of Actions by users filters to that user", async () => {
  const {page, problems} = await newPage();
  await open(page, query({from: "2026-03-01", to: "2026-03-31"}));
  const busiest = ((await downloadedFigures(page)).actionsByUser as {user_id: string}[])[0].user_id;
  // the first bar is the most active user's
  await page.locator("#chart-actions-by-user .chart-live g.mark-rect path").first().click();
  await ready(page, query({from: "2026-03-01", to: "2026-03-31", user: busiest}));
  assert.is(await page.locator("#filter-user").inputValue(), busiest);
  assert.equal(problems, []);
});

test("keyboard: a user typed in the field and Enter filter to that user", async () => {
  const {page, problems} = await newPage();
  await open(page, query({from: "2026-03-01", to: "2026-03-31"}));
  const user = (await page.locator("#more-top-users button").first().textContent())!;
  await page.focus("#filter-user");
  await page.keyboard.type(user);
  await page.keyboard.press("Enter");
  await ready(page, query({from: "2026-03-01", to: "2026-03-31", user}));
  // a drill button answers Enter too
  await page.locator("#more-top-datasets button").first().focus();
  const dataset = (await page.locator("#more-top-datasets button").first().textContent())!;
  await page.keyboard.press("Enter");
  await ready(page, query({from: "2026-03-01", to: "2026-03-31", user, dataset}));
  assert.equal(problems, []);
});

const axeSource = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

test("axe: no serious or critical violation, light and dark, drilled into a user", async () => {
  const {page, problems} = await newPage();
  await open(page, query({from: "2026-02-27", to: "2026-04-03", subdomain: "culture"}));
  await page.locator("#more-top-users button").first().click();
  await page.waitForSelector("#rows-table tbody tr");
  await ready(page);
  await page.evaluate(await axeSource);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({colorScheme});
    const serious = await page.evaluate(async () => {
      type Result = {id: string; impact: string; nodes: {target: string[]}[]};
      const axe = (window as unknown as {axe: {run: (context: Document, options: object) => Promise<{violations: Result[]}>}}).axe;
      const {violations} = await axe.run(document, {resultTypes: ["violations"]});
      return violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map(
          (v) =>
            `${v.id}: ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(" "))
              .join(", ")}`,
        );
    });
    assert.equal(serious, [], colorScheme);
  }
  assert.equal(problems, []);
});

test("links: the index and every period page open the explorer, a period on its days", async () => {
  const index = await readFile(path.join(dir, "index.html"), "utf8");
  assert.match(index, /<a id="explore-link" href="explore\/index.html">/);
  const month = await readFile(path.join(dir, "month/2026-03/index.html"), "utf8");
  assert.match(month, /<a id="explore-link" href="..\/..\/explore\/index.html\?from=2026-03-01&amp;to=2026-03-31">Explore this period<\/a>/);
});

test.run();
