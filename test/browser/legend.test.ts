/**
 * The action legend of the live charts on the March 2026 page of test/fixtures/build/log.csv:
 * clicking an entry leaves only that action's marks visible, shift-click adds one, clicking the
 * plot's empty area shows all again. Marks are counted in vega's SVG, per action colour (the colour
 * of the legend symbol next to the action's label), visible meaning non-zero opacity.
 *
 * Hand count, March 2026 (see charts.test.ts): one line per action (6), points on non-zero days:
 * edit_dataset 2 (2 and 4 March), each other action 1. The legend names actions as a reader reads
 * them ("Edit dataset"); a label stands for one raw action, whose palette colour it shows. Top users: edit_dataset is a segment of
 * alice's and bob's bars, among 6 segments.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import type {Page} from "playwright-core";
import {browserSession, LOG_FIXTURE, MONTH_PAGE, waitForLiveCharts, watchPage} from "./helpers.js";

const session = browserSession(LOG_FIXTURE);
test.after(() => session.close());

type MarkCounts = Record<string, Record<string, number>>;

/**
 * Per legend label, the number of visible data marks of each type in that label's colour, and the
 * opacity of the others, e.g. {"Edit dataset": {line: 1, symbol: 2}, ...}. A line's colour is its
 * stroke, a point's or a bar's its fill.
 */
const visibleMarks = (page: Page, chart: string): Promise<MarkCounts> =>
  page.$eval(`#chart-${chart} .chart-live svg`, (svg) => {
    const colourOf: Record<string, string> = {};
    const symbols = svg.querySelectorAll("g.role-legend-symbol path");
    svg.querySelectorAll("g.role-legend-label text").forEach((label, i) => {
      colourOf[symbols[i].getAttribute("fill") ?? ""] = label.textContent ?? "";
    });
    const counts: Record<string, Record<string, number>> = {};
    for (const mark of Array.from(svg.querySelectorAll<SVGPathElement>("g.role-mark > path"))) {
      const type = /\bmark-(\w+)/.exec(mark.parentElement?.getAttribute("class") ?? "")?.[1] ?? "?";
      const colour = type === "line" ? mark.getAttribute("stroke") : mark.getAttribute("fill");
      const label = colourOf[colour ?? ""] ?? `unknown colour ${colour}`;
      const style = getComputedStyle(mark);
      const paint = type === "line" ? style.strokeOpacity : style.fillOpacity;
      const opacity = Number(style.opacity) * Number(paint);
      const key = opacity === 1 ? type : `${type}@${opacity}`;
      counts[label] ??= {};
      counts[label][key] = (counts[label][key] ?? 0) + 1;
    }
    return counts;
  });

const legendLabel = (page: Page, chart: string, action: string) =>
  page.locator(`#chart-${chart} .chart-live g.role-legend-label text`).filter({hasText: new RegExp(`^${action}$`)});

/** Clicks, then waits for vega to re-render (the marks change on the next animation frame). */
async function clickAndSettle(page: Page, click: () => Promise<void>): Promise<void> {
  await click();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

// keyed by legend label: readable names (action-names.ts), a formula-like id as the log has it
const ALL_ACTIONS: MarkCounts = {
  '=HYPERLINK("x")': {line: 1, symbol: 1},
  "Aborting processing dataset": {line: 1, symbol: 1},
  "Add user to domain": {line: 1, symbol: 1},
  "Edit dataset": {line: 1, symbol: 2},
  "Edit page": {line: 1, symbol: 1},
  "Publish dataset": {line: 1, symbol: 1},
};

/** Every action but `shown` hidden: its line drawn at opacity 0, its points too. */
const only = (...shown: string[]): MarkCounts =>
  Object.fromEntries(Object.entries(ALL_ACTIONS).map(([action, marks]) => [
    action,
    shown.includes(action) ? marks : {"line@0": marks.line, "symbol@0": marks.symbol},
  ]));

let page: Page;
let problems: string[] = [];

test("actions legend: a click on Edit dataset's label (the edit_dataset action) leaves only its line and its two points", async () => {
  const {browser, url} = await session.get();
  page = await browser.newPage();
  problems = watchPage(page);
  await page.goto(url(MONTH_PAGE));
  await waitForLiveCharts(page);
  assert.equal(await visibleMarks(page, "actions"), ALL_ACTIONS);
  await clickAndSettle(page, () => legendLabel(page, "actions", "Edit dataset").click());
  assert.equal(await visibleMarks(page, "actions"), only("Edit dataset"));
  // the marks left are the raw edit_dataset's (its palette colour, its two hand-counted points)
});

test("actions legend: shift-click on publish_dataset's symbol adds it", async () => {
  assert.ok(page, "the previous test opened the page");
  const labels = await page.locator("#chart-actions .chart-live g.role-legend-label text").allTextContents();
  const symbol = page.locator("#chart-actions .chart-live g.role-legend-symbol path").nth(labels.indexOf("Publish dataset"));
  await clickAndSettle(page, () => symbol.click({modifiers: ["Shift"]}));
  assert.equal(await visibleMarks(page, "actions"), only("Edit dataset", "Publish dataset"));
});

test("actions legend: a click on the plot's empty area shows every action again", async () => {
  assert.ok(page, "the first test opened the page");
  // top left of the plot: the y axis goes up to 1 there, above every line but not on a point
  await clickAndSettle(page, () => page.locator("#chart-actions .chart-live svg").click({position: {x: 300, y: 120}}));
  assert.equal(await visibleMarks(page, "actions"), ALL_ACTIONS);
});

test("top users legend: picking edit_dataset dims every other segment to 0.15", async () => {
  assert.ok(page, "the first test opened the page");
  await clickAndSettle(page, () => legendLabel(page, "top-users", "Edit dataset").click());
  assert.equal(await visibleMarks(page, "top-users"), {
    "Edit dataset": {rect: 2},
    "Publish dataset": {"rect@0.15": 1},
    "Edit page": {"rect@0.15": 1},
    '=HYPERLINK("x")': {"rect@0.15": 1},
    "Add user to domain": {"rect@0.15": 1},
  });
  // the actions chart has its own selection: untouched
  assert.equal(await visibleMarks(page, "actions"), ALL_ACTIONS);
  assert.equal(problems, []);
  await page.close();
});

test.run();
