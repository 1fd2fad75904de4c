import {test} from "uvu";
import * as assert from "uvu/assert";
import * as aq from "arquero";
import {ConfigError} from "../../src/errors.js";
import {listPeriods} from "../../src/periods/list-periods.js";
import {addPeriodKeys} from "../../src/periods/add-period-keys.js";
import {rowsInPeriod} from "../../src/periods/rows-in-period.js";
import type {Period} from "../../src/periods/types.js";

const HOUR = 3_600_000;
const log = (...instants: string[]) => aq.table({time: instants.map((iso) => Date.parse(iso)), action: instants.map(() => "update")});
const find = (periods: Period[], path: string) => {
  const period = periods.find((p) => p.path === path);
  if (!period) throw new Error(`no period ${path} in ${periods.map((p) => p.path).join(" ")}`);
  return period;
};
const days = (first: string, count: number) =>
  Array.from({length: count}, (_, i) => new Date(Date.parse(`${first}T00:00:00Z`) + i * 24 * HOUR).toISOString().slice(0, 10));

test("an empty log still has all (the as-of day) and the two rolling windows", () => {
  const periods = listPeriods(log(), {timeZone: "UTC", asOf: "2025-03-05"});
  assert.equal(
    periods.map((p) => p.path),
    ["all/all/", "rolling/last-30-days/", "rolling/last-7-days/"],
  );
  const all = find(periods, "all/all/");
  assert.equal([all.start, all.end, all.bucket, all.buckets], ["2025-03-05T00:00:00+00:00", "2025-03-06T00:00:00+00:00", "month", ["2025-03"]]);
  const week = find(periods, "rolling/last-7-days/");
  assert.equal(
    [week.type, week.key, week.start, week.end, week.bucket],
    ["rolling", "last-7-days", "2025-02-27T00:00:00+00:00", "2025-03-06T00:00:00+00:00", "day"],
  );
  assert.equal(week.buckets, days("2025-02-27", 7));
  const month = find(periods, "rolling/last-30-days/");
  assert.equal([month.start, month.end], ["2025-02-04T00:00:00+00:00", "2025-03-06T00:00:00+00:00"]);
  assert.equal(month.buckets, days("2025-02-04", 30));
  assert.is(month.startMs, Date.parse("2025-02-04T00:00:00Z"));
  assert.is(month.endMs, Date.parse("2025-03-06T00:00:00Z"));
});

test("one event: its week, month, quarter and year, in type order, with keys, paths and units", () => {
  const periods = listPeriods(log("2025-03-01T10:00:00Z"), {timeZone: "UTC", asOf: "2025-03-01"});
  assert.equal(
    periods.map((p) => [p.type, p.key, p.path, p.bucket, p.timeZone]),
    [
      ["week", "2025-W09", "week/2025-W09/", "day", "UTC"],
      ["month", "2025-03", "month/2025-03/", "day", "UTC"],
      ["quarter", "2025-Q1", "quarter/2025-Q1/", "week", "UTC"],
      ["year", "2025", "year/2025/", "month", "UTC"],
      ["all", "all", "all/all/", "month", "UTC"],
      ["rolling", "last-30-days", "rolling/last-30-days/", "day", "UTC"],
      ["rolling", "last-7-days", "rolling/last-7-days/", "day", "UTC"],
    ],
  );
  // each goes on past the as-of day (Saturday 1 March): its buckets stop at that day's, its end does not
  const week = find(periods, "week/2025-W09/");
  assert.equal([week.end, week.countedEndMs], ["2025-03-03T00:00:00+00:00", Date.parse("2025-03-02T00:00:00Z")]);
  assert.equal(week.buckets, days("2025-02-24", 6));
  assert.equal(find(periods, "month/2025-03/").buckets, ["2025-03-01"]);
  assert.equal(
    find(periods, "quarter/2025-Q1/").buckets,
    Array.from({length: 9}, (_, i) => `2025-W0${i + 1}`),
  );
  assert.equal(find(periods, "year/2025/").buckets, ["2025-01", "2025-02", "2025-03"]);
  // whole periods: Q1 2025 runs Wednesday 1 January to Monday 31 March, ISO weeks 1 to 14 overlap it
  const whole = listPeriods(log("2025-03-01T10:00:00Z"), {timeZone: "UTC", asOf: "2025-03-31"});
  assert.equal(find(whole, "month/2025-03/").buckets, days("2025-03-01", 31));
  assert.is(find(whole, "month/2025-03/").countedEndMs, find(whole, "month/2025-03/").endMs);
  assert.equal(
    find(whole, "quarter/2025-Q1/").buckets,
    Array.from({length: 14}, (_, i) => `2025-W${String(i + 1).padStart(2, "0")}`),
  );
});

