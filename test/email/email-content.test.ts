import {test} from "uvu";
import * as assert from "uvu/assert";
import {readFile} from "node:fs/promises";
import {actionMix, EMAIL_CHART_IDS, emailContent, formatChange, periodLink, staticDescription} from "../../src/email/email-content.js";
import {chartSpecs} from "../../src/charts/registry.js";
import {actionPalette} from "../../src/charts/palette.js";
import {INDICATORS} from "../../src/indicators/registry.js";
import {fixture, FIXTURE_ACTIONS} from "../fixtures/charts/load.js";
import {readReport} from "../../src/email/read-report.js";
import {emailText} from "../../src/email/email-text.js";
import {fixtureConfig} from "./email-fixture.js";

const read = (file: string) => readFile(file);
const noImages = new Map();

test("the email's charts are those of the indicators marked email, by their page chart ids, in page order", () => {
  assert.equal(EMAIL_CHART_IDS, ["actions", "distribution"]);
  const onPage = chartSpecs(fixture("week"), actionPalette(FIXTURE_ACTIONS));
  const marked = INDICATORS.flatMap((indicator, i) => (indicator.email ? [onPage[i]] : []));
  assert.equal(
    marked.map((chart) => chart.id),
    [...EMAIL_CHART_IDS],
  );
  assert.equal(
    marked.map((chart) => chart.title),
    ["Actions", "Distribution of actions"],
  );
});

test("formatChange: the page's change (site/figures.ts) with what it compares with and that value", () => {
  assert.is(formatChange(12, 8, "February 2025", "percent"), "+50% vs February 2025 (8)");
  assert.is(formatChange(1, 3, "Week 9, 2025", "percent"), "\u221267% vs Week 9, 2025 (3)");
  assert.is(formatChange(5, 5, "Q1 2025", "percent"), "±0 vs Q1 2025 (5)");
  assert.is(formatChange(4, 0, "2024", "percent"), "+4 vs 2024 (0)");
  assert.is(formatChange(0, 4, "2024", "percent"), "\u2212100% vs 2024 (4)");
  // users change by a count, as on the page: "+1", not "+5.3%"
  assert.is(formatChange(20, 19, "the first 7 days of November 2026", "absolute"), "+1 vs the first 7 days of November 2026 (19)");
});

test("periodLink joins the base URL and the period's path with one slash", () => {
  assert.is(periodLink("https://x.org/r", "month/2025-03/"), "https://x.org/r/month/2025-03/");
  assert.is(periodLink("https://x.org/r//", "/month/2025-03/"), "https://x.org/r/month/2025-03/");
});

test("the first month of a report has no change figures; a subject can be given", async () => {
  const snapshot = await readReport(fixtureConfig({period: {kind: "exact", type: "month", key: "2025-02"}}), read);
  const content = emailContent(snapshot, {subject: "Monthly figures", baseUrl: undefined}, noImages);
  assert.is(content.subject, "Monthly figures");
  assert.equal(
    content.kpis.map((k) => [k.label, k.value, k.change]),
    [
      ["Actions", "8", null],
      ["Active users", "3", null],
      ["Actions per user", "2.7", null],
    ],
  );
  assert.is(content.note, null);
  assert.is(content.link, null);
  assert.equal(content.charts, [], "no image given, no chart shown");
  assert.is(content.days, "1–28 Feb 2025");
});

test("a rolling window: its label and days, no previous period", async () => {
  const snapshot = await readReport(fixtureConfig({period: {kind: "exact", type: "rolling", key: "last-7-days"}}), read);
  const content = emailContent(snapshot, {subject: undefined, baseUrl: "https://r.example"}, noImages);
  assert.is(content.subject, "Backoffice activity · Data & Co <portal> · Last 7 days");
  assert.is(content.days, "25–31 Mar 2025");
  assert.is(content.kpis[2].value, "1.5");
  assert.ok(content.kpis.every((k) => k.change === null));
  assert.equal(
    content.tops[0].rows.map((r) => [r.name, r.count, r.share]),
    [
      ["alice", "2", "66.7%"],
      ["frank", "1", "33.3%"],
    ],
  );
  assert.is(content.link, "https://r.example/rolling/last-7-days/");
  const text = emailText(content);
  assert.match(text, /^Last 7 days \(25–31 Mar 2025\)$/m);
  assert.match(text, /^Actions per user {2}1\.5$/m);
});

