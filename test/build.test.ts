/**
 * End to end: builds test/fixtures/build/log.csv (13 rows, hand-counted below) into a temp folder and
 * checks the files, the numbers, the schemas and that a failed build keeps the last good report.
 *
 * Hand count, Europe/Paris, as of 2026-03-31: 13 rows = 9 accepted + 3 rejected (2026-02-30, empty
 * action, "not a date") + 1 duplicate. 2026-03-03T23:30Z is 4 March in Paris; 2026-03-31T22:30Z is
 * 1 April (summer time); 2025-12-31T23:30Z is 1 January 2026 (2026-W01); the naive 2026-03-25T09:00 is
 * Paris time.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {appendFile, copyFile, mkdtemp, readFile, readdir, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {Ajv} from "ajv";
import {build, type BuildEffects} from "../src/build.js";
import {checkRejectedShare} from "../src/pipeline/read-log.js";
import {reportTitle} from "../src/pipeline/plan.js";
import type {ActivityLog} from "../src/ingest/types.js";
import {table as arqueroTable} from "arquero";
import {encodeStrings} from "../src/periods/add-period-keys.js";
import {buildConfig} from "../src/config.js";
import {InputError} from "../src/errors.js";

const LOG = path.resolve("test/fixtures/build/log.csv");
const quiet = (now = "2026-04-01T06:00:00.000Z"): BuildEffects => ({now: () => new Date(now), log: () => {}, progress: () => {}});
const readJson = async (file: string) => JSON.parse(await readFile(file, "utf8"));
const configFor = (out: string, extra: Record<string, unknown> = {}) =>
  buildConfig({input: [LOG], out, tz: "Europe/Paris", "as-of": "2026-03-31", "max-rejected": "50", ...extra});

let out = "";

/** Every file under `root`, as paths relative to it, sorted. */
const files = async (root: string, dir = ""): Promise<string[]> => {
  const entries = await readdir(path.join(root, dir), {withFileTypes: true});
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? files(root, path.join(dir, e.name)) : [path.join(dir, e.name)])));
  return nested.flat().sort();
};

test.before(async () => {
  out = path.join(await mkdtemp(path.join(tmpdir(), "ar-build-")), "site");
  await build(configFor(out), quiet());
});

test("report.json accounts for every row and lists the periods", async () => {
  const report = await readJson(path.join(out, "report.json"));
  // line 9 (1 April, 00:30 in Paris) is after the as-of day: accepted, in no period
  assert.equal(report.input, {files: 1, rows: 13, accepted: 9, rejected: 3, duplicates: 1, afterAsOf: 1});
  assert.is(report.timeZone, "Europe/Paris");
  assert.is(report.asOf, "2026-03-31");
  // the latest counted row: line 8 of the log (29 March, 01:30 in Paris); line 9 is after the as-of
  // day, the later lines are rejected or earlier
  assert.is(report.lastAction, "2026-03-29T00:30:00.000Z");
  const index = await readFile(path.join(out, "index.html"), "utf8");
  assert.ok(index.includes('(latest action <time datetime="2026-03-29T00:30:00.000Z">29 Mar 2026, 01:30</time>)'), "the index says how recent the log is");
  assert.is(report.title, "demo-domain");
  assert.is(report.rejects, "rejects.csv");
  const keys = report.periods.map((p: {type: string; key: string}) => `${p.type}:${p.key}`);
  // every week and month from the first counted row's to the as-of day's, quiet ones too; April
  // starts after the as-of day
  assert.equal(keys, [
    ...Array.from({length: 14}, (_, i) => `week:2026-W${String(i + 1).padStart(2, "0")}`),
    "month:2026-01",
    "month:2026-02",
    "month:2026-03",
    "quarter:2026-Q1",
    "year:2026",
    "all:all",
    "rolling:last-30-days",
    "rolling:last-7-days",
  ]);
  const march = report.periods.find((p: {key: string}) => p.key === "2026-03");
  assert.equal(march, {
    type: "month",
    key: "2026-03",
    path: "month/2026-03/",
    start: "2026-03-01T00:00:00+01:00",
    end: "2026-04-01T00:00:00+02:00",
    actions: 7,
    users: 4,
  });
});

