/**
 * The built site in Chromium, over HTTP from 127.0.0.1: the index and the March 2026 page load with
 * no console error, no failed request, no HTTP error and no request to another host, and on the
 * period page every chart goes live. Also checks the test server itself (404s, no traversal).
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {writeFile} from "node:fs/promises";
import {request} from "node:http";
import path from "node:path";
import {browserSession, CHART_IDS, fileFor, LOG_FIXTURE, MONTH_PAGE, waitForLiveCharts, watchPage} from "./helpers.js";

const session = browserSession(LOG_FIXTURE);
test.after(() => session.close());

/** Status of a raw GET: `fetch` would normalise "/../" away before sending it. */
const statusOf = (origin: string, rawPath: string) =>
  new Promise<number>((done, fail) => {
    request(`${origin}/`, {path: rawPath}, (response) => {
      response.resume();
      done(response.statusCode ?? 0);
    })
      .on("error", fail)
      .end();
  });

test("index: loads with no console error, failed request or foreign host", async () => {
  const {browser, url} = await session.get();
  const page = await browser.newPage();
  const problems = watchPage(page);
  const seen: string[] = [];
  page.on("request", (req) => seen.push(new URL(req.url()).pathname));
  await page.goto(url("index.html"), {waitUntil: "networkidle"});
  assert.is(await page.locator("h1#site-title").textContent(), "demo-domain");
  assert.ok(seen.includes("/assets/site.css"), seen.join(" "));
  // headless Chromium does not ask for the icon: fetch the one the page names
  const icon = await page.evaluate(async () => {
    const response = await fetch((document.querySelector("link[rel=icon]") as HTMLLinkElement).href);
    return `${response.status} ${response.headers.get("content-type")}`;
  });
  assert.is(icon, "200 image/x-icon");
  assert.equal(problems, []);
  await page.close();
});

test("month page: every chart goes live, with no console error, failed request or foreign host", async () => {
  const {browser, url} = await session.get();
  const page = await browser.newPage();
  const problems = watchPage(page);
  const seen: string[] = [];
  page.on("request", (req) => seen.push(new URL(req.url()).pathname));
  await page.goto(url(MONTH_PAGE));
  assert.equal(
    await waitForLiveCharts(page),
    CHART_IDS.map((id) => `${id}:true`),
  );
  // the live view replaced the baked SVG: one svg per figure, inside the live container
  assert.is(await page.locator("figure[data-chart] svg").count(), 8);
  assert.is(await page.locator("figure[data-chart] > .chart-svg > .chart-live > svg").count(), 8);
  await page.waitForLoadState("networkidle");
  assert.ok(seen.includes("/assets/live-charts.js"), seen.join(" "));
  // the specs come from the page's own JSON block (what a copy opened from disk needs), not charts.json
  assert.not.ok(seen.includes("/month/2026-03/charts.json"), seen.join(" "));
  assert.equal(problems, []);
  await page.close();
});

test("watchPage: hears a dialog, a console error, an HTTP error and a foreign request", async () => {
  const {browser, url} = await session.get();
  // the page's CSP would block the foreign fetch before any request (connect-src 'self')
  const context = await browser.newContext({bypassCSP: true});
  const page = await context.newPage();
  const problems = watchPage(page);
  // answered inside the browser: nothing leaves the machine
  await page.route("http://foreign.invalid/**", (route) => route.abort());
  await page.goto(url("index.html"));
  await page.evaluate(async () => {
    alert("hi");
    console.error("boom");
    await fetch("/missing.json");
    await fetch("http://foreign.invalid/x").catch(() => {});
  });
  await page.waitForTimeout(100);
  const heard = problems.map((line) => line.replace(/:\d+\//, ":PORT/"));
  for (const expected of [
    "dialog: alert hi",
    "console: boom",
    "HTTP 404: http://127.0.0.1:PORT/missing.json",
    "foreign request: http://foreign.invalid/x",
    "failed: http://foreign.invalid/x net::ERR_FAILED",
  ]) {
    assert.ok(heard.includes(expected), `${expected} in\n${heard.join("\n")}`);
  }
  await context.close();
});

test("test server: 404 outside the site, for unknown types and missing files; no traversal", async () => {
  const {server, dir} = await session.get();
  // a servable file right next to the site's folder: no request path may reach it
  await writeFile(path.join(dir, "..", "secret.json"), "{}");
  assert.is(await statusOf(server.origin, "/index.html"), 200);
  assert.is(await statusOf(server.origin, "/month/2026-03/"), 200);
  assert.is(await statusOf(server.origin, "/nowhere.html"), 404);
  assert.is(await statusOf(server.origin, "/../secret.json"), 404);
  assert.is(await statusOf(server.origin, "/..%2fsecret.json"), 404);
  assert.is(await statusOf(server.origin, "/%2e%2e/secret.json"), 404);
  assert.is(await statusOf(server.origin, "/month/..%5c..%5csecret.json"), 404);
  assert.is(fileFor(dir, "/a/../../secret.json"), path.join(dir, "secret.json"));
  assert.is(fileFor(dir, "/month/"), path.join(dir, "month", "index.html"));
  assert.is(fileFor(dir, "/report.txt"), null);
  assert.is(fileFor(dir, "/%E0%A4%A"), null);
});

test.run();
