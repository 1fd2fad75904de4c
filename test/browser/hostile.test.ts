/**
 * The site built from test/fixtures/browser/hostile.csv, where every column (and one column name)
 * holds markup, script URLs, a comment opener, template syntax or a right-to-left override: no
 * dialog opens, no element comes from the log (no img, no script but the site's own bundle), and
 * the values show as text where the page shows them, baked, live, and in the tooltips after hover.
 *
 * Hand count, March 2026 (8 rows, domain_id `"><img src=x onerror=alert(1)>` on each): users
 * `<script>alert(1)</script>` 2 (actions itself and LONG), `evil\u202Etxt.exe` 2 (edit_dataset and
 * itself), `"><img...>` 1 (itself), `</script><!--` 1 (itself), `javascript:alert(1)` 1 (LONG);
 * the last row has no user. Datasets: `"><img...>` 3, `{{7*7}}` 2, `</script><!--` 1, `javascript:alert(1)` 1.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {readFile} from "node:fs/promises";
import path from "node:path";
import type {Page} from "playwright-core";
import {browserSession, CHART_IDS, HOSTILE_FIXTURE, MONTH_PAGE, waitForLiveCharts, watchPage} from "./helpers.js";
import {BAR_LABELS} from "../../src/charts/chart-base.js";

const SCRIPT = "<script>alert(1)</script>";
const IMG = '"><img src=x onerror=alert(1)>';
const COMMENT = "</script><!--";
const JS_URL = "javascript:alert(1)";
/** how charts draw "evil\u202Etxt.exe" (the fixture's value): the override as a visible code point */
const RLO_LABEL = "evil[U+202E]txt.exe";
/** a 60-character action name */
const LONG = "<b>bold</b>_restore_dataset_from_a_very_long_named_snapshots";
const TEMPLATE = "{{7*7}}";

// month pages only: every row is in March 2026, and the tests open the index and that month
const session = browserSession(HOSTILE_FIXTURE, "month");
test.after(() => session.close());

/**
 * Nothing from the log became an element: no img, no script but the site's bundle (and, on a period
 * page, its chart-specs JSON block), no iframe.
 */
async function assertNoInjectedElements(page: Page, bundles: number): Promise<void> {
  assert.is(await page.locator("img[src=x], img, iframe, object, embed").count(), 0, "injected elements");
  const scripts = await page.$$eval("script", (nodes) => nodes.map((node) => node.getAttribute("src") ?? `${node.getAttribute("type")}#${node.id}`));
  assert.equal(scripts, bundles === 0 ? [] : ["../../assets/live-charts.js", "application/json#chart-specs"]);
  assert.is(await page.evaluate(() => document.querySelectorAll("[onerror], [onload], a[href^='javascript:' i]").length), 0);
}

/** Text of a chart's legend labels: the baked SVG's, or the live view's buttons. */
const legendLabels = (page: Page, chart: string) =>
  page.locator(`#chart-${chart} svg g.role-legend-label text, #chart-${chart} .legend-label`).allTextContents();
/** Text of the labels above a bar chart's bars (the entries of a top list). */
const yLabels = (page: Page, chart: string) => page.locator(`#chart-${chart} svg g.${BAR_LABELS}_marks text`).allTextContents();

test("index: the hostile domain id is the title, as text", async () => {
  const {browser, url} = await session.get();
  const page = await browser.newPage();
  const problems = watchPage(page);
  await page.goto(url("index.html"), {waitUntil: "networkidle"});
  assert.is(await page.locator("h1#site-title").textContent(), IMG);
  assert.ok(await page.locator("h1#site-title").isVisible());
  assert.is(await page.title(), `${IMG} · Activity report`);
  await assertNoInjectedElements(page, 0);
  assert.equal(problems, []);
  await page.close();
});

test("JavaScript off: the baked charts draw the hostile values as SVG text", async () => {
  const {browser, url} = await session.get();
  const context = await browser.newContext({javaScriptEnabled: false});
  const page = await context.newPage();
  await page.goto(url(MONTH_PAGE));
  await assertNoInjectedElements(page, 1);
  // nothing promises what only the script can do: no legend buttons, no "click" in the text
  assert.is(await page.locator("button").count(), 0);
  assert.not.match(await page.locator("main").innerText(), /click/i);
  const legend = await legendLabels(page, "actions");
  for (const label of [SCRIPT, IMG, COMMENT, JS_URL, RLO_LABEL, LONG]) assert.ok(legend.includes(label), `${label} in ${legend.join(" | ")}`);
  // vega in Node estimates text widths, so a baked bar label may end in "…" where the browser has room
  const users = await yLabels(page, "top-users");
  assert.is(users.length, 5);
  [SCRIPT, RLO_LABEL, IMG, COMMENT, JS_URL].forEach((value, i) => {
    assert.ok(users[i] === value || (users[i].endsWith("…") && value.startsWith(users[i].slice(0, -1))), `${users[i]} for ${value}`);
  });
  await context.close();
});

let page: Page;
let problems: string[] = [];

