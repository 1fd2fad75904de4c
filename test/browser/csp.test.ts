/**
 * The pages' Content-Security-Policy (a <meta> tag: `script-src 'self'`, `style-src 'self'`, no
 * 'unsafe-eval', no 'unsafe-inline') holds with the live charts running: no `securitypolicyviolation`
 * event on the index or on the March 2026 page, before or after using the charts (legend click,
 * hover); then a deliberate inline script is blocked and heard. The live charts need
 * vega-interpreter for this: vega's default expression code generator calls `new Function`, which
 * this policy blocks with a `script-src` violation ("eval").
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import type {BrowserContext} from "playwright-core";
import {browserSession, CHART_IDS, cspViolations, LOG_FIXTURE, MONTH_PAGE, recordCspViolations, waitForLiveCharts, watchPage} from "./helpers.js";

const session = browserSession(LOG_FIXTURE);
test.after(() => session.close());

async function recordingContext(): Promise<BrowserContext> {
  const {browser} = await session.get();
  const context = await browser.newContext();
  await recordCspViolations(context);
  return context;
}

test("CSP: the index loads with no violation", async () => {
  const {url} = await session.get();
  const context = await recordingContext();
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(url("index.html"), {waitUntil: "networkidle"});
  assert.equal(await cspViolations(page), []);
  assert.equal(problems, []);
  await context.close();
});

test("CSP: the month page's live charts run and are used with no violation", async () => {
  const {url} = await session.get();
  const context = await recordingContext();
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(url(MONTH_PAGE));
  assert.equal(
    await waitForLiveCharts(page),
    CHART_IDS.map((id) => `${id}:true`),
  );
  await page.locator("#chart-actions button.legend-entry").first().click();
  await page.locator("#chart-top-users .chart-live g.role-mark path").first().hover();
  await page.locator("#chart-distribution .chart-live g.role-mark path").first().hover();
  await page.waitForFunction(() => document.querySelector("#chart-distribution .chart-live[title]"));
  assert.equal(await cspViolations(page), []);
  assert.equal(problems, []);

  // the policy is enforced and the recorder hears it: page.evaluate itself is exempt from the CSP,
  // but a <script> element it adds is not
  const inlineRan = await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.inlineRan = true";
    document.body.append(script);
    return (window as unknown as {inlineRan?: boolean}).inlineRan === true;
  });
  assert.is(inlineRan, false);
  await page.waitForFunction(() => (window as unknown as {cspViolations: string[]}).cspViolations.length > 0);
  const violations = await cspViolations(page);
  assert.ok(
    violations.some((line) => line.startsWith("script-src")),
    violations.join("\n"),
  );
  await context.close();
});

test.run();
