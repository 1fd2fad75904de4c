import {test} from "uvu";
import * as assert from "uvu/assert";
import {buildSiteModel, MAX_TABLE_ROWS, scopeSvgIds, tableView} from "../../src/site/page-model.js";
import type {PeriodPageModel} from "../../src/site/page-model.js";
import {rootPrefix} from "../../src/site/page-links.js";
import {CHART_IDS, charts, indicators, period, siteInput} from "../fixtures/site/site-input.js";

const NBSP = "\u00a0";
const model = buildSiteModel(siteInput("/unused"));
const page = (key: string): PeriodPageModel => {
  const found = model.periods.find((p) => p.key === key);
  if (!found) throw new Error(`no page ${key}`);
  return found;
};

test("links go up to the site root relatively, whatever the depth", () => {
  assert.is(rootPrefix("month/2025-03/"), "../../");
  assert.is(rootPrefix("all/"), "../");
  assert.is(rootPrefix("all/all/"), "../../");
  assert.equal(page("2025-03").assets, {css: "../../assets/site.css", favicon: "../../favicon.ico", script: "../../assets/live-charts.js"});
  assert.equal(page("2025-03").home, {href: "../../index.html", label: "data.example.org <script>alert(1)</script>"});
});

test("previous and next periods of the same type", () => {
  assert.is(page("2025-02").prev, null);
  assert.equal(page("2025-02").next, {href: "../../month/2025-03/index.html", label: "March 2025"});
  assert.equal(page("2025-03").prev, {href: "../../month/2025-02/index.html", label: "February 2025"});
  assert.equal(page("2025-03").next, {href: "../../month/2025-04/index.html", label: "April 2025"});
  // W01 and W09 do not touch: neither is the other's neighbour
  assert.is(page("2025-W09").prev, null);
  assert.is(page("2025-W01").next, null);
  // rolling windows have no neighbours
  assert.is(page("last-7-days").prev, null);
});

test("up links to the containing periods that exist", () => {
  const up = (key: string) => page(key).up.map((link) => `${link.label} ${link.href}`);
  assert.equal(up("2025-W09"), [
    "February 2025 ../../month/2025-02/index.html",
    "Q1 2025 ../../quarter/2025-Q1/index.html",
    "2025 ../../year/2025/index.html",
    "All time ../../all/index.html",
  ]);
  // January 2025 is not in the fixture
  assert.equal(up("2025-W01"), ["Q1 2025 ../../quarter/2025-Q1/index.html", "2025 ../../year/2025/index.html", "All time ../../all/index.html"]);
  assert.equal(up("last-7-days"), ["All time ../../all/index.html"]);
  assert.equal(up("all"), []);
});

test("headline figures with their change from the previous period", () => {
  const march = page("2025-03");
  // 1250 actions after 100: +1150%; 7 users after 10: -3
  assert.equal(
    march.figures.map((f) => [f.id, f.value, f.change?.text ?? null]),
    [
      ["actions", "1,250", "+1,150%"],
      ["users", "7", "\u22123"],
      ["datasets", "2", null],
      ["pages", "1", null],
    ],
  );
  assert.is(march.figures[1].change?.label, "down 3 from 10 in February 2025");
  assert.is(page("2025-02").figures[0].change, null);
});

test("a period after an empty one shows the difference", () => {
  const input = siteInput("/unused");
  const may = period("month", "2025-05", "month/2025-05/", "2025-05-01T00:00:00+02:00", "2025-06-01T00:00:00+02:00");
  input.pages.push({
    period: may,
    indicators: indicators(may, 20, 2),
    charts: charts(),
    downloads: {csv: {href: "activity.csv", rows: 20, bytes: 2000}, json: {href: "activity.json", rows: 20, bytes: 3000}},
  });
  const mayModel = buildSiteModel(input).periods.find((p) => p.key === "2025-05");
  assert.equal(mayModel?.figures[0].change, {text: "+20", label: "up 20 from 0 in April 2025", trend: "up"});
  assert.equal(mayModel?.figures[1].change, {text: "+2", label: "up 2 from 0 in April 2025", trend: "up"});
});

test("an empty period is marked empty", () => {
  assert.is(page("2025-04").empty, true);
  assert.is(page("2025-04").sections.length, 0);
  assert.is(page("2025-03").empty, false);
});