test("March's indicators match the hand count", async () => {
  const march = await readJson(path.join(out, "month/2026-03/indicators.json"));
  // 6 of the 7 actions name a user: 6 / 4 per user, and 1.5 x 4 + 1 = 7
  assert.equal(march.totals, {actions: 7, users: 4, datasets: 2, pages: 1, actionsPerUser: 1.5});
  assert.equal(
    march.topUsers.map((u: {user_id: string; count: number}) => [u.user_id, u.count]),
    [
      ["alice", 2],
      ["bob", 2],
      ["<script>alert(1)</script>", 1],
      ["carol", 1],
    ],
  );
  assert.equal(march.topUsers[0].byAction, {edit_dataset: 1, publish_dataset: 1});
  assert.equal(march.topDatasets, [
    {dataset_id: "roads", count: 3, byAction: {'=HYPERLINK("x")': 1, edit_dataset: 1, publish_dataset: 1}},
    {dataset_id: "trees", count: 1, byAction: {edit_dataset: 1}},
  ]);
  assert.equal(march.topPages, [{page_id: "home", count: 1, byAction: {edit_page: 1}}]);
  assert.equal(
    march.distribution.map((d: {action: string; count: number}) => [d.action, d.count]),
    [
      ["edit_dataset", 2],
      ['=HYPERLINK("x")', 1],
      ["aborting_processing_dataset", 1],
      ["add_user_to_domain", 1],
      ["edit_page", 1],
      ["publish_dataset", 1],
    ],
  );
  assert.is(march.actions.bucket, "day");
  assert.is(march.actions.buckets.length, 31);
  const day4 = march.actions.series.filter((s: {bucket: string}) => s.bucket === "2026-03-04");
  assert.equal(day4, [{bucket: "2026-03-04", action: "edit_dataset", count: 1}]);
});

test("the index marks weeks, months, quarters and years that go on past the as-of day as 'so far'", async () => {
  const html = await readFile(path.join(out, "index.html"), "utf8");
  const soFar = [...html.matchAll(/<a href="([^"]+)">[^<]*<\/a> <span class="so-far">so far<\/span>/g)].map((m) => m[1]);
  assert.equal(soFar.sort(), ["week/2026-W14/index.html", "year/2026/index.html"]);
});

test("rolling windows end with the as-of day in the report's zone", async () => {
  const week = await readJson(path.join(out, "rolling/last-7-days/indicators.json"));
  assert.is(week.totals.actions, 2);
  assert.is(week.period.start, "2026-03-25T00:00:00+01:00");
  assert.is(week.period.end, "2026-04-01T00:00:00+02:00");
  const month = await readJson(path.join(out, "rolling/last-30-days/indicators.json"));
  assert.is(month.totals.actions, 7);
});

test("outputs follow the JSON Schemas in schemas/", async () => {
  const ajv = new Ajv({allErrors: true, strict: false});
  ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  const report: {periods: {path: string}[]} = await readJson(path.join(out, "report.json"));
  const checkReport = ajv.compile(await readJson("schemas/report.schema.json"));
  assert.ok(checkReport(report), JSON.stringify(checkReport.errors));
  const checkIndicators = ajv.compile(await readJson("schemas/indicators.schema.json"));
  for (const period of report.periods) {
    const indicators = await readJson(path.join(out, period.path, "indicators.json"));
    assert.ok(checkIndicators(indicators), `${period.path}: ${JSON.stringify(checkIndicators.errors)}`);
  }
});

