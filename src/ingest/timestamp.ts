/**
 * Reads a log timestamp: an ISO 8601 date-time, `YYYY-MM-DD`, `T` or one space, `hh:mm`, optional
 * `:ss` and any number of fractional digits (cut to milliseconds), then `Z`, an offset (`+01:00`,
 * `+0100`, `+01`) or nothing. With a zone it is an instant, read by hand (no `new Date(string)`:
 * V8 takes 2025-02-30 and reads naive times in the process zone); without one it is a wall-clock
 * time in the given IANA zone, read with luxon. Surrounding spaces are ignored. Returns epoch
 * milliseconds or the reason the text is refused; does not throw.
 */
import {DateTime} from "luxon";

const DAY_MS = 86_400_000;

/** Epoch milliseconds, or a reason such as `timestamp "2025-02-30T10:00:00Z" is not a valid date`. */
export function parseTimestamp(text: string, timeZone: string): number | string {
  if (text.length === 24) {
    const fast = exactUtcMillis(text);
    if (fast !== undefined) return fast;
  }
  const s = text.trim();
  const n = s.length;
  if (n === 0) return "timestamp is empty";
  const notIso = `timestamp "${shorten(s)}" is not an ISO 8601 date-time`;
  if (n < 10 || !digits(s, 0, 4) || s[4] !== "-" || !digits(s, 5, 2) || s[7] !== "-" || !digits(s, 8, 2)) return notIso;
  if (n === 10) return `timestamp "${s}" is a date without a time`;
  if ((s[10] !== "T" && s[10] !== " ") || n < 16 || !digits(s, 11, 2) || s[13] !== ":" || !digits(s, 14, 2)) return notIso;
  const year = number(s, 0, 4),
    month = number(s, 5, 2),
    day = number(s, 8, 2);
  const hour = number(s, 11, 2),
    minute = number(s, 14, 2);
  let second = 0,
    millisecond = 0,
    i = 16;
  if (s[i] === ":") {
    if (!digits(s, i + 1, 2)) return notIso;
    second = number(s, i + 1, 2);
    i += 3;
    if (s[i] === ".") {
      const start = i + 1;
      for (i = start; i < n && isDigit(s.charCodeAt(i)); i++);
      if (i === start) return notIso;
      millisecond = number((s.slice(start, Math.min(i, start + 3)) + "00").slice(0, 3), 0, 3); // truncated, not rounded
    }
  }
  let offsetMinutes: number | undefined;
  if (i < n) {
    offsetMinutes = parseOffset(s, i);
    if (offsetMinutes === undefined) return notIso;
  }
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    (offsetMinutes !== undefined && Number.isNaN(offsetMinutes))
  ) {
    return `timestamp "${shorten(s)}" is not a valid date`;
  }
  const wall = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
  if (offsetMinutes !== undefined) return wall - offsetMinutes * 60_000;
  return wallClockToEpoch({year, month, day, hour, minute, second, millisecond}, timeZone);
}

/**
 * The common `YYYY-MM-DDThh:mm:ss.sssZ` shape read in one pass, or undefined for anything else
 * (including invalid dates), which the general path then reads and explains.
 */
function exactUtcMillis(s: string): number | undefined {
  if (
    s.charCodeAt(23) !== 90 /* Z */ ||
    s.charCodeAt(10) !== 84 /* T */ ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58 ||
    s.charCodeAt(19) !== 46
  )
    return undefined;
  const year = digitsValue(s, 0, 4),
    month = digitsValue(s, 5, 2),
    day = digitsValue(s, 8, 2);
  const hour = digitsValue(s, 11, 2),
    minute = digitsValue(s, 14, 2),
    second = digitsValue(s, 17, 2);
  const millisecond = digitsValue(s, 20, 3);
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    millisecond < 0
  )
    return undefined;
  return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
}

/** The number written by `count` digits at `start`, or -1 if one is not a digit. */
function digitsValue(s: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const code = s.charCodeAt(i);
    if (code < 48 || code > 57) return -1;
    value = value * 10 + code - 48;
  }
  return value;
}

/**
 * A wall-clock time in an IANA zone as epoch milliseconds. In a DST gap (02:30 on the spring day
 * in Paris does not exist) the time moves forward by the gap's length: 03:30 summer time, as
 * luxon, Temporal's "compatible" and RFC 5545 do. An ambiguous time (02:30 on the autumn day
 * happens twice) is read as its first occurrence, the earlier instant: luxon alone picks one or
 * the other depending on the zone's side of UTC, so the earlier one is chosen here explicitly.
 */
export function wallClockToEpoch(
  wall: {year: number; month: number; day: number; hour: number; minute: number; second: number; millisecond: number},
  timeZone: string,
): number {
  const moment = DateTime.fromObject(wall, {zone: timeZone});
  let time = moment.toMillis();
  for (const probe of [time - DAY_MS, time + DAY_MS]) {
    const other = moment.zone.offset(probe);
    if (other === moment.offset) continue;
    // the same wall time read with the zone's other offset, if that offset really applies then
    const alternative = time + (moment.offset - other) * 60_000;
    if (alternative < time && moment.zone.offset(alternative) === other) time = alternative;
  }
  return time;
}

/** Minutes east of UTC for "Z", "+01:00", "+0100", "+01"; NaN when out of range; undefined if malformed. */
function parseOffset(s: string, i: number): number | undefined {
  const rest = s.length - i;
  if (s[i] === "Z") return rest === 1 ? 0 : undefined;
  if ((s[i] !== "+" && s[i] !== "-") || !digits(s, i + 1, 2)) return undefined;
  let minutes: number;
  if (rest === 3) minutes = 0;
  else if (rest === 5 && digits(s, i + 3, 2)) minutes = number(s, i + 3, 2);
  else if (rest === 6 && s[i + 3] === ":" && digits(s, i + 4, 2)) minutes = number(s, i + 4, 2);
  else return undefined;
  const hours = number(s, i + 1, 2);
  if (hours > 23 || minutes > 59) return NaN;
  return (s[i] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Days in `month` (1-12) of `year`, Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function digits(s: string, start: number, count: number): boolean {
  for (let i = start; i < start + count; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

function number(s: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) value = value * 10 + s.charCodeAt(i) - 48;
  return value;
}

function shorten(s: string): string {
  return s.length > 64 ? `${s.slice(0, 64)}…` : s;
}