test("live charts: hostile values are legend and axis text, the long action uncut", async () => {
  const {browser, url} = await session.get();
  page = await browser.newPage();
  problems = watchPage(page);
  await page.goto(url(MONTH_PAGE));
  assert.equal(
    await waitForLiveCharts(page),
    CHART_IDS.map((id) => `${id}:true`),
  );
  await assertNoInjectedElements(page, 1);
  const legend = await legendLabels(page, "actions");
  // log-provided ids that are not plain snake_case keep their escaped chart label; edit_dataset is named
  assert.equal([...legend].sort(), [SCRIPT, IMG, COMMENT, JS_URL, RLO_LABEL, LONG, "Edit dataset"].sort());
  const label = page.locator("#chart-actions .legend-label").filter({hasText: LONG});
  assert.ok(await label.isVisible());
  // whole: about 60 characters, not cut
  assert.ok((await label.boundingBox())!.width > 250);
  assert.equal(await yLabels(page, "top-users"), [SCRIPT, RLO_LABEL, IMG, COMMENT, JS_URL]);
  assert.equal(await yLabels(page, "top-datasets"), [IMG, TEMPLATE, COMMENT, JS_URL]);
  assert.equal(problems, []);
});

test("the chart-specs block: no log string closes it or opens a comment; it parses back to the log's values", async () => {
  const {dir} = await session.get();
  const html = await readFile(path.join(dir, MONTH_PAGE), "utf8");
  const blocks = html.split('<script type="application/json" id="chart-specs">');
  assert.is(blocks.length, 2, "one block");
  const body = blocks[1].slice(0, blocks[1].indexOf("</script>"));
  assert.not.match(body, /[<>&]/);
  assert.is(blocks[1].slice(body.length), "</script>\n</body>\n</html>\n", "the block ends where the template ends it");
  const text = JSON.stringify(JSON.parse(body));
  for (const value of [SCRIPT, COMMENT, IMG, LONG]) assert.ok(text.includes(JSON.stringify(value).slice(1, -1)), value);
  // in the browser: two scripts, the block's text is the JSON, and nothing ran
  assert.ok(page, "the previous test opened the page");
  assert.is(await page.$eval("#chart-specs", (block) => JSON.parse(block.textContent ?? "").charts.length), CHART_IDS.length);
  assert.equal(problems, []);
});

test("Show data tables: the values as visible cell text (an override as its code point, as on the charts), template syntax not evaluated", async () => {
  assert.ok(page, "the previous test opened the page");
  await page.locator("#data-top-users summary").click();
  const users = page.locator("#data-top-users tbody tr th[scope=row]");
  assert.equal(await users.allTextContents(), [SCRIPT, RLO_LABEL, IMG, COMMENT, JS_URL]);
  for (let i = 0; i < 5; i++) assert.ok(await users.nth(i).isVisible(), `row ${i}`);
  const columns = await page.locator("#data-top-users thead th").allTextContents();
  assert.equal(columns, ["User", IMG, COMMENT, LONG, SCRIPT, "edit_dataset", RLO_LABEL, "Total"]);
  await page.locator("#data-top-datasets summary").click();
  assert.equal(await page.locator("#data-top-datasets tbody tr th[scope=row]").allTextContents(), [IMG, TEMPLATE, COMMENT, JS_URL]);
  assert.is(await page.locator("#data-top-datasets tbody").getByText("49").count(), 0);
  await assertNoInjectedElements(page, 1);
  assert.equal(problems, []);
});

test("tooltips: hovering every bar of Top users and every point of Actions shows plain text", async () => {
  assert.ok(page, "the first live test opened the page");
  const tips = new Set<string>();
  for (const chart of ["top-users", "actions"]) {
    const marks = page.locator(`#chart-${chart} .chart-live g.role-mark:not(.mark-line) path`);
    const count = await marks.count();
    assert.ok(count >= 7, `${chart}: ${count} marks`);
    let previous = "";
    for (let i = 0; i < count; i++) {
      await marks.nth(i).hover();
      const tip = await page.waitForFunction(
        ([id, before]) => {
          const title = document.querySelector(`#chart-${id} .chart-live`)?.getAttribute("title");
          return title && title !== before ? title : null;
        },
        [chart, previous],
      );
      previous = String(await tip.jsonValue());
      tips.add(previous);
    }
  }
  // e.g. the third user's only segment: "user, action: 1 of 1 action"
  for (const tip of [
    `${IMG}, ${IMG}: 1 of 1 action`,
    `${SCRIPT}, ${SCRIPT}: 1 of 2 actions`,
    `${SCRIPT}, ${LONG}: 1 of 2 actions`,
    `${RLO_LABEL}, ${RLO_LABEL}: 1 of 2 actions`,
    `${RLO_LABEL}, Edit dataset (edit_dataset): 1 of 2 actions`,
    `${COMMENT}, ${COMMENT}: 1 of 1 action`,
    `${SCRIPT}, 2 Mar: 1 action`,
    `${JS_URL}, 10 Mar: 1 action`,
  ]) {
    assert.ok(tips.has(tip), `${tip} in\n${[...tips].join("\n")}`);
  }
  await assertNoInjectedElements(page, 1);
  assert.is(await page.locator(".chart-live [title] img, .vg-tooltip").count(), 0);
  assert.equal(problems, []);
  await page.close();
});

test.run();