test("source data downloads hold the period's rows with every column, formulas defused", async () => {
  const csv = await readFile(path.join(out, "month/2026-03/activity.csv"), "utf8");
  const lines = csv.trimEnd().split("\r\n");
  assert.is(lines.length, 1 + 7);
  assert.ok(lines[0].endsWith('"subdomain_id","source_system"'), lines[0]);
  assert.ok(csv.includes(`"'=HYPERLINK(""x"")"`));
  const json = await readJson(path.join(out, "month/2026-03/activity.json"));
  assert.is(json.length, 7);
  assert.equal(json.map((r: {timestamp: string}) => r.timestamp).slice(0, 2), ["2026-03-02T09:00:00+01:00", "2026-03-02T08:15:00Z"], "timestamp order");
  assert.ok(
    json.some((r: {action: string}) => r.action === '=HYPERLINK("x")'),
    "JSON keeps the raw value",
  );
  const rejects = await readFile(path.join(out, "rejects.csv"), "utf8");
  assert.is(rejects.trimEnd().split("\r\n").length, 1 + 3);
});

test("too many rejected rows fail the build and leave the last good report untouched", async () => {
  const before = await readFile(path.join(out, "report.json"), "utf8");
  await build(configFor(out, {"max-rejected": "5"}), quiet("2026-04-02T06:00:00.000Z")).then(
    () => assert.unreachable("should fail"),
    (error) => {
      assert.instance(error, InputError);
      assert.match(error.message, /3 of 13 rows rejected/);
    },
  );
  assert.is(await readFile(path.join(out, "report.json"), "utf8"), before);
  const siblings = await readdir(path.dirname(out));
  assert.not.ok(
    siblings.some((name) => name.includes(".staging-")),
    siblings.join(","),
  );
});

test("the same input built twice is byte-identical but for the build time", async () => {
  const second = path.join(path.dirname(out), "again");
  await build(configFor(second), quiet("2026-05-05T05:05:05.000Z"));
  const a = await files(out);
  assert.equal(a, await files(second));
  for (const file of a) {
    const [x, y] = await Promise.all([readFile(path.join(out, file), "utf8"), readFile(path.join(second, file), "utf8")]);
    if (file === "report.json") {
      assert.is(x.replace("2026-04-01T06:00:00.000Z", "T"), y.replace("2026-05-05T05:05:05.000Z", "T"));
      continue;
    }
    if (file === "index.html") {
      const withoutTime = (html: string) => html.replace(/Built <time [^>]*>[^<]*<\/time>/, "");
      assert.is(withoutTime(x), withoutTime(y));
      assert.is.not(x, y, "the index page shows the build time");
      continue;
    }
    assert.ok(x === y, `${file} differs`);
  }
});

test("a rerun on unchanged inputs and options is a no-op; a changed input rebuilds", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ar-rerun-"));
  const log = path.join(dir, "log.csv");
  await copyFile(LOG, log);
  const site = path.join(dir, "site");
  const config = buildConfig({input: [log], out: site, tz: "Europe/Paris", "as-of": "2026-03-31", "max-rejected": "50", workers: "0"});
  const first = await build(config, quiet("2026-04-01T06:00:00.000Z"));
  assert.is(first.upToDate, false);
  const again = await build(config, quiet("2026-04-02T06:00:00.000Z"));
  assert.is(again.upToDate, true);
  assert.is(again.accepted, 9);
  assert.is((await readJson(path.join(site, "report.json"))).generatedAt, "2026-04-01T06:00:00.000Z", "the published report was left alone");
  await appendFile(log, "2026-03-30T10:00:00Z;demo-domain;erin;roads;;edit_dataset;;;;;;;backoffice\n");
  const changed = await build(config, quiet("2026-04-03T06:00:00.000Z"));
  assert.is(changed.upToDate, false);
  assert.is(changed.accepted, 10);
  const forced = await build({...config, force: true}, quiet("2026-04-04T06:00:00.000Z"));
  assert.is(forced.upToDate, false);
});