test("periods of a type come by start; every one from the first event to the as-of day is listed, quiet ones too", () => {
  const periods = listPeriods(log("2025-01-15T00:00:00Z", "2025-03-10T00:00:00Z", "2025-03-11T00:00:00Z", "2025-08-01T00:00:00Z"), {
    timeZone: "UTC",
    asOf: "2025-08-12",
    types: ["week", "month", "quarter"],
  });
  assert.equal(
    periods.map((p) => p.path),
    [
      ...Array.from({length: 31}, (_, i) => `week/2025-W${String(i + 3).padStart(2, "0")}/`), // W03 to W33, holding 12 August
      ...Array.from({length: 8}, (_, i) => `month/2025-0${i + 1}/`),
      "quarter/2025-Q1/",
      "quarter/2025-Q2/",
      "quarter/2025-Q3/",
    ],
  );
  // each ends where the next starts: no gap, no overlap
  const weeks = periods.filter((p) => p.type === "week");
  assert.ok(weeks.every((week, i) => i === 0 || weeks[i - 1].endMs === week.startMs));
});

test("events after the as-of day count in no period, and no period starts after it", () => {
  const periods = listPeriods(log("2025-03-10T10:00:00Z", "2025-03-20T10:00:00Z", "2025-06-02T10:00:00Z"), {timeZone: "UTC", asOf: "2025-03-12"});
  assert.equal(
    periods.filter((p) => p.type === "month" || p.type === "quarter").map((p) => p.path),
    ["month/2025-03/", "quarter/2025-Q1/"],
  );
  assert.equal(
    periods.filter((p) => p.type === "week").map((p) => p.key),
    ["2025-W11"],
  );
  const march = find(periods, "month/2025-03/");
  assert.equal([march.end, march.countedEndMs, march.buckets], ["2025-04-01T00:00:00+00:00", Date.parse("2025-03-13T00:00:00Z"), days("2025-03-01", 12)]);
  const keyed = addPeriodKeys(log("2025-03-10T10:00:00Z", "2025-03-20T10:00:00Z", "2025-06-02T10:00:00Z"), "UTC");
  assert.is(rowsInPeriod(keyed, march).numRows(), 1);
  assert.is(rowsInPeriod(keyed, find(periods, "all/all/")).numRows(), 1);
  // nothing before the as-of day: all time is that day alone, with no calendar period
  const none = listPeriods(log("2025-06-02T10:00:00Z"), {timeZone: "UTC", asOf: "2025-03-12"});
  assert.equal(
    none.map((p) => p.path),
    ["all/all/", "rolling/last-30-days/", "rolling/last-7-days/"],
  );
});

test("types selects period types", () => {
  const periods = listPeriods(log("2025-03-01T10:00:00Z"), {timeZone: "UTC", asOf: "2025-03-01", types: ["rolling", "month"]});
  assert.equal(
    periods.map((p) => p.path),
    ["month/2025-03/", "rolling/last-30-days/", "rolling/last-7-days/"],
  );
});

