/**
 * The action legend of the live charts on the March 2026 page of test/fixtures/build/log.csv, HTML
 * buttons below the chart (src/charts/browser/legend-buttons.ts): clicking an entry leaves only that
 * action's marks visible, shift-click adds one, clicking the plot's empty area shows all again; from
 * the keyboard, Tab reaches the entries, Enter or Space picks, and a polite live region says what the
 * chart shows. Marks are counted in vega's SVG, per action colour (the colour of the swatch in the
 * action's button), visible meaning non-zero opacity.
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
  page.$eval(`#chart-${chart}`, (figure) => {
    const colourOf: Record<string, string> = {};
    figure.querySelectorAll<HTMLElement>("button.legend-entry").forEach((button) => {
      colourOf[button.querySelector<HTMLElement>(".legend-swatch")?.dataset.color ?? ""] = button.dataset.action ?? "";
    });
    const svg = figure.querySelector(".chart-live svg") as SVGSVGElement;
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

const legendButton = (page: Page, chart: string, action: string) =>
  page.locator(`#chart-${chart} button.legend-entry`).filter({hasText: new RegExp(`^${action.replace(/[()"]/g, "\\$&")}$`)});

const pressed = (page: Page, chart: string) =>
  page.$$eval(`#chart-${chart} button.legend-entry[aria-pressed="true"]`, (buttons) => buttons.map((button) => button.textContent));

const status = (page: Page, chart: string) => page.locator(`#chart-${chart} .legend-status[aria-live="polite"]`).textContent();

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
  Object.fromEntries(
    Object.entries(ALL_ACTIONS).map(([action, marks]) => [action, shown.includes(action) ? marks : {"line@0": marks.line, "symbol@0": marks.symbol}]),
  );

let page: Page;
let problems: string[] = [];

test("actions legend: a click on Edit dataset's label (the edit_dataset action) leaves only its line and its two points", async () => {
  const {browser, url} = await session.get();
  page = await browser.newPage();
  problems = watchPage(page);
  await page.goto(url(MONTH_PAGE));
  await waitForLiveCharts(page);
  assert.equal(await visibleMarks(page, "actions"), ALL_ACTIONS);
  // vega's own legend is gone from the live view: the buttons are the legend
  assert.is(await page.locator("#chart-actions .chart-live g.role-legend").count(), 0);
  assert.is(await status(page, "actions"), "Showing all 6 actions.");
  await clickAndSettle(page, () => legendButton(page, "actions", "Edit dataset").click());
  assert.equal(await visibleMarks(page, "actions"), only("Edit dataset"));
  assert.equal(await pressed(page, "actions"), ["Edit dataset"]);
  assert.is(await status(page, "actions"), "Showing 1 of 6 actions: Edit dataset (2 actions).");
  // the marks left are the raw edit_dataset's (its palette colour, its two hand-counted points)
});

test("actions legend: shift-click on Publish dataset adds it, and selects no text", async () => {
  assert.ok(page, "the previous test opened the page");
  await clickAndSettle(page, () => legendButton(page, "actions", "Publish dataset").click({modifiers: ["Shift"]}));
  assert.equal(await visibleMarks(page, "actions"), only("Edit dataset", "Publish dataset"));
  assert.equal(await pressed(page, "actions"), ["Edit dataset", "Publish dataset"]);
  assert.is(await page.evaluate(() => String(getSelection())), "");
});

test("actions legend: a click on the plot's empty area shows every action again", async () => {
  assert.ok(page, "the first test opened the page");
  // top left of the plot: the y axis goes up to 1 there, above every line but not on a point
  await clickAndSettle(page, () => page.locator("#chart-actions .chart-live svg").click({position: {x: 300, y: 120}}));
  assert.equal(await visibleMarks(page, "actions"), ALL_ACTIONS);
  // the buttons follow a selection made on the chart itself
  assert.equal(await pressed(page, "actions"), []);
  assert.is(await status(page, "actions"), "Showing all 6 actions.");
});

test("actions legend from the keyboard: Tab to an entry, Enter shows only it, Enter again shows all; Space and the reset button", async () => {
  assert.ok(page, "the first test opened the page");
  // Tab from the Actions chart (one tab stop) reaches the first entry of its legend
  await page.focus("#chart-actions .chart-svg");
  await page.keyboard.press("Tab");
  const focused = () => page.evaluate(() => document.activeElement?.textContent ?? "");
  assert.is(await page.evaluate(() => document.activeElement?.className), "legend-entry");
  for (let i = 0; i < 6 && (await focused()) !== "Edit dataset"; i++) await page.keyboard.press("Tab");
  assert.is(await focused(), "Edit dataset");
  await clickAndSettle(page, () => page.keyboard.press("Enter"));
  assert.equal(await visibleMarks(page, "actions"), only("Edit dataset"));
  assert.equal(await pressed(page, "actions"), ["Edit dataset"]);
  assert.is(await status(page, "actions"), "Showing 1 of 6 actions: Edit dataset (2 actions).");
  await clickAndSettle(page, () => page.keyboard.press("Enter"));
  assert.equal(await visibleMarks(page, "actions"), ALL_ACTIONS);
  assert.equal(await pressed(page, "actions"), []);
  assert.is(await status(page, "actions"), "Showing all 6 actions.");
  // Space picks too; the reset button, reached with Tab, shows all again
  await page.keyboard.press("Tab");
  await clickAndSettle(page, () => page.keyboard.press(" "));
  assert.equal(await pressed(page, "actions"), [await focused()]);
  for (let i = 0; i < 10 && (await focused()) !== "Show all actions"; i++) await page.keyboard.press("Tab");
  await clickAndSettle(page, () => page.keyboard.press("Enter"));
  assert.equal(await visibleMarks(page, "actions"), ALL_ACTIONS);
  assert.equal(await pressed(page, "actions"), []);
});

test("actions legend: the focused entry has a visible focus ring", async () => {
  assert.ok(page, "the first test opened the page");
  await page.focus("#chart-actions .chart-svg");
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return `${style.outlineStyle} ${parseFloat(style.outlineWidth) >= 2}`;
  });
  assert.is(outline, "solid true");
});

test("top users legend: picking edit_dataset dims every other segment to 0.15", async () => {
  assert.ok(page, "the first test opened the page");
  await clickAndSettle(page, () => legendButton(page, "top-users", "Edit dataset").click());
  assert.equal(await visibleMarks(page, "top-users"), {
    "Edit dataset": {rect: 2},
    "Publish dataset": {"rect@0.15": 1},
    "Edit page": {"rect@0.15": 1},
    '=HYPERLINK("x")': {"rect@0.15": 1},
    "Add user to domain": {"rect@0.15": 1},
  });
  assert.match((await status(page, "top-users")) ?? "", /^Highlighting 1 of 5 actions: Edit dataset \(\d+ actions?\)\.$/);
  // the actions chart has its own selection: untouched
  assert.equal(await visibleMarks(page, "actions"), ALL_ACTIONS);
  assert.equal(problems, []);
  await page.close();
});

test.run();
