/**
 * Europe/Paris wall-clock time for the sample log, without Intl or tz data so that the output is
 * the same on every machine: the EU rule (summer time from the last Sunday of March 01:00 UTC to
 * the last Sunday of October 01:00 UTC; +01:00 otherwise), valid since 1996. It does not parse.
 */

const HOUR = 3_600_000;

/** 01:00 UTC on the last Sunday of a month (month0: 0 = January). */
function lastSundayOneUtc(year: number, month0: number): number {
  const lastDay = new Date(Date.UTC(year, month0 + 1, 0));
  const sunday = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, month0, sunday, 1);
}

/** Paris offset from UTC in minutes at an instant: 60 in winter, 120 in summer. */
export function parisOffsetMinutes(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  const summer = utcMs >= lastSundayOneUtc(year, 2) && utcMs < lastSundayOneUtc(year, 9);
  return summer ? 120 : 60;
}

/**
 * The instant of a Paris wall-clock time given as UTC fields (e.g. Date.UTC(2025, 2, 4, 9, 15)).
 * A time skipped by the spring change (02:30) lands one hour later; a repeated autumn time takes
 * its first (summer) occurrence.
 */
export function parisWallToUtc(wallAsUtcMs: number): number {
  const summerGuess = wallAsUtcMs - 2 * HOUR;
  if (parisOffsetMinutes(summerGuess) === 120) return summerGuess;
  return wallAsUtcMs - HOUR;
}

/** ISO 8601 with milliseconds and the Paris offset: "2025-03-04T09:15:27.123+01:00". */
export function formatParis(utcMs: number): string {
  const offset = parisOffsetMinutes(utcMs);
  const wall = new Date(utcMs + offset * 60_000).toISOString().slice(0, 23);
  return `${wall}+0${offset / 60}:00`;
}

/** ISO 8601 in UTC with milliseconds: "2025-03-04T08:15:27.123Z". */
export function formatUtc(utcMs: number): string {
  return new Date(utcMs).toISOString();
}
