import {test} from "uvu";
import * as assert from "uvu/assert";
import {DateTime} from "luxon";
import {civilDate, dayKeys, dayNumberOf, isoWeek, isoWeekday, mondayOf, parseDayKey} from "../../src/periods/calendar-keys.js";

const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

test("dayKeys of an ordinary day", () => {
  assert.equal(dayKeys(dayOf("2025-03-01")), {
    day: "2025-03-01",
    week: "2025-W09",
    month: "2025-03",
    quarter: "2025-Q1",
    year: "2025",
  });
  assert.is(dayKeys(dayOf("2025-12-31")).quarter, "2025-Q4");
  assert.is(dayKeys(dayOf("2025-07-01")).quarter, "2025-Q3");
});

test("ISO week 1 and week 53 take the ISO week-year at year ends", () => {
  assert.is(dayKeys(dayOf("2024-12-30")).week, "2025-W01"); // a Monday; Thursday is 2025-01-02
  assert.is(dayKeys(dayOf("2024-12-30")).year, "2024");
  assert.is(dayKeys(dayOf("2021-01-03")).week, "2020-W53"); // a Sunday
  assert.is(dayKeys(dayOf("2021-01-04")).week, "2021-W01");
  assert.is(dayKeys(dayOf("2026-12-31")).week, "2026-W53"); // 2026 starts on a Thursday: 53 weeks
  assert.is(dayKeys(dayOf("2027-01-03")).week, "2026-W53");
  assert.is(dayKeys(dayOf("2027-01-04")).week, "2027-W01");
  assert.is(dayKeys(dayOf("2025-12-28")).week, "2025-W52"); // 2025 has 52 weeks
  assert.is(dayKeys(dayOf("2025-12-29")).week, "2026-W01");
});

test("weekday, Monday and week agree with luxon on every day from 1999 to 2041", () => {
  for (let day = dayOf("1999-01-01"); day < dayOf("2041-01-01"); day++) {
    const luxon = DateTime.fromMillis(day * 86_400_000, {zone: "UTC"});
    const {weekYear, week} = isoWeek(day);
    if (weekYear !== luxon.weekYear || week !== luxon.weekNumber || isoWeekday(day) !== luxon.weekday) {
      assert.unreachable(`${luxon.toISODate()}: ${weekYear}-W${week} day ${isoWeekday(day)}`);
    }
    if (mondayOf(day) !== day - luxon.weekday + 1) assert.unreachable(`Monday of ${luxon.toISODate()}`);
    if (dayKeys(day).day !== luxon.toISODate()) assert.unreachable(`day key of ${luxon.toISODate()}`);
  }
});

test("dayNumberOf rolls months over and counts from 1970-01-01", () => {
  assert.is(dayNumberOf(1970, 1, 1), 0);
  assert.is(dayNumberOf(2025, 13, 1), dayOf("2026-01-01"));
  assert.is(dayNumberOf(2024, 2, 29), dayOf("2024-02-29"));
  assert.is(dayNumberOf(1969, 12, 31), -1);
});

test("civilDate and dayNumberOf agree with Date's UTC calendar, from year -1000 to 3000 and in rolled-over dates", () => {
  // the reference: Date, which civilDate and dayNumberOf used before they became arithmetic
  const viaDate = (day: number) => {
    const date = new Date(day * 86_400_000);
    return {year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate()};
  };
  const numberViaDate = (year: number, month: number, day: number) => {
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    return Math.round(date.getTime() / 86_400_000);
  };
  let checked = 0;
  for (let day = numberViaDate(-1000, 1, 1); day < numberViaDate(3000, 1, 1); day++) {
    const expected = viaDate(day);
    const got = civilDate(day);
    if (got.year !== expected.year || got.month !== expected.month || got.day !== expected.day)
      assert.unreachable(`civilDate(${day}): ${JSON.stringify(got)}, Date says ${JSON.stringify(expected)}`);
    if (dayNumberOf(expected.year, expected.month, expected.day) !== day) assert.unreachable(`dayNumberOf(${JSON.stringify(expected)}) is not ${day}`);
    checked++;
  }
  assert.ok(checked > 1_400_000);
  // months and days out of range roll over as Date rolls them (list-periods.ts asks for month + 3)
  for (const year of [-401, -1, 0, 1, 99, 100, 1900, 1970, 2000, 2024, 2025, 2100]) {
    for (let month = -26; month <= 40; month++) {
      for (const day of [-40, -1, 0, 1, 28, 29, 30, 31, 32, 60]) {
        if (dayNumberOf(year, month, day) !== numberViaDate(year, month, day)) assert.unreachable(`dayNumberOf(${year}, ${month}, ${day})`);
      }
    }
  }
});

test("dayKeys gives the same frozen keys when asked again", () => {
  const day = dayOf("2025-03-01");
  const keys = dayKeys(day);
  assert.is(dayKeys(day), keys);
  assert.ok(Object.isFrozen(keys));
  assert.is(dayKeys(day + 1).day, "2025-03-02");
});

test("parseDayKey reads real YYYY-MM-DD dates only", () => {
  assert.is(parseDayKey("2025-03-01"), dayOf("2025-03-01"));
  assert.is(parseDayKey("2024-02-29"), dayOf("2024-02-29"));
  for (const bad of ["2025-02-30", "2025-02-29", "2025-13-01", "2025-3-1", "2025-03-01T00:00", " 2025-03-01", "tomorrow", ""]) {
    assert.is(parseDayKey(bad), undefined, bad);
  }
});

test.run();
