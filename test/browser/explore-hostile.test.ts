/**
 * The explorer on hostile logs, and from disk. test/fixtures/browser/hostile.csv puts markup, script
 * URLs, a comment opener and template syntax in every column: picked as filters (from the URL, in
 * the text fields), drilled into and searched, they stay text; no dialog, no element from the log.
 * A copy opened from file:// loads its data with <script src> (fetch() is blocked there) and shows
 * the same figures as served.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import path from "node:path";
import {pathToFileURL} from "node:url";
import type {Page} from "playwright-core";
import {browserSession, builtSite, cspViolations, HOSTILE_FIXTURE, launchBrowser, LOG_FIXTURE, recordCspViolations, watchPage} from "./helpers.js";

const HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</script><!--", "javascript:alert(1)", "{{7*7}}"];

const session = browserSession(HOSTILE_FIXTURE, "month");
test.after(() => session.close());

const ready = (page: Page) => page.waitForFunction(() => document.getElementById("main")?.dataset.state === "ready", null, {timeout: 30_000});

async function assertInert(page: Page): Promise<void> {
  assert.is(await page.locator("img, iframe, object, embed").count(), 0, "injected elements");
  const scripts = await page.$$eval("script", (nodes) => nodes.map((node) => node.getAttribute("src")));
  assert.ok(
    scripts.every((src) => src === "../assets/explore.js" || /^data\/(rows-)?[\w-]+\.js$/.test(src ?? "")),
    scripts.join(" "),
  );
  assert.is(await page.evaluate(() => document.querySelectorAll("[onerror], [onload], a[href^='javascript:' i]").length), 0);
}

test("hostile values as every filter, drilled into and searched, stay text", async () => {
  const {browser, url} = await session.get();
  const context = await browser.newContext();
  await recordCspViolations(context);
  const page = await context.newPage();
  const problems = watchPage(page);
  for (const value of HOSTILE) {
    for (const filter of ["subdomain", "action", "user", "dataset", "page"]) {
      await page.goto(url(`explore/index.html?from=2026-03-01&to=2026-03-31&${filter}=${encodeURIComponent(value)}`));
      await ready(page);
      await assertInert(page);
      if (filter === "user" || filter === "dataset" || filter === "page") assert.is(await page.locator(`#filter-${filter}`).inputValue(), value);
    }
  }
  // the user "<script>alert(1)</script>" from the top list: its rows, searched for markup
  await page.goto(url("explore/index.html?from=2026-03-01&to=2026-03-31"));
  await ready(page);
  const button = page.locator("#more-top-users button", {hasText: "<script>alert(1)</script>"});
  await button.click();
  await page.waitForSelector("#rows-table tbody tr");
  await page.fill("#rows-search", "<img");
  await assertInert(page);
  const cells = await page.locator("#rows-table tbody td").allTextContents();
  assert.ok(
    cells.some((cell) => cell.includes("<img src=x")),
    cells.join(" | "),
  );
  // typed into a text field
  await page.fill("#filter-dataset", '"><img src=x onerror=alert(1)>');
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.search.includes("dataset="));
  await ready(page);
  await assertInert(page);
  assert.equal(await cspViolations(page), []);
  assert.equal(problems, []);
  await context.close();
});

test("file://: the explorer loads its data from disk and shows the figures served", async () => {
  const dir = await builtSite(LOG_FIXTURE);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    await page.goto(pathToFileURL(path.join(dir, "explore/index.html")).href + "?from=2026-03-01&to=2026-03-31");
    await ready(page);
    assert.is((await page.locator("figure[data-live='true']").count()) > 0, true);
    const indicators = JSON.parse(await (await import("node:fs/promises")).readFile(path.join(dir, "month/2026-03/indicators.json"), "utf8"));
    assert.match((await page.textContent("#explore-figures"))!, new RegExp(`Actions${indicators.totals.actions}Users${indicators.totals.users}`));
    for (const request of requested) assert.ok(request.startsWith(pathToFileURL(dir).href), request);
    assert.equal(problems, []);
  } finally {
    await browser.close();
  }
});

test.run();
