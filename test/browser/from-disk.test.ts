/**
 * A copy of the report opened from disk (file://) works like the hosted one: Chromium blocks
 * fetch() there, so the March 2026 page of test/fixtures/build/log.csv must go live from its own
 * chart-specs block, with the legend buttons and the tooltips, and no console error.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import path from "node:path";
import {pathToFileURL} from "node:url";
import type {Browser, Page} from "playwright-core";
import {builtSite, CHART_IDS, launchBrowser, LOG_FIXTURE, MONTH_PAGE, waitForLiveCharts} from "./helpers.js";

let browser: Browser | undefined;
test.after(() => browser?.close());

/** Console errors, page errors and failed requests: watchPage counts every file:// request as foreign. */
function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  return problems;
}

test("file://: the month page goes live, its legend filters, its tooltips show, with no console error", async () => {
  const dir = await builtSite(LOG_FIXTURE);
  browser = await launchBrowser();
  const page = await browser.newPage();
  const problems = problemsOf(page);
  const requested: string[] = [];
  page.on("request", (request) => requested.push(request.url()));
  const url = pathToFileURL(path.join(dir, MONTH_PAGE)).href;
  await page.goto(url);
  assert.equal(
    await waitForLiveCharts(page),
    CHART_IDS.map((id) => `${id}:true`),
  );
  assert.is(await page.locator("figure[data-chart] > .chart-svg > .chart-live > svg").count(), 8);
  // every request is a file of the copy, and none is charts.json
  for (const request of requested) assert.ok(request.startsWith(pathToFileURL(dir).href), request);
  assert.not.ok(
    requested.some((request) => request.endsWith("charts.json")),
    requested.join(" "),
  );

  // the legend: Enter on Edit dataset's button (the edit_dataset action) leaves its line only (5 of 6 lines at opacity 0)
  const lines = () => page.$$eval("#chart-actions .chart-live g.mark-line path", (paths) => paths.map((p) => p.getAttribute("opacity")));
  assert.ok((await lines()).every((opacity) => opacity === "1"));
  await page.locator('#chart-actions button.legend-entry[data-action="Edit dataset"]').press("Enter");
  await page.waitForFunction(() => document.querySelectorAll('#chart-actions g.mark-line path[opacity="0"]').length === 5);
  assert.is(await page.locator("#chart-actions .legend-status").textContent(), "Showing 1 of 6 actions: Edit dataset (2 actions).");
  await page.locator("#chart-actions button.legend-reset").click();
  await page.waitForFunction(() => document.querySelectorAll('#chart-actions g.mark-line path[opacity="0"]').length === 0);

  // a tooltip: vega's title attribute on the live container
  await page.locator("#chart-actions .chart-live g.mark-symbol path").first().hover();
  const tip = await page.waitForFunction(() => document.querySelector("#chart-actions .chart-live[title]")?.getAttribute("title"));
  // e.g. "Edit dataset (edit_dataset), 12 Mar: 2 actions" (an id that is no plain name, such as the
  // fixture's =HYPERLINK("x"), shows as its label only): the day as on the axis
  const tipText = String(await tip.jsonValue());
  assert.match(tipText, /^[^,]+, \d{1,2} Mar: \d+ actions?$/, tipText);
  assert.equal(problems, []);
  await page.close();
});

test.run();
