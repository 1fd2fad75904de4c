/**
 * Builds one Period from its type, key and local day range: its instants (with luxon, so DST days
 * have 23 or 25 hours) and its bucket keys. Does not decide which periods exist (list-periods.ts).
 *
 * Instants are written as ISO 8601 with the zone's offset at that instant and no milliseconds, and
 * UTC is always written "+00:00", never "Z": "2025-03-01T00:00:00+01:00", "2025-03-01T00:00:00+00:00".
 */
import {DateTime} from "luxon";
import {BucketUnit, PeriodType, type Period} from "./types.js";
import {civilDate, dayKeys} from "./calendar-keys.js";

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

/** A period over the local days [firstDay, endDay) of `timeZone`. */
export function makePeriod(
  type: PeriodType,
  key: string,
  firstDay: number,
  endDay: number,
  timeZone: string,
): Period {
  const start = startOfLocalDay(firstDay, timeZone);
  const end = startOfLocalDay(endDay, timeZone);
  const bucket = BUCKET_OF[type];
  return {
    type,
    key,
    path: `${type}/${key}/`,
    start: formatInstant(start),
    end: formatInstant(end),
    startMs: start.toMillis(),
    endMs: end.toMillis(),
    timeZone,
    bucket,
    buckets: bucketKeys(bucket, firstDay, endDay),
  };
}