test("eight indicator sections, with their figures", () => {
  const march = page("2025-03");
  assert.equal(
    march.sections.map((s) => s.id),
    CHART_IDS,
  );
  const users = march.sections.find((s) => s.id === "users");
  assert.equal(
    users?.figures.map((f) => [f.label, f.value, f.change?.text]),
    [["Active users", "7", "\u22123"]],
  );
  const perUser = march.sections.find((s) => s.id === "actions-by-user");
  // 1250 actions / 7 users = 178.57... (the fixture's totals: every action names one of them)
  assert.equal(
    perUser?.figures.map((f) => [f.label, f.value]),
    [
      ["Total actions", "1,250"],
      ["Actions per user (7 users)", "178.6"],
    ],
  );
});

test("SVG ids are scoped per chart so the charts share a page", () => {
  const svg = '<svg><clipPath id="clip1"/><g clip-path="url(#clip1)"/><use href="#clip1"/></svg>';
  assert.is(scopeSvgIds(svg, "svg-users"), '<svg><clipPath id="svg-users-clip1"/><g clip-path="url(#svg-users-clip1)"/><use href="#svg-users-clip1"/></svg>');
  assert.ok(page("2025-03").sections[0].svg.includes('id="svg-actions-clip1"'));
});

test("Show-data tables: formatted numbers, right-aligned columns, cut when long", () => {
  const table = tableView({
    table: {
      columns: ["user_id", "count"],
      rows: [
        ["alice", 1234],
        ["bob", 5],
      ],
    },
  });
  assert.equal(table.columns, [
    {label: "user_id", numeric: false},
    {label: "count", numeric: true},
  ]);
  assert.equal(table.rows[0], [
    {text: "alice", numeric: false},
    {text: "1,234", numeric: true},
  ]);
  assert.is(table.note, "");
  const long = tableView(charts("alice", "update", 600)[0]);
  assert.is(long.rows.length, MAX_TABLE_ROWS);
  assert.is(long.note, "First 500 of 600 rows; indicators.json has them all.");
  assert.is(tableView({}).rows.length, 0);
});

test("downloads with row counts and sizes", () => {
  // 1250 rows; 125,000 and 187,500 bytes
  assert.equal(page("2025-03").downloads, [
    {href: "activity.csv", name: "activity.csv", format: "CSV", rows: "1,250 rows", size: `125${NBSP}kB`},
    {href: "activity.json", name: "activity.json", format: "JSON", rows: "1,250 rows", size: `188${NBSP}kB`},
  ]);
});

test("the index: accounting, tabs in order, periods newest first, whole log", () => {
  const {index} = model;
  assert.equal(
    index.input.map((c) => c.value),
    ["1", "1,500", "1,430", "60", "10"],
  );
  assert.equal(index.rejects, {href: "rejects.csv", label: "Rejected rows (rejects.csv)"});
  assert.equal(
    index.tabs.map((t) => t.id),
    ["months", "weeks", "quarters", "years", "rolling", "all-time"],
  );
  assert.equal(
    index.tabs[0].rows.map((r) => r.title),
    ["April 2025", "March 2025", "February 2025"],
  );
  assert.equal(
    index.tabs[1].rows.map((r) => r.href),
    ["week/2025-W09/index.html", "week/2025-W01/index.html"],
  );
  assert.is(index.tabs[0].rows[1].actionsChange?.text, "+1,150%");
  assert.is(index.tabs[0].rows[0].empty, true);
  assert.equal(
    index.wholeLog.map((d) => `${d.href} ${d.rows}`),
    ["all/activity.csv 1,430 rows", "all/activity.json 1,430 rows"],
  );
  assert.is(index.builtAt, "1 May 2025, 12:30");
});

test("a period that goes on past the as-of day says its figures are so far; one that is over, rolling or all time does not", () => {
  // the fixture's report is as of 30 April 2025
  const soFar = Object.fromEntries(model.periods.map((page) => [page.path, page.soFar]));
  assert.is(soFar["year/2025/"], "Figures so far, up to 30 Apr 2025: the year ends on 31 Dec 2025.");
  assert.is(soFar["month/2025-04/"], null, "April ends with the as-of day");
  assert.is(soFar["quarter/2025-Q1/"], null);
  assert.is(soFar["rolling/last-7-days/"], null);
  assert.is(soFar["all/"], null);
  const input = siteInput("/unused");
  input.report.asOf = "2025-04-29";
  const april = buildSiteModel(input).periods.find((page) => page.path === "month/2025-04/");
  assert.is(april?.soFar, "Figures so far, up to 29 Apr 2025: the month ends on 30 Apr 2025.");
});

test.run();
