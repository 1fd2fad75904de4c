/**
 * The sample report read on a phone (360 x 740) and on a desktop (1280 x 900), light and dark, with
 * JavaScript (live charts) and without (baked SVGs), every "Show data" table open: nothing reaches
 * past the window (a table may scroll inside its own box, which stays in it; a chart may not), every chart's text
 * is inside its SVG, legend labels are whole, visible axis labels do not overlap, and chart text
 * is at least 9 px on the phone. On the sample's November 2026 page and on its index.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import type {Page} from "playwright-core";
import {browserSession, SAMPLE_LOG, SAMPLE_MONTH_PAGE, waitForLiveCharts, watchPage} from "./helpers.js";

const session = browserSession(SAMPLE_LOG);
test.after(() => session.close());

const VIEWPORTS = [
  {name: "phone", width: 360, height: 740},
  {name: "desktop", width: 1280, height: 900},
];

interface Layout {
  scrollWidth: number;
  innerWidth: number;
  /** elements reaching past the window's left or right edge, outside a scrolling box that stays inside it */
  outside: string[];
  /** chart texts drawn past their SVG's box */
  cut: string[];
  /** legend labels that end in "…" */
  shortened: string[];
  /** pairs of visible labels of one axis whose boxes overlap */
  overlapping: string[];
  /** the smallest chart text on screen, in CSS px (font size x the SVG's scale) */
  smallestText: number;
  /** "Show data" tables wider than their box, e.g. "data-actions 2120/1038" */
  scrollingTables: string[];
  /** bar labels whose fill is not the page's text colour (unreadable in the dark scheme) */
  unthemed: string[];
  charts: number;
}

/** What the page looks like, measured in the page. */
const measure = async (page: Page): Promise<Layout> => {
  // tsx keeps function names with a helper, `__name`, that the page does not have
  await page.evaluate("globalThis.__name = (fn) => fn");
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const name = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${String(element.getAttribute("class") ?? "").split(" ")[0]} "${(element.textContent ?? "").trim().slice(0, 30)}"`;
    const scrolls = (element: Element) => ["auto", "scroll", "hidden"].includes(getComputedStyle(element).overflowX);
    const outside: string[] = [];
    for (const element of Array.from(document.body.querySelectorAll("*"))) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || element.closest(".visually-hidden, .skip-link")) continue;
      if (box.right <= innerWidth + 0.5 && box.left >= -0.5) continue;
      // in a table's box that scrolls and itself fits the window: that box scrolls, not the page (a
      // chart never scrolls)
      let scroller = element.parentElement;
      while (scroller && !(scrolls(scroller) && scroller.matches(".table-scroll"))) scroller = scroller.parentElement;
      const fits = scroller && scroller.getBoundingClientRect().right <= innerWidth + 0.5 && scroller.getBoundingClientRect().left >= -0.5;
      if (!fits) outside.push(`${name(element)} ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
    const cut: string[] = [];
    const shortened: string[] = [];
    const overlapping: string[] = [];
    const unthemed: string[] = [];
    let smallestText = Infinity;
    const bodyColor = getComputedStyle(document.body).color;
    const svgs = Array.from(document.querySelectorAll("figure[data-chart] svg.marks"));
    for (const svg of svgs) {
      const chart = svg.closest("figure")!.getAttribute("data-chart");
      const frame = svg.getBoundingClientRect();
      const scale = frame.width / Number(svg.getAttribute("width"));
      for (const text of Array.from(svg.querySelectorAll("text"))) {
        const box = text.getBoundingClientRect();
        if (box.width === 0 || text.getAttribute("opacity") === "0" || !text.textContent) continue;
        if (box.left < frame.left - 1 || box.right > frame.right + 1 || box.top < frame.top - 1 || box.bottom > frame.bottom + 1)
          cut.push(`${chart}: "${text.textContent}"`);
        smallestText = Math.min(smallestText, parseFloat(getComputedStyle(text).fontSize) * scale);
        if (text.closest(".role-legend-label") && text.textContent.endsWith("…")) shortened.push(`${chart}: "${text.textContent}"`);
        if (text.closest(".bar_labels_marks") && getComputedStyle(text).fill !== bodyColor) unthemed.push(`${chart}: ${getComputedStyle(text).fill}`);
      }
      for (const axis of Array.from(svg.querySelectorAll(".role-axis-label"))) {
        const boxes = Array.from(axis.querySelectorAll("text"))
          .filter((text) => text.getAttribute("opacity") !== "0")
          .map((text) => ({text: text.textContent, box: text.getBoundingClientRect()}));
        for (let i = 1; i < boxes.length; i++) {
          const [a, b] = [boxes[i - 1].box, boxes[i].box];
          if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
            overlapping.push(`${chart}: "${boxes[i - 1].text}" and "${boxes[i].text}"`);
        }
      }
    }
    const scrollingTables = Array.from(document.querySelectorAll(".chart-data .table-scroll"))
      .filter((box) => box.scrollWidth > box.clientWidth + 1)
      .map((box) => `${box.closest("details")!.id} ${box.scrollWidth}/${box.clientWidth}`);
    return {
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth,
      outside: outside.slice(0, 10),
      cut,
      shortened,
      overlapping,
      smallestText,
      scrollingTables,
      unthemed,
      charts: svgs.length,
    };
  });
};

