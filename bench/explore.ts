/**
 * `npx tsx bench/explore.ts <report folder>`: the explorer of a built report in Chromium, served on
 * 127.0.0.1: time from opening to the first figures (the default last 30 days) and to every chart
 * drawn, bytes fetched by then, then a filter change (the busiest user), all time, and all time
 * filtered, each from the change to the figures and to `data-state="ready"`. Prints one JSON line.
 * Wall times on a shared machine: compare runs, not absolute numbers.
 */
import {readdir, stat} from "node:fs/promises";
import path from "node:path";
import type {Page} from "playwright-core";
import {launchBrowser, serveFolder} from "../test/browser/helpers.js";

const dir = process.argv[2];
if (!dir) throw new Error("usage: npx tsx bench/explore.ts <report folder>");

const sizeOf = async (folder: string, match: RegExp) => {
  let bytes = 0;
  for (const name of await readdir(folder)) if (match.test(name)) bytes += (await stat(path.join(folder, name))).size;
  return bytes;
};

/** ms from `start()` to the figures of `query` shown (#explore-figures filled) and to ready. */
async function timed(page: Page, start: () => Promise<unknown>, query?: string): Promise<{figuresMs: number; readyMs: number; marks: Record<string, number>}> {
  await page
    .evaluate(() => {
      const w = window as unknown as {benchT0: number; benchFigures?: number};
      w.benchT0 = performance.now();
      w.benchFigures = undefined;
      new MutationObserver((_, observer) => {
        w.benchFigures = performance.now() - w.benchT0;
        observer.disconnect();
      }).observe(document.getElementById("explore-figures")!, {childList: true});
    })
    .catch(() => {});
  await start();
  await page.waitForFunction((want) => document.getElementById("main")?.dataset.state === "ready" && (!want || location.search === want), query, {
    timeout: 120_000,
  });
  return page.evaluate(() => {
    const w = window as unknown as {benchT0: number; benchFigures?: number};
    // the explorer's own marks of this change (explore-app.ts): load, lists, compute, figures, charts
    const marks = Object.fromEntries(
      performance
        .getEntriesByType("measure")
        .filter((m) => m.name.startsWith("explore:") && m.startTime >= w.benchT0)
        .map((m) => [m.name.slice(8), Math.round(m.duration)]),
    );
    return {figuresMs: Math.round(w.benchFigures ?? NaN), readyMs: Math.round(performance.now() - w.benchT0), marks};
  });
}

const server = await serveFolder(dir);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  let fetched = 0;
  page.on(
    "response",
    (response) =>
      void response.body().then(
        (body) => (fetched += body.length),
        () => {},
      ),
  );
  const t0 = Date.now();
  await page.goto(`${server.origin}/explore/index.html`);
  await page.waitForFunction(() => document.getElementById("explore-figures")?.childElementCount, null, {timeout: 120_000});
  const firstFigures = Date.now() - t0;
  await page.waitForFunction(() => document.getElementById("main")?.dataset.state === "ready", null, {timeout: 120_000});
  const firstReady = Date.now() - t0;
  const firstBytes = fetched;
  // when the page's scripts had run (DOMContentLoaded), then the explorer's own marks
  const firstMarks = await page.evaluate(() => ({
    domContentLoaded: Math.round((performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).domContentLoadedEventEnd),
    // since the navigation started: the figures in the page (painted on the next frame, before the charts)
    figuresShown: Math.round(performance.getEntriesByName("explore:figures-shown")[0]?.startTime ?? NaN),
    ...Object.fromEntries(performance.getEntriesByType("measure").map((m) => [m.name.slice(8), Math.round(m.duration)])),
  }));
  const from = new URL(page.url()).searchParams.get("from")!;
  const to = new URL(page.url()).searchParams.get("to")!;
  const user = (await page.locator("#more-top-users button").first().textContent())!;
  const userChange = await timed(page, () => page.locator("#more-top-users button").first().click(), `?${new URLSearchParams({from, to, user})}`);
  const t1 = Date.now();
  await page.goto(`${server.origin}/explore/index.html?from=2000-01-01&to=${to}`);
  await page.waitForFunction(() => document.getElementById("explore-figures")?.childElementCount, null, {timeout: 120_000});
  const allTimeFigures = Date.now() - t1;
  await page.waitForFunction(() => document.getElementById("main")?.dataset.state === "ready", null, {timeout: 120_000});
  const allTime = {
    figuresMs: allTimeFigures,
    readyMs: Date.now() - t1,
    marks: Object.fromEntries(await page.evaluate(() => performance.getEntriesByType("measure").map((m) => [m.name, Math.round(m.duration)]))),
  };
  const allTimeUser = await timed(
    page,
    () => page.fill("#filter-user", user).then(() => page.keyboard.press("Enter")),
    `?${new URLSearchParams({from: "2000-01-01", to, user})}`,
  );
  const action = await page.locator("#filter-action option").nth(1).getAttribute("value");
  const allTimeAction = await timed(
    page,
    () => page.selectOption("#filter-action", action!),
    `?${new URLSearchParams({from: "2000-01-01", to, action: action!, user})}`,
  );
  const data = path.join(dir, "explore", "data");
  console.log(
    JSON.stringify({
      firstFiguresMs: firstFigures,
      firstReadyMs: firstReady,
      firstBytes,
      firstMarks,
      userChange,
      allTime,
      allTimeUser,
      allTimeAction,
      figuresDataBytes: await sizeOf(data, /^(\d{4}-\d{2}|meta)\.js$/),
      rowsDataBytes: await sizeOf(data, /^rows-/),
      scriptBytes: (await stat(path.join(dir, "assets", "explore.js"))).size,
    }),
  );
} finally {
  await browser.close();
  await server.close();
}
