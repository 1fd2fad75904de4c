/**
 * makePeriod's bounds take a shortcut far from offset changes (wall-clock midnight less the
 * offset): checked here against luxon's startOf("day"), which the shortcut must equal, for every
 * day of 1990-2035 in zones with a skipped midnight (Santiago), a repeated one (Havana), a skipped
 * day (Apia, 30 Dec 2011), half-hour shifts (Lord Howe) and odd offsets (Kathmandu).
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {DateTime} from "luxon";
import {localDayStart, makePeriod, plainDayStart} from "../../src/periods/period-bounds.js";
import {dayNumberOf} from "../../src/periods/calendar-keys.js";
import {PeriodType} from "../../src/periods/types.js";

const ZONES = ["Europe/Paris", "America/Santiago", "America/Havana", "Pacific/Apia", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns", "UTC"];

const luxonDays = new Map<string, {iso: string; ms: number}>();

/**
 * luxon's first instant of a local day, written as makePeriod writes it: independent of the shortcut.
 * Kept by day and zone: the second test asks again for days of three of the first test's zones (luxon's
 * offsets, computed with Intl at every call, were most of this file's time).
 */
function luxonDayStart(dayNumber: number, zone: string): {iso: string; ms: number} {
  const key = `${zone} ${dayNumber}`;
  let known = luxonDays.get(key);
  if (!known) {
    const date = new Date(dayNumber * 86_400_000);
    const start = DateTime.fromObject({year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate()}, {zone}).startOf("day");
    known = {iso: start.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ"), ms: start.toMillis()};
    luxonDays.set(key, known);
  }
  return known;
}

test("every local midnight of 1990-2035 is luxon's, in zones with odd transitions", () => {
  const from = dayNumberOf(1990, 1, 1);
  const to = dayNumberOf(2035, 12, 31);
  for (const zone of ZONES) {
    let differences = 0;
    let first = "";
    for (let day = from; day <= to; day++) {
      const ours = localDayStart(day, zone);
      const theirs = luxonDayStart(day, zone);
      if (ours.iso !== theirs.iso || ours.ms !== theirs.ms) {
        differences++;
        first ||= `${zone} day ${day}: ${ours.iso} vs luxon ${theirs.iso}`;
      }
    }
    assert.is(differences, 0, first);
  }
});

test("the shortcut answers for nearly every day, and as luxon does", () => {
  const from = dayNumberOf(1990, 1, 1);
  const to = dayNumberOf(2035, 12, 31);
  for (const zone of ["Europe/Paris", "America/Havana", "UTC"]) {
    let answered = 0;
    for (let day = from; day <= to; day++) {
      const ours = plainDayStart(day, zone);
      if (ours === undefined) continue;
      answered++;
      assert.equal(ours, luxonDayStart(day, zone), `${zone} day ${day}`);
    }
    // two transitions a year leave about six days each to luxon
    assert.ok(answered > 0.95 * (to - from + 1), `${zone}: ${answered} of ${to - from + 1}`);
  }
  // Apia skipped 30 Dec 2011: the days around it are luxon's
  assert.is(plainDayStart(dayNumberOf(2011, 12, 31), "Pacific/Apia"), undefined);
});

test("a period's bounds are its first day's midnight and the next one after its last", () => {
  const week = makePeriod(PeriodType.week, "2025-W13", dayNumberOf(2025, 3, 24), dayNumberOf(2025, 3, 31), "Europe/Paris");
  assert.is(week.start, "2025-03-24T00:00:00+01:00");
  assert.is(week.end, "2025-03-31T00:00:00+02:00"); // summer time began on the 30th
  assert.is(week.endMs - week.startMs, 7 * 86_400_000 - 3_600_000);
  // Santiago skipped midnight on 7 Sep 2025: the day starts at 01:00
  const santiago = makePeriod(PeriodType.week, "2025-W36", dayNumberOf(2025, 9, 1), dayNumberOf(2025, 9, 8), "America/Santiago");
  assert.is(makePeriod(PeriodType.month, "x", dayNumberOf(2025, 9, 7), dayNumberOf(2025, 9, 8), "America/Santiago").start, "2025-09-07T01:00:00-03:00");
  assert.is(santiago.start, "2025-09-01T00:00:00-04:00");
});

test.run();
