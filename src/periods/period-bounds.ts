/**
 * Builds one Period from its type, key and local day range: its instants (from the zone's offsets,
 * so DST days have 23 or 25 hours; with luxon near a transition) and its bucket keys. Does not
 * decide which periods exist (list-periods.ts).
 *
 * Instants are written as ISO 8601 with the zone's offset at that instant and no milliseconds, and
 * UTC is always written "+00:00", never "Z": "2025-03-01T00:00:00+01:00", "2025-03-01T00:00:00+00:00".
 */
import {DateTime} from "luxon";
import {BucketUnit, type Period, type PeriodType} from "./types.js";
import {civilDate, dayKeys, pad2} from "./calendar-keys.js";
import {createLocalCalendar, DAY_MS, type LocalCalendar} from "./time-zone.js";

/** The bucket unit of each period type. */
export const BUCKET_OF: Record<PeriodType, BucketUnit> = {
  week: BucketUnit.day,
  month: BucketUnit.day,
  rolling: BucketUnit.day,
  quarter: BucketUnit.week,
  year: BucketUnit.month,
  all: BucketUnit.month,
};

/**
 * The first instant of a local day. On a day that starts inside a DST gap (America/Santiago moves
 * 00:00 to 01:00) that is the first instant that exists, e.g. 01:00.
 */
export function startOfLocalDay(dayNumber: number, timeZone: string): DateTime {
  const {year, month, day} = civilDate(dayNumber);
  return DateTime.fromObject({year, month, day}, {zone: timeZone}).startOf("day");
}

/** e.g. "2025-03-30T00:00:00+01:00"; UTC as "+00:00". */
export function formatInstant(instant: DateTime): string {
  return instant.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

/**
 * The bucket keys of the local days [firstDay, endDay), in order and without repeats: the days, the
 * ISO weeks that overlap the range (a quarter starts with the week holding its 1st day, which may
 * begin in the previous quarter), or the months.
 */
export function bucketKeys(unit: BucketUnit, firstDay: number, endDay: number): string[] {
  const keys: string[] = [];
  for (let day = firstDay; day < endDay; day++) {
    const key = dayKeys(day)[unit];
    if (keys[keys.length - 1] !== key) keys.push(key);
  }
  return keys;
}

/** localDayStart's answers, by zone and day number; time-zone.ts's calendars, by zone */
const dayStarts = new Map<string, {iso: string; ms: number}>();
const calendars = new Map<string, LocalCalendar>();
const HOUR_MS = 3_600_000;

/**
 * The first instant of a local day as makePeriod writes it, e.g. "2025-03-31T00:00:00+02:00",
 * remembered per zone and day: periods share their bounds (a week ends where the next begins, a
 * year where a month does). Far from an offset change it is plainDayStart's; near one, where
 * midnight may be skipped or repeated, luxon decides (startOfLocalDay), which asks Intl for the
 * offset several times per instant (~0.3 ms here).
 */
export function localDayStart(dayNumber: number, timeZone: string): {iso: string; ms: number} {
  const id = `${timeZone} ${dayNumber}`;
  let start = dayStarts.get(id);
  if (start === undefined) {
    start = plainDayStart(dayNumber, timeZone);
    if (start === undefined) {
      const instant = startOfLocalDay(dayNumber, timeZone);
      start = {iso: formatInstant(instant), ms: instant.toMillis()};
    }
    dayStarts.set(id, start);
  }
  return start;
}

/**
 * The start of a local day far from any offset change, or undefined near one: where the zone keeps
 * one offset from 26 hours before that midnight to 26 hours after (every offset is within 26 hours
 * of UTC, so no other instant can read as that midnight), wall-clock midnight less that offset,
 * from time-zone.ts's cached offsets.
 */
export function plainDayStart(dayNumber: number, timeZone: string): {iso: string; ms: number} | undefined {
  let calendar = calendars.get(timeZone);
  if (calendar === undefined) calendars.set(timeZone, (calendar = createLocalCalendar(timeZone)));
  const wallMidnight = dayNumber * DAY_MS;
  const offset = calendar.offsetMinutes(wallMidnight - calendar.offsetMinutes(wallMidnight) * 60_000);
  const ms = wallMidnight - offset * 60_000;
  for (const hours of [-26, -3, 3, 26]) {
    if (calendar.offsetMinutes(ms + hours * HOUR_MS) !== offset) return undefined;
  }
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return {iso: `${dayKeys(dayNumber).day}T00:00:00${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`, ms};
}

/**
 * A period over the local days [firstDay, endDay) of `timeZone` that counts the events of the days
 * [firstDay, countedEndDay) (a period going on past the as-of day: up to it; defaults to endDay).
 */
export function makePeriod(type: PeriodType, key: string, firstDay: number, endDay: number, timeZone: string, countedEndDay = endDay): Period {
  const start = localDayStart(firstDay, timeZone);
  const end = localDayStart(endDay, timeZone);
  const countedEnd = countedEndDay === endDay ? end : localDayStart(countedEndDay, timeZone);
  const bucket = BUCKET_OF[type];
  return {
    type,
    key,
    path: `${type}/${key}/`,
    start: start.iso,
    end: end.iso,
    startMs: start.ms,
    endMs: end.ms,
    countedEndMs: countedEnd.ms,
    timeZone,
    bucket,
    buckets: bucketKeys(bucket, firstDay, countedEndDay),
  };
}