test("a month not over yet says its figures are so far; an empty one lists no rows", async () => {
  const snapshot = await readReport(fixtureConfig({period: {kind: "exact", type: "month", key: "2025-04"}}), read);
  const content = emailContent(snapshot, {subject: undefined, baseUrl: undefined}, noImages);
  assert.is(content.note, "Figures so far: the period ends on 30 Apr 2025.");
  assert.equal(
    content.kpis.map((k) => k.change),
    ["\u2212100% vs March 2025 (12)", "\u22126 vs March 2025 (6)", null],
  );
  assert.ok(content.tops.every((t) => t.rows.length === 0));
  assert.match(emailText(content), /^Top 5 users\n {2}\(none in this period\)$/m);
});

test("shares are written as on the charts: one decimal, and a share under 0.1% as < 0.1%", async () => {
  const snapshot = await readReport(fixtureConfig(), read);
  snapshot.indicators.totals.actions = 300;
  const content = emailContent(snapshot, {subject: undefined, baseUrl: undefined}, noImages);
  // alice 4, <script> 3, bob 2, dave 1, erin 1 of 300
  assert.equal(
    content.tops[0].rows.map((r) => r.share),
    ["1.3%", "1.0%", "0.7%", "0.3%", "0.3%"],
  );
  snapshot.indicators.totals.actions = 3000;
  assert.equal(
    emailContent(snapshot, {subject: undefined, baseUrl: undefined}, noImages)
      .tops[0].rows.map((r) => r.share)
      .slice(3),
    ["< 0.1%", "< 0.1%"],
  );
});

test("a subject with line breaks cannot add headers", async () => {
  const {composeEmail} = await import("../../src/email/email-command.js");
  const {fixtureEffects} = await import("./email-fixture.js");
  const {message} = await composeEmail(fixtureConfig({subject: "Report\r\nBcc: victim@example.org"}), fixtureEffects());
  const [headers] = message.toString("latin1").split("\r\n\r\n");
  assert.not.match(headers, /^Bcc:/im);
});

test("invisible and bidi characters in ids are shown as code points", async () => {
  const snapshot = await readReport(fixtureConfig(), read);
  snapshot.indicators.topUsers[0] = {user_id: "eve\u202Egpj.exe", count: 4, byAction: {"x\u200By": 4}};
  const content = emailContent(snapshot, {subject: undefined, baseUrl: undefined}, noImages);
  assert.is(content.tops[0].rows[0].name, "eve[U+202E]gpj.exe");
  assert.is(content.tops[0].rows[0].detail, "x[U+200B]y 4");
});

test("a top-list row details three actions, then says how many more", () => {
  assert.is(actionMix({a: 5, b: 3, c: 2}), "A 5 · B 3 · C 2");
  assert.is(actionMix({a: 5, b: 3, c: 2, d: 1, e: 1}), "A 5 · B 3 · C 2 · 2 more");
  // named as the charts name them: known, humanised, look-alikes apart, hostile ids made visible
  assert.is(actionMix({publish_dataset: 4, archive_old_maps: 2, "ev\u202Eil": 1}), "Publish dataset 4 · Archive old maps 2 · ev[U+202E]il 1");
  assert.is(actionMix({edit_dataset: 3, "Edit dataset": 1}), "Edit dataset (edit_dataset) 3 · Edit dataset 1");
  assert.is(actionMix({}), "");
});

test("chart descriptions lose the sentences about clicking, which a PNG cannot do", async () => {
  assert.is(staticDescription("Actions per day. Click a legend entry to show only that action."), "Actions per day.");
  assert.is(staticDescription("Hover a bar for its count. Share of each action."), "Share of each action.");
  assert.is(staticDescription("Share of each action"), "Share of each action");
  const snapshot = await readReport(fixtureConfig(), read);
  snapshot.charts[0].description = "Actions per day. Click a legend entry to show only that action.";
  const image = {png: Buffer.alloc(0), width: 600, height: 300, renderMs: 1};
  const content = emailContent(snapshot, {subject: undefined, baseUrl: undefined}, new Map([["actions", image]]));
  assert.equal(
    content.charts.map((c) => [c.id, c.description]),
    [["actions", "Actions per day."]],
  );
});

test.run();
