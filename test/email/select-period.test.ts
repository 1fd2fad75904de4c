import {test} from "uvu";
import * as assert from "uvu/assert";
import {ConfigError} from "../../src/errors.js";
import {previousPeriod, selectPeriod} from "../../src/email/select-period.js";
import type {PeriodSummary, ReportJson} from "../../src/site/types.js";

const summary = (type: string, key: string, start: string, end: string): PeriodSummary => ({
  type,
  key,
  path: `${type}/${key}/`,
  start,
  end,
  actions: 1,
  users: 1,
});

// Europe/Paris: DST starts on 29 March 2026, so March ends at +02:00
const PERIODS = [
  summary("month", "2026-01", "2026-01-01T00:00:00+01:00", "2026-02-01T00:00:00+01:00"),
  summary("month", "2026-02", "2026-02-01T00:00:00+01:00", "2026-03-01T00:00:00+01:00"),
  summary("month", "2026-03", "2026-03-01T00:00:00+01:00", "2026-04-01T00:00:00+02:00"),
  summary("month", "2026-04", "2026-04-01T00:00:00+02:00", "2026-05-01T00:00:00+02:00"),
  summary("week", "2026-W13", "2026-03-23T00:00:00+01:00", "2026-03-30T00:00:00+02:00"),
  summary("week", "2026-W14", "2026-03-30T00:00:00+02:00", "2026-04-06T00:00:00+02:00"),
  summary("quarter", "2026-Q1", "2026-01-01T00:00:00+01:00", "2026-04-01T00:00:00+02:00"),
  summary("rolling", "last-7-days", "2026-03-25T00:00:00+01:00", "2026-04-01T00:00:00+02:00"),
];
const report = (asOf: string, periods = PERIODS, timeZone = "Europe/Paris"): ReportJson => ({
  generatedAt: `${asOf}T01:00:00Z`,
  timeZone,
  asOf,
  title: "t",
  input: {files: 1, rows: 0, accepted: 0, rejected: 0, duplicates: 0},
  rejects: null,
  periods,
});
const latest = (type: "week" | "month" | "quarter" | "year" | "rolling") => ({kind: "latest", type}) as const;

test("latest:month on 1 April is March: its end is the start of the as-of day", () => {
  const selected = selectPeriod(report("2026-04-01"), latest("month"));
  assert.is(selected.period.key, "2026-03");
  assert.is(selected.previous?.key, "2026-02");
  assert.ok(selected.complete);
});

test("latest:month on 31 March is February: March ends after the start of that day", () => {
  assert.is(selectPeriod(report("2026-04-01"), latest("month"), "2026-03-31").period.key, "2026-02");
  assert.is(selectPeriod(report("2026-03-31"), latest("month")).period.key, "2026-02");
  assert.is(selectPeriod(report("2026-03-31"), latest("month")).previous?.key, "2026-01");
});

test("latest: compares instants, not the offset the end is written with", () => {
  // the same March with its end written in UTC: 2026-04-01T00:00+02:00 == 2026-03-31T22:00Z
  const periods = [summary("month", "2026-03", "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z")];
  assert.is(selectPeriod(report("2026-04-01", periods), latest("month")).period.key, "2026-03");
  // in UTC, 2026-04-01 starts two hours after that end: still complete; in Tokyo it starts before it
  assert.is(selectPeriod(report("2026-04-01", periods, "UTC"), {kind: "exact", type: "month", key: "2026-03"}).complete, true);
  assert.is(selectPeriod(report("2026-04-01", periods, "Asia/Tokyo"), {kind: "exact", type: "month", key: "2026-03"}).complete, false);
});

test("latest:week and latest:quarter use ISO weeks and calendar quarters", () => {
  // Wednesday 1 April 2026 is in week 14 (from Monday 30 March): the latest complete week is 13
  assert.is(selectPeriod(report("2026-04-01"), latest("week")).period.key, "2026-W13");
  assert.is(selectPeriod(report("2026-04-01"), latest("week"), "2026-03-30").period.key, "2026-W13");
  assert.is(selectPeriod(report("2026-04-01"), latest("quarter")).period.key, "2026-Q1");
});

test("latest: a period the report lacks is an error that names the expected end", () => {
  assert.throws(
    () => selectPeriod(report("2026-03-31"), latest("quarter")),
    (e: unknown) => e instanceof ConfigError && e.message.includes("no quarter ending on 2026-01-01"),
  );
  assert.throws(() => selectPeriod(report("2026-04-01"), latest("year")), /no year ending on 2026-01-01/);
  assert.throws(() => selectPeriod(report("2026-04-01"), latest("rolling")), /latest takes week, month, quarter or year/);
});

test("latest: an as-of day after the report's own is refused", () => {
  assert.throws(
    () => selectPeriod(report("2026-03-31"), latest("month"), "2026-04-01"),
    (e: unknown) => e instanceof ConfigError && /after the report's as-of day 2026-03-31/.test(e.message),
  );
  assert.throws(() => selectPeriod(report("2026-03-31"), latest("month"), "2026-02-30"), /"2026-02-30" is not a day/);
});

test("an exact period is found by type and key; a period not over yet is flagged", () => {
  const april = selectPeriod(report("2026-04-01"), {kind: "exact", type: "month", key: "2026-04"});
  assert.is(april.period.end, "2026-05-01T00:00:00+02:00");
  assert.is(april.complete, false);
  assert.is(april.previous?.key, "2026-03");
  const rolling = selectPeriod(report("2026-04-01"), {kind: "exact", type: "rolling", key: "last-7-days"});
  assert.is(rolling.previous, null);
  assert.is(rolling.complete, true);
  assert.throws(
    () => selectPeriod(report("2026-04-01"), {kind: "exact", type: "month", key: "2025-12"}),
    (e: unknown) => e instanceof ConfigError && /month:2025-12: report.json has month periods 2026-02, 2026-03, 2026-04/.test(e.message),
  );
  assert.throws(() => selectPeriod(report("2026-04-01"), {kind: "exact", type: "year", key: "2026"}), /has no year periods/);
});

test("previousPeriod: the same type ending where the period starts, none for the first", () => {
  assert.is(previousPeriod(PERIODS, PERIODS[2])?.key, "2026-02");
  assert.is(previousPeriod(PERIODS, PERIODS[0]), null);
  assert.is(previousPeriod(PERIODS, PERIODS[5])?.key, "2026-W13");
  assert.is(previousPeriod(PERIODS, PERIODS[6]), null);
});

test.run();