for (const viewport of VIEWPORTS) {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const javaScriptEnabled of [true, false]) {
      const label = `${viewport.name} ${viewport.width}px, ${colorScheme}, JavaScript ${javaScriptEnabled ? "on" : "off"}`;
      test(`${label}: the month page and the index fit the window, charts whole and legible`, async () => {
        const {browser, url} = await session.get();
        const context = await browser.newContext({viewport, colorScheme, javaScriptEnabled});
        const page = await context.newPage();
        const problems = watchPage(page);
        await page.goto(url(SAMPLE_MONTH_PAGE));
        if (javaScriptEnabled) assert.ok((await waitForLiveCharts(page)).every((state) => state.endsWith(":true")));
        // every "Show data" table open
        await page.$$eval("details", (all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
        const month = await measure(page);
        assert.is(month.charts, 8);
        assert.ok(month.scrollWidth <= month.innerWidth, `the page scrolls sideways: ${month.scrollWidth} px in ${month.innerWidth}`);
        assert.equal(month.outside, []);
        assert.equal(month.cut, []);
        assert.equal(month.shortened, []);
        assert.equal(month.overlapping, []);
        assert.equal(month.unthemed, []);
        assert.ok(month.smallestText >= (viewport.width === 360 ? 9 : 10), `chart text ${month.smallestText.toFixed(2)} px`);
        // on a desktop every table fits its card; on a phone the day-by-action ones scroll in their box
        if (viewport.width > 1000) assert.equal(month.scrollingTables, []);
        await page.goto(url("index.html"));
        const index = await measure(page);
        assert.ok(index.scrollWidth <= index.innerWidth, `the index scrolls sideways: ${index.scrollWidth} px in ${index.innerWidth}`);
        assert.equal(index.outside, []);
        assert.equal(problems, []);
        await context.close();
      });
    }
  }
}

test("phone: a table wider than its card scrolls in its own box, its row headers in view", async () => {
  const {browser, url} = await session.get();
  const context = await browser.newContext({viewport: VIEWPORTS[0]});
  const page = await context.newPage();
  await page.goto(url(SAMPLE_MONTH_PAGE));
  await page.locator("#data-actions summary").click();
  const box = page.locator("#data-actions .table-scroll");
  const sizes = await box.evaluate((element) => ({client: element.clientWidth, scroll: element.scrollWidth}));
  assert.ok(sizes.scroll > sizes.client, `the day-by-action table is wider than a phone: ${sizes.scroll} in ${sizes.client}`);
  // a day reads on one line: its row header is as tall as a number cell
  const heights = await page.$eval("#data-actions tbody tr", (row) => [
    row.querySelector("th")!.getBoundingClientRect().height,
    row.querySelector("td")!.getBoundingClientRect().height,
  ]);
  assert.is(heights[0], heights[1]);
  await box.evaluate((element) => (element.scrollLeft = 200));
  const header = await page.$eval(
    "#data-actions tbody tr th[scope=row]",
    (th) => th.getBoundingClientRect().left - th.closest(".table-scroll")!.getBoundingClientRect().left,
  );
  assert.ok(Math.abs(header) < 1, `the day stays at the box's left edge (${header} px)`);
  await context.close();
});

test.run();
