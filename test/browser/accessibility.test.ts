/**
 * axe-core on the built site of test/fixtures/build/log.csv: no serious or critical violation on
 * the index or on the March 2026 page (with its live charts, before and after an action is picked
 * from the legend buttons), in the light and in the dark scheme.
 * axe is evaluated through the devtools protocol, which the page's CSP (`script-src 'self'`) does not
 * govern, so the context needs no `bypassCSP` and the page runs under its real policy.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {readFile} from "node:fs/promises";
import {createRequire} from "node:module";
import type {Page} from "playwright-core";
import {browserSession, LOG_FIXTURE, MONTH_PAGE, waitForLiveCharts} from "./helpers.js";

const session = browserSession(LOG_FIXTURE);
test.after(() => session.close());

const axeSource = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeReport {
  /** serious and critical violations, one entry per rule with its first targets */
  serious: {id: string; impact: string; nodes: string[]}[];
  /** how many rules passed: a check that axe looked at the page at all */
  passed: number;
}

/** Runs axe (injected once per page) on the page as it is now. */
async function axeReport(page: Page): Promise<AxeReport> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(await axeSource);
  return page.evaluate(async () => {
    type Result = {id: string; impact: string; nodes: {target: string[]}[]};
    const axe = (window as unknown as {axe: {run: (context: Document, options: object) => Promise<{violations: Result[]; passes: Result[]}>}}).axe;
    const {violations, passes} = await axe.run(document, {resultTypes: ["violations"]});
    return {
      serious: violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((node) => node.target.join(" "))})),
      passed: passes.length,
    };
  });
}

/** Checks the page in the light scheme, then, without reloading, in the dark one. */
async function checkBothSchemes(page: Page): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({colorScheme});
    assert.is(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches), colorScheme === "dark");
    const {serious, passed} = await axeReport(page);
    assert.equal(serious, [], colorScheme);
    assert.ok(passed > 10, `${colorScheme}: ${passed} rules passed`);
  }
}

test("axe, light and dark: no serious or critical violation on the index", async () => {
  const {browser, url} = await session.get();
  const page = await browser.newPage();
  await page.goto(url("index.html"));
  await checkBothSchemes(page);
  await page.close();
});

test("axe, light and dark: no serious or critical violation on the month page, live charts running", async () => {
  const {browser, url} = await session.get();
  const page = await browser.newPage();
  await page.goto(url(MONTH_PAGE));
  await waitForLiveCharts(page);
  // open every "Show data" table so axe checks them too
  await page.$$eval("details.chart-data", (all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
  await checkBothSchemes(page);
  // and with an action picked from the legend buttons: pressed buttons, the status text
  await page.locator("#chart-actions button.legend-entry").first().press("Enter");
  await page.waitForSelector('#chart-actions button[aria-pressed="true"]');
  await checkBothSchemes(page);
  await page.close();
});

test.run();