test("a log in time order: downloads formatted while it is read give the same report as from the table", async () => {
  // with worker threads, a cold build formats the whole log's downloads on one while it reads a log
  // in time order (site/source-stream.ts); without, from the table: every file must be the same
  const dir = await mkdtemp(path.join(tmpdir(), "ar-stream-build-"));
  const log = path.join(dir, "log.csv");
  const rows = Array.from({length: 400}, (_, i) => {
    const time = new Date(Date.UTC(2026, 2, 20) + i * 47 * 60 * 1000).toISOString();
    const dataset = i % 9 === 0 ? '"=HYPERLINK(""x"")"' : `ds-${i % 6}`;
    return `${time};demo-domain;${["alice", "bob", "carol"][i % 3]};${dataset};;${["edit_dataset", "publish_dataset"][i % 2]};;;"{""n"":${i}}";;;`;
  });
  await writeFile(
    log,
    "timestamp;domain_id;user_id;dataset_id;username;action;group_id;page_id;diff;map_id;reuse_title;subdomain_id\n" + rows.join("\n") + "\n",
  );
  const streamed = path.join(dir, "streamed");
  const fromTable = path.join(dir, "table");
  const options = {input: [log], tz: "Europe/Paris", "as-of": "2026-03-31", "no-cache": true};
  await build(buildConfig({...options, out: streamed, workers: "1"}), quiet());
  await build(buildConfig({...options, out: fromTable, workers: "0"}), quiet());
  const names = await files(streamed);
  assert.equal(names, await files(fromTable));
  assert.ok(names.includes("activity.csv") && names.includes(path.join("week", "2026-W13", "activity.json")));
  assert.not.ok(
    names.some((name) => name.includes(".source-stream")),
    "no worker folder left",
  );
  for (const name of names) {
    const [x, y] = await Promise.all([readFile(path.join(streamed, name)), readFile(path.join(fromTable, name))]);
    assert.ok(x.equals(y), `${name} differs`);
  }
  const csv = await readFile(path.join(streamed, "activity.csv"), "utf8");
  assert.ok(csv.includes(`"'=HYPERLINK(""x"")"`), "formulas defused");
});

test("the title names the log's domains, most frequent first, from coded and plain columns alike", () => {
  const titleOf = (domains: string[], title?: string) => {
    const plain = arqueroTable({domain_id: domains});
    const coded = arqueroTable({domain_id: encodeStrings(domains.length, (row) => domains[row])});
    const fromPlain = reportTitle(plain, title);
    assert.is(reportTitle(coded, title), fromPlain, `coded and plain agree on ${JSON.stringify(domains)}`);
    return fromPlain;
  };
  assert.is(titleOf(["demo", "demo", ""]), "demo"); // one domain: the coded column's indexOf path
  assert.is(titleOf(["", "", ""]), "Activity report");
  assert.is(titleOf(["b", "a", "b", "", "c", "a", "b"]), "b, a, c"); // by count, then by name
  assert.is(titleOf(["d", "c", "b", "a", "a"]), "a, b, c and 1 more");
  assert.is(titleOf(["demo"], "Our portal"), "Our portal");
  assert.is(reportTitle(arqueroTable({action: ["edit"]}), undefined), "Activity report"); // no domain_id column
});

test("checkRejectedShare: one line, the first rejected row's value shown safely, and the threshold that is enough", () => {
  const reject = (line: number, reason: string) => ({file: "logs/a.csv", line, reason, fields: {}});
  const log = {
    counts: {rows: 7, accepted: 5, rejected: 2, duplicates: 0},
    rejects: [reject(3, 'timestamp "x\ny\u202Ez" is not an ISO 8601 date-time'), reject(9, "action is empty")],
  } as unknown as ActivityLog;
  assert.not.throws(() => checkRejectedShare(log, 28.6));
  try {
    checkRejectedShare(log, 28.5);
    assert.unreachable("2 of 7 is above 28.5 %");
  } catch (error) {
    assert.instance(error, InputError);
    const message = (error as Error).message;
    assert.ok(message.startsWith("2 of 7 rows rejected (28.6 %, above --max-rejected 28.5 %): 1 × action is empty; 1 × timestamp … is not"), message);
    assert.ok(message.includes('. First: logs/a.csv line 3: timestamp "x y[U+202E]z" is not an ISO 8601 date-time. '), message);
    assert.ok(message.endsWith("With --max-rejected 28.6 the build goes on and rejects.csv lists every rejected row with its file, line and reason"), message);
    assert.not.match(message, /[\n\u202E]/);
  }
});

test.run();