test("Europe/Paris: the 23-hour day and the 25-hour day", () => {
  const spring = listPeriods(log("2025-03-30T10:00:00Z"), {timeZone: "Europe/Paris", asOf: "2025-03-30"});
  const all = find(spring, "all/all/");
  assert.equal([all.start, all.end], ["2025-03-30T00:00:00+01:00", "2025-03-31T00:00:00+02:00"]);
  assert.is(all.endMs - all.startMs, 23 * HOUR);
  const week = find(spring, "week/2025-W13/");
  assert.equal([week.start, week.end], ["2025-03-24T00:00:00+01:00", "2025-03-31T00:00:00+02:00"]);
  assert.is(week.endMs - week.startMs, 7 * 24 * HOUR - HOUR);
  const last7 = find(spring, "rolling/last-7-days/");
  assert.equal([last7.start, last7.end], [week.start, week.end]);
  const month = find(spring, "month/2025-03/");
  assert.equal([month.start, month.end], ["2025-03-01T00:00:00+01:00", "2025-04-01T00:00:00+02:00"]);

  const autumn = find(listPeriods(log("2025-10-26T12:00:00Z"), {timeZone: "Europe/Paris", asOf: "2025-10-26"}), "all/all/");
  assert.equal([autumn.start, autumn.end], ["2025-10-26T00:00:00+02:00", "2025-10-27T00:00:00+01:00"]);
  assert.is(autumn.endMs - autumn.startMs, 25 * HOUR);
});

test("America/New_York: events on the DST mornings land in their local weeks and months", () => {
  const periods = listPeriods(log("2025-03-09T06:30:00Z", "2025-11-02T05:30:00Z"), {timeZone: "America/New_York", asOf: "2025-11-02"});
  const weeks = periods.filter((p) => p.type === "week").map((p) => `${p.path} ${p.start} ${p.end}`);
  const months = periods.filter((p) => p.type === "month").map((p) => `${p.path} ${p.start} ${p.end}`);
  assert.equal(
    [weeks.length, weeks[0], weeks.at(-1)],
    [35, "week/2025-W10/ 2025-03-03T00:00:00-05:00 2025-03-10T00:00:00-04:00", "week/2025-W44/ 2025-10-27T00:00:00-04:00 2025-11-03T00:00:00-05:00"],
  );
  assert.equal(
    [months.length, months[0], months.at(-1)],
    [9, "month/2025-03/ 2025-03-01T00:00:00-05:00 2025-04-01T00:00:00-04:00", "month/2025-11/ 2025-11-01T00:00:00-04:00 2025-12-01T00:00:00-05:00"],
  );
  const all = find(periods, "all/all/");
  assert.equal([all.start, all.end], ["2025-03-09T00:00:00-05:00", "2025-11-03T00:00:00-05:00"]);
  assert.is(all.buckets.length, 9); // 2025-03 ... 2025-11
});

test("month ends far from UTC: Auckland, Kiritimati and Pago Pago", () => {
  const auckland = listPeriods(log("2025-03-31T12:00:00Z"), {timeZone: "Pacific/Auckland", asOf: "2025-06-30"});
  assert.equal(
    auckland.filter((p) => p.type === "month" || p.type === "quarter").map((p) => `${p.path} ${p.start} ${p.end}`),
    [
      "month/2025-04/ 2025-04-01T00:00:00+13:00 2025-05-01T00:00:00+12:00",
      "month/2025-05/ 2025-05-01T00:00:00+12:00 2025-06-01T00:00:00+12:00",
      "month/2025-06/ 2025-06-01T00:00:00+12:00 2025-07-01T00:00:00+12:00",
      "quarter/2025-Q2/ 2025-04-01T00:00:00+13:00 2025-07-01T00:00:00+12:00",
    ],
  );
  // 1 April 2025 is a Tuesday in week 14; 30 June a Monday in week 27
  const q2 = find(auckland, "quarter/2025-Q2/").buckets;
  assert.equal([q2.length, q2[0], q2[13]], [14, "2025-W14", "2025-W27"]);

  const kiritimati = listPeriods(log("2025-03-31T10:00:00Z"), {timeZone: "Pacific/Kiritimati", asOf: "2025-04-01"});
  assert.is(find(kiritimati, "month/2025-04/").start, "2025-04-01T00:00:00+14:00");
  assert.is(find(kiritimati, "month/2025-04/").startMs, Date.parse("2025-03-31T10:00:00Z"));

  const pagoPago = listPeriods(log("2025-04-01T10:59:00Z"), {timeZone: "Pacific/Pago_Pago", asOf: "2025-03-31"});
  assert.equal(
    pagoPago.filter((p) => p.type === "month").map((p) => `${p.path} ${p.start} ${p.end}`),
    ["month/2025-03/ 2025-03-01T00:00:00-11:00 2025-04-01T00:00:00-11:00"],
  );
});

