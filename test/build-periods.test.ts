/**
 * End to end: the periods a reader can trust. Builds test/fixtures/periods/gaps.csv (14 rows,
 * hand-counted below) as of Wednesday 11 March 2026 in Europe/Paris and checks the period list, the
 * rows after the as-of day, the buckets of open periods and the comparisons field by field, then runs
 * the independent computation (scripts/verify-indicators.py) on the same build.
 *
 * Hand count (all rows at 10:00 or so UTC, 11:00 in Paris, but the two around midnight):
 *   2025-W51 (15-21 Dec): 17 Dec alice, bob; 18 Dec alice            3 actions, data from 17 Dec
 *   2025-W52 (22-28 Dec): 22 Dec carol                                1
 *   2026-W01 to W05 (29 Dec - 1 Feb), all of January                 quiet
 *   2026-W06 (2-8 Feb): 3 Feb alice; 4 Feb no user                   2
 *   2026-W07 (9-15 Feb): 10 Feb bob                                   1
 *   2026-W08, W09 (16 Feb - 1 Mar)                                    quiet
 *   2026-W10 (2-8 Mar): 2 Mar alice; 3 Mar carol                      2
 *   2026-W11 (9-15 Mar, so far): 10 Mar bob; 11 Mar 23:30 alice       2
 *   after the as-of day: 12 Mar 00:30 (23:30Z on the 11th), 20 Mar, 2 Apr: 3 rows, in no period
 * 14 accepted, 11 counted. The first period of each type starts before 17 December: it is marked
 * "data from 17 Dec 2025" and compared with nothing, nor is the period after it.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {execFile} from "node:child_process";
import {mkdtemp, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {Ajv} from "ajv";
import {build, type BuildEffects} from "../src/build.js";
import {buildConfig} from "../src/config.js";

const LOG = path.resolve("test/fixtures/periods/gaps.csv");
const AS_OF = "2026-03-11";
const effects: BuildEffects = {now: () => new Date("2026-03-12T06:00:00.000Z"), log: () => {}, progress: () => {}};
const readJson = async (file: string) => JSON.parse(await readFile(file, "utf8"));
const at = (iso: string) => new Date(iso).toISOString();

let root = "";
let out = "";
let report: {input: Record<string, number>; lastAction: string | null; periods: {type: string; key: string; path: string; actions: number; users: number}[]};
const indicators = (periodPath: string) => readJson(path.join(out, periodPath, "indicators.json"));
const page = (periodPath: string) => readFile(path.join(out, periodPath, "index.html"), "utf8");
const text = (html: string) => html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ");

test.before(async () => {
  root = await mkdtemp(path.join(tmpdir(), "ar-periods-"));
  out = path.join(root, "site");
  await build(buildConfig({input: [LOG], out, tz: "Europe/Paris", "as-of": AS_OF, workers: "0", "no-cache": true, quiet: true}), effects);
  report = await readJson(path.join(out, "report.json"));
});

test.after(async () => {
  await rm(root, {recursive: true, force: true});
});

test("every period from the first action to the as-of day is listed, quiet ones with 0, none after it", () => {
  const listed = (type: string) => report.periods.filter((p) => p.type === type).map((p) => `${p.key} ${p.actions}`);
  assert.equal(listed("week"), [
    "2025-W51 3",
    "2025-W52 1",
    "2026-W01 0",
    "2026-W02 0",
    "2026-W03 0",
    "2026-W04 0",
    "2026-W05 0",
    "2026-W06 2",
    "2026-W07 1",
    "2026-W08 0",
    "2026-W09 0",
    "2026-W10 2",
    "2026-W11 2",
  ]);
  assert.equal(listed("month"), ["2025-12 4", "2026-01 0", "2026-02 3", "2026-03 4"]);
  assert.equal(listed("quarter"), ["2025-Q4 4", "2026-Q1 7"]);
  assert.equal(listed("year"), ["2025 4", "2026 7"]);
  assert.equal(listed("all"), ["all 11"]);
  assert.equal(listed("rolling"), ["last-30-days 5", "last-7-days 2"]);
});

test("rows after the as-of day are accepted, counted in no period, and said on the index", async () => {
  assert.equal(report.input, {files: 1, rows: 14, accepted: 14, rejected: 0, duplicates: 0, afterAsOf: 3});
  // the latest counted action: 11 March, 23:30 in Paris
  assert.is(report.lastAction, at("2026-03-11T22:30:00Z"));
  const index = text(await readFile(path.join(out, "index.html"), "utf8"));
  assert.ok(index.includes("3 rows dated after 11 Mar 2026 count in no period (they are among the accepted rows)."), index.slice(0, 600));
  assert.ok(index.includes("latest action 11 Mar 2026, 23:30"));
});

test("open periods end at the as-of day: buckets up to 11 March, the end still the period's", async () => {
  const march = await indicators("month/2026-03/");
  assert.equal(
    march.actions.buckets,
    Array.from({length: 11}, (_, i) => `2026-03-${String(i + 1).padStart(2, "0")}`),
  );
  assert.is(march.period.end, "2026-04-01T00:00:00+02:00");
  assert.equal((await indicators("week/2026-W11/")).actions.buckets, ["2026-03-09", "2026-03-10", "2026-03-11"]);
  assert.equal(
    (await indicators("quarter/2026-Q1/")).actions.buckets,
    Array.from({length: 11}, (_, i) => `2026-W${String(i + 1).padStart(2, "0")}`),
  );
  assert.equal((await indicators("year/2026/")).actions.buckets, ["2026-01", "2026-02", "2026-03"]);
  assert.equal((await indicators("all/all/")).actions.buckets, ["2025-12", "2026-01", "2026-02", "2026-03"]);
  const marchPage = text(await page("month/2026-03/"));
  assert.ok(marchPage.includes("so far"));
  assert.ok(marchPage.includes("Figures so far, up to 11 Mar 2026: the month ends on 31 Mar 2026."));
});

test("comparisons: like with like, said in words", async () => {
  const comparison = async (periodPath: string) => (await indicators(periodPath)).comparison;
  // a week so far (3 days) against the first 3 days of the week before: 2 and 3 March
  assert.equal(await comparison("week/2026-W11/"), {
    type: "previous-same-days",
    key: "2026-W10",
    start: "2026-03-02T00:00:00+01:00",
    end: "2026-03-05T00:00:00+01:00",
    actions: 2,
    users: 2,
  });
  // March so far (11 days) against 1-11 February: alice, the row without a user, bob
  assert.equal(await comparison("month/2026-03/"), {
    type: "previous-same-days",
    key: "2026-02",
    start: "2026-02-01T00:00:00+01:00",
    end: "2026-02-12T00:00:00+01:00",
    actions: 3,
    users: 2,
  });
  assert.equal(await comparison("month/2026-02/"), {
    type: "previous",
    key: "2026-01",
    start: "2026-01-01T00:00:00+01:00",
    end: "2026-02-01T00:00:00+01:00",
    actions: 0,
    users: 0,
  });
  assert.equal(await comparison("week/2026-W01/"), {
    type: "previous",
    key: "2025-W52",
    start: "2025-12-22T00:00:00+01:00",
    end: "2025-12-29T00:00:00+01:00",
    actions: 1,
    users: 1,
  });
  assert.equal(await comparison("rolling/last-7-days/"), {
    type: "previous-window",
    key: "previous-7-days",
    start: "2026-02-26T00:00:00+01:00",
    end: "2026-03-05T00:00:00+01:00",
    actions: 2,
    users: 2,
  });
  assert.equal(await comparison("rolling/last-30-days/"), {
    type: "previous-window",
    key: "previous-30-days",
    start: "2026-01-11T00:00:00+01:00",
    end: "2026-02-10T00:00:00+01:00",
    actions: 2,
    users: 1,
  });
  // the first periods (data from 17 December) and those after them are compared with nothing
  for (const first of ["week/2025-W51/", "month/2025-12/", "quarter/2025-Q4/", "year/2025/"]) {
    assert.is((await indicators(first)).dataFrom, "2025-12-17", first);
    assert.is(await comparison(first), null, first);
  }
  for (const next of ["week/2025-W52/", "month/2026-01/", "quarter/2026-Q1/", "year/2026/", "all/all/"]) assert.is(await comparison(next), null, next);
  assert.is((await indicators("week/2025-W52/")).dataFrom, null);

  const week = text(await page("week/2026-W11/"));
  assert.ok(week.includes("Changes compare with the first 3 days of Week 10, 2026 (2–4 Mar 2026)."), week.slice(0, 900));
  assert.ok(week.includes("±0 (no change from 2 in the first 3 days of Week 10, 2026)"));
  const rolling = text(await page("rolling/last-30-days/"));
  assert.ok(rolling.includes("+150% (up 150% from 2 in the previous 30 days)"), rolling.slice(0, 900));
  assert.ok(rolling.includes("Changes compare with the previous 30 days (11 Jan – 9 Feb 2026)."));
  const december = text(await page("month/2025-12/"));
  assert.ok(december.includes("data from 17 Dec 2025"));
  assert.ok(december.includes("Data from 17 Dec 2025: the period is not compared with another as if it were whole."));
  assert.ok(text(await page("month/2026-01/")).includes("No activity in this period"));
  const january = text(await page("week/2026-W02/"));
  assert.ok(january.includes("Latest action before it: 22 Dec 2025, 11:00"), january.slice(0, 900));
  // the index: the same changes as the pages, and the first periods marked
  const index = await readFile(path.join(out, "index.html"), "utf8");
  assert.match(index, /December 2025<\/a> <span class="so-far data-from">data from 17 Dec<\/span>/);
  assert.ok(index.includes("(no change from 2 in the first 3 days of Week 10, 2026)"));
});

test("quiet periods link their neighbours and have no charts", async () => {
  const quiet = await page("week/2026-W03/");
  assert.ok(quiet.includes('rel="prev" href="../../week/2026-W02/index.html"'));
  assert.ok(quiet.includes('rel="next" href="../../week/2026-W04/index.html"'));
  assert.not.ok(quiet.includes("<svg"));
  assert.equal(await readJson(path.join(out, "week/2026-W03/charts.json")), {charts: []});
  const w06 = await page("week/2026-W06/");
  assert.ok(w06.includes('rel="prev" href="../../week/2026-W05/index.html"'), "W06's previous week is the quiet W05, not W52");
});

test("actions per user adds up: the actions of the users named, and the actions without a user beside", async () => {
  // February: alice, bob and a row without a user
  assert.equal((await indicators("month/2026-02/")).totals, {actions: 3, users: 2, datasets: 2, pages: 0, actionsPerUser: 1});
  const february = text(await page("month/2026-02/"));
  assert.ok(february.includes("Total actions 3 Actions per user (2 users) 1.0 Actions without a user 1"), february);
});

test("activity by weekday: local days, the as-of day's last hour in, the next day's first out", async () => {
  // 10 Mar (Tuesday) bob; 11 Mar 23:30 in Paris (Wednesday) alice; 23:30Z on the 11th is Thursday 00:30 in Paris, after the as-of day
  const days = (await indicators("week/2026-W11/")).byWeekday.map((d: {actions: number; users: number}) => [d.actions, d.users]);
  assert.equal(days, [
    [0, 0],
    [1, 1],
    [1, 1],
    [0, 0],
    [0, 0],
    [0, 0],
    [0, 0],
  ]);
});

test("report.json and every indicators.json follow the schemas", async () => {
  const ajv = new Ajv({allErrors: true, strict: false});
  ajv.addFormat("date-time", true);
  const checkReport = ajv.compile(await readJson("schemas/report.schema.json"));
  assert.ok(checkReport(report), JSON.stringify(checkReport.errors));
  const checkIndicators = ajv.compile(await readJson("schemas/indicators.schema.json"));
  for (const p of report.periods) assert.ok(checkIndicators(await indicators(p.path)), `${p.path}: ${JSON.stringify(checkIndicators.errors)}`);
  // byWeekday lists the seven days, Monday first
  const week = await indicators("week/2026-W11/");
  assert.not.ok(checkIndicators({...week, byWeekday: week.byWeekday.slice(1)}), "six days");
  assert.not.ok(checkIndicators({...week, byWeekday: [...week.byWeekday.slice(1), week.byWeekday[0]]}), "Monday last");
  const {byWeekday: _left, ...without} = week;
  assert.not.ok(checkIndicators(without), "no byWeekday");
});

test("the independent computation (scripts/verify-indicators.py) agrees with every period", async () => {
  const result = await new Promise<{code: number | null; stdout: string}>((resolve) => {
    const child = execFile("python3", ["scripts/verify-indicators.py", "--out", out, "--tz", "Europe/Paris", "--as-of", AS_OF, LOG], (_error, stdout) =>
      resolve({code: child.exitCode, stdout}),
    );
  });
  assert.is(result.code, 0, result.stdout);
  assert.match(result.stdout, /^checked 24 periods, 14 rows \(14 accepted, 0 rejected, 0 duplicates\)\n0 differences\n$/);
});

test.run();
