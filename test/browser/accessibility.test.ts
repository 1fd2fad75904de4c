/**
 * axe-core on the built site of test/fixtures/build/log.csv: no serious or critical violation on
 * the index or on the March 2026 page (with its live charts), in the light and in the dark scheme.
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

interface Finding {
  id: string;
  impact: string;
  nodes: string[];
}

/** axe's serious and critical violations on the page, one entry per rule with its first targets. */
async function seriousViolations(page: Page): Promise<Finding[]> {
  await page.evaluate(await axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as {axe: {run: (context: Document, options: object) => Promise<{violations: {id: string; impact: string; nodes: {target: string[]}[]}[]}>}}).axe;
    const {violations} = await axe.run(document, {resultTypes: ["violations"]});
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((node) => node.target.join(" "))}));
  });
}

/** How many checks axe ran and passed: a sanity check that it looked at the page at all. */
const passedRules = (page: Page) =>
  page.evaluate(async () => {
    const axe = (window as unknown as {axe: {run: (context: Document, options: object) => Promise<{passes: unknown[]}>}}).axe;
    return (await axe.run(document, {resultTypes: ["passes"]})).passes.length;
  });

for (const colorScheme of ["light", "dark"] as const) {
  test(`axe, ${colorScheme}: no serious or critical violation on the index`, async () => {
    const {browser, url} = await session.get();
    const page = await browser.newPage({colorScheme});
    await page.goto(url("index.html"));
    assert.is(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches), colorScheme === "dark");
    assert.equal(await seriousViolations(page), []);
    assert.ok((await passedRules(page)) > 10);
    await page.close();
  });

  test(`axe, ${colorScheme}: no serious or critical violation on the month page, live charts running`, async () => {
    const {browser, url} = await session.get();
    const page = await browser.newPage({colorScheme});
    await page.goto(url(MONTH_PAGE));
    await waitForLiveCharts(page);
    // open every "Show data" table so axe checks them too
    await page.$$eval("details.chart-data", (all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
    assert.equal(await seriousViolations(page), []);
    await page.close();
  });
}

test.run();