test("ISO week 53 and week 1 across year ends", () => {
  const periods = listPeriods(log("2021-01-03T12:00:00Z", "2024-12-30T12:00:00Z", "2026-12-31T12:00:00Z"), {timeZone: "UTC", asOf: "2026-12-31"});
  const weeks = periods.filter((p) => p.type === "week").map((p) => `${p.key} ${p.start} ${p.end}`);
  assert.equal(
    [weeks[0], weeks.find((w) => w.startsWith("2025-W01")), weeks.at(-1)],
    [
      "2020-W53 2020-12-28T00:00:00+00:00 2021-01-04T00:00:00+00:00",
      "2025-W01 2024-12-30T00:00:00+00:00 2025-01-06T00:00:00+00:00",
      "2026-W53 2026-12-28T00:00:00+00:00 2027-01-04T00:00:00+00:00",
    ],
  );
  assert.ok(weeks.includes("2024-W52 2024-12-23T00:00:00+00:00 2024-12-30T00:00:00+00:00"));
  // 2026-W53 goes on past the as-of day, Thursday 31 December
  assert.equal(find(periods, "week/2026-W53/").buckets, days("2026-12-28", 4));
  // the week is 2020-W53 but its event is in January 2021: no 2020 month, quarter or year
  assert.equal(
    periods.filter((p) => p.type === "year").map((p) => p.key),
    ["2021", "2022", "2023", "2024", "2025", "2026"],
  );
  // Q4 2024 ends on Tuesday 31 December, inside 2025-W01
  assert.is(find(periods, "quarter/2024-Q4/").buckets.at(-1), "2025-W01");
});

test("all ends with the as-of day, before or after the last event's day", () => {
  const events = log("2025-03-01T10:00:00Z", "2025-03-20T10:00:00Z");
  const early = find(listPeriods(events, {timeZone: "UTC", asOf: "2025-03-10"}), "all/all/");
  assert.equal([early.start, early.end], ["2025-03-01T00:00:00+00:00", "2025-03-11T00:00:00+00:00"]);
  const late = find(listPeriods(events, {timeZone: "UTC", asOf: "2025-05-02"}), "all/all/");
  assert.equal([late.start, late.end, late.buckets], ["2025-03-01T00:00:00+00:00", "2025-05-03T00:00:00+00:00", ["2025-03", "2025-04", "2025-05"]]);
});

test("a bad as-of date or an unknown zone is a ConfigError", () => {
  for (const asOf of ["2025-02-30", "2025-3-1", "tomorrow", ""]) {
    assert.throws(
      () => listPeriods(log(), {timeZone: "UTC", asOf}),
      (error: unknown) => error instanceof ConfigError && error.message.includes(JSON.stringify(asOf)),
      asOf,
    );
  }
  assert.throws(
    () => listPeriods(log(), {timeZone: "Mars/Base", asOf: "2025-03-01"}),
    (error: unknown) => error instanceof ConfigError && error.message === `unknown time zone "Mars/Base"`,
  );
});

test("with addPeriodKeys' coded day column: the same periods as from the times, and only the days its rows use", () => {
  const instants = [
    "2024-12-31T23:30:00Z",
    "2025-01-01T00:30:00Z",
    "2025-03-30T00:59:00Z",
    "2025-03-30T01:00:00Z",
    "2025-07-14T12:00:00Z",
    "2025-10-26T02:30:00Z",
  ];
  const options = {timeZone: "Europe/Paris", asOf: "2025-11-01"};
  const plain = listPeriods(log(...instants), options);
  const keyed = addPeriodKeys(log(...instants), options.timeZone);
  assert.equal(listPeriods(keyed, options), plain);
  // a slice shares the whole dictionary: days of rows outside it must not make periods start earlier
  const last = rowsInPeriod(keyed, {startMs: Date.parse("2025-07-01T00:00:00Z"), endMs: Infinity});
  assert.is(last.numRows(), 2);
  assert.equal(listPeriods(last, options), listPeriods(log(...instants.slice(4)), options));
  assert.ok(!listPeriods(last, options).some((p) => p.key === "2025-01"));
});

test.run();
