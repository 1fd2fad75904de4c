/**
 * The eight charts of the March 2026 page of test/fixtures/build/log.csv, as drawn: live views with
 * the marks the hand count predicts, and, with JavaScript off, the baked SVGs with their accessible
 * names and descriptions.
 *
 * Hand count (see test/build.test.ts), March 2026 in Paris: 7 actions of 6 kinds on 6 days; users
 * alice (edit_dataset, publish_dataset), bob (edit_page, edit_dataset), `<script>alert(1)</script>`
 * (=HYPERLINK("x")), carol (add_user_to_domain), and one action without a user; datasets roads (3
 * actions of 3 kinds) and trees (1); page home (1).
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import type {Page} from "playwright-core";
import {browserSession, CHART_IDS, LOG_FIXTURE, MONTH_PAGE, waitForLiveCharts, watchPage} from "./helpers.js";

const session = browserSession(LOG_FIXTURE);
test.after(() => session.close());

/** Each section's data marks, by mark type, e.g. {"line": 6, "symbol": 7} (legends and axes left out; a bar's label is a text mark). */
const marksBySection = (page: Page) =>
  page.$$eval("section.indicator", (sections) =>
    sections.map((section) => {
      const marks: Record<string, number> = {};
      for (const group of Array.from(section.querySelectorAll("figure svg g.role-mark"))) {
        const type = /\bmark-(\w+)/.exec(group.getAttribute("class") ?? "")?.[1] ?? "?";
        marks[type] = (marks[type] ?? 0) + group.querySelectorAll(":scope > path, :scope > text").length;
      }
      return [section.id.replace(/^indicator-/, ""), marks] as const;
    }),
  );

/** what the hand count predicts on the month page, live or baked */
const EXPECTED_MARKS = [
  ["actions", {line: 6, symbol: 7}], // a line per action, a point per non-zero (action, day)
  ["users", {rect: 31}], // a bar per day, zero days included
  ["actions-by-user", {rect: 4, text: 4}], // alice, bob, <script>, carol, each labelled above its bar
  ["top-users", {rect: 6, text: 4}], // one segment per (user, action): 2 + 2 + 1 + 1; a label per user
  ["top-datasets", {rect: 4, text: 2}], // roads 3 kinds, trees 1
  ["top-pages", {rect: 1, text: 1}],
  ["distribution", {arc: 6}],
  ["byWeekday", {rect: 7}], // a bar per weekday, zero days included
];

const TITLES = [
  "Actions",
  "Number of users",
  "Actions by users",
  "Top users",
  "Top modified datasets",
  "Top modified pages",
  "Distribution of actions",
  "Activity by weekday",
];

test("month page: eight indicator sections, each drawn by a live view with the expected marks", async () => {
  const {browser, url} = await session.get();
  const page = await browser.newPage();
  const problems = watchPage(page);
  await page.goto(url(MONTH_PAGE));
  assert.equal(
    await waitForLiveCharts(page),
    CHART_IDS.map((id) => `${id}:true`),
  );
  assert.is(await page.locator("section.indicator").count(), 8);
  assert.equal(await marksBySection(page), EXPECTED_MARKS);
  // drawn, not just present: every chart's svg has a size on screen
  const sizes = await page.$$eval("section.indicator .chart-live svg", (svgs) =>
    svgs.map((svg) => svg.getBoundingClientRect().width > 200 && svg.getBoundingClientRect().height > 20),
  );
  assert.equal(sizes, Array(8).fill(true));
  assert.equal(problems, []);
  await page.close();
});

test("JavaScript off: every chart is inline SVG in an img with the section's title as its name", async () => {
  const {browser, url} = await session.get();
  const context = await browser.newContext({javaScriptEnabled: false});
  const page = await context.newPage();
  await page.goto(url(MONTH_PAGE));
  // the script did not run: no live container, no figure marked live
  assert.is(await page.locator(".chart-live, figure[data-live], html[data-charts-ready]").count(), 0);
  assert.equal(await marksBySection(page), EXPECTED_MARKS);
  for (const [i, title] of TITLES.entries()) {
    const image = page.getByRole("img", {name: title, exact: true});
    assert.is(await image.count(), 1, title);
    assert.is(await image.locator(":scope > svg").count(), 1, title);
    assert.is(await image.evaluate((node) => node.closest("section")?.id), `indicator-${CHART_IDS[i]}`);
    // its description is the summary under it
    const description = await image.evaluate((node) => document.getElementById(node.getAttribute("aria-describedby") ?? "")?.textContent);
    assert.ok(description && description.length > 10, title);
  }
  const actions = await page.locator("#chart-actions-summary").textContent();
  assert.ok(actions?.startsWith("7 actions of 6 kinds over 31 days."), actions ?? "");
  const topUsers = await page.locator("#chart-top-users-summary").textContent();
  assert.is(topUsers, "Top users: alice (2 actions), bob (2 actions), <script>alert(1)</script> (1 action), carol (1 action).");
  await context.close();
});

test.run();
