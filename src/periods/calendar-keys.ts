/**
 * Period keys of a local calendar day. A day is a day number (days since 1970-01-01 in the local
 * calendar), so this module needs no time zone: time-zone.ts turns instants into day numbers.
 * Pure arithmetic on the proleptic Gregorian calendar; does not know about instants or offsets.
 */

/** The five keys of one local day, e.g. {day: "2025-03-01", week: "2025-W09", ...}. */
export interface DayKeys {
  /** e.g. "2025-03-01" */
  day: string;
  /** ISO 8601 week with its ISO week-year, e.g. "2025-W09"; 2024-12-30 is "2025-W01" */
  week: string;
  /** e.g. "2025-03" */
  month: string;
  /** e.g. "2025-Q1" */
  quarter: string;
  /** e.g. "2025" */
  year: string;
}

export interface CivilDate {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

/** English month abbreviations, January first: "Jan" ... "Dec" (axis labels, day ranges). */
export const MONTH_ABBREVIATIONS: readonly string[] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** e.g. 5 -> "05" */
export const pad2 = (value: number) => String(value).padStart(2, "0");
const pad4 = (value: number) => String(value).padStart(4, "0");

/**
 * The calendar date of a day number (the UTC date of that many days after the epoch), in integer
 * arithmetic (H. Hinnant's civil_from_days, 400-year eras of 146,097 days): a nightly build asks for
 * thousands of days while it lists its periods, and a Date object per day cost ~35 ms of it at 1M rows.
 * The same dates as Date's UTC calendar (test/periods/calendar-keys.test.ts compares them).
 */
export function civilDate(dayNumber: number): CivilDate {
  const shifted = dayNumber + EPOCH_SHIFT; // days since 0000-03-01
  const era = Math.floor(shifted / ERA_DAYS);
  const dayOfEra = shifted - era * ERA_DAYS; // [0, 146096]
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365); // [0, 399]
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100)); // [0, 365], from March 1st
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153); // [0, 11]
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return {year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day: dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1};
}

/**
 * The day number of a calendar date; months past 12 roll over (month 13 is January next year), and
 * so do days past the month's end (February 30 is March 1 or 2), as with Date. Integer arithmetic
 * (H. Hinnant's days_from_civil), which keeps years 0-99 as they are.
 */
export function dayNumberOf(year: number, month: number, day: number): number {
  const yearsOver = Math.floor((month - 1) / 12);
  const m = month - yearsOver * 12; // [1, 12]
  // years start on March 1st, so that February's leap day comes last
  const y = year + yearsOver - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + day - 1;
  return era * ERA_DAYS + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - EPOCH_SHIFT;
}

/** days in 400 Gregorian years */
const ERA_DAYS = 146_097;
/** days from 0000-03-01 to 1970-01-01 */
const EPOCH_SHIFT = 719_468;

/** ISO weekday: 1 for Monday ... 7 for Sunday (1970-01-01, day 0, was a Thursday). */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** The day number of the Monday that starts the ISO week holding `dayNumber`. */
export function mondayOf(dayNumber: number): number {
  return dayNumber - isoWeekday(dayNumber) + 1;
}

/** The ISO week-year and week number of a day: the year of the week's Thursday. */
export function isoWeek(dayNumber: number): {weekYear: number; week: number} {
  const thursday = mondayOf(dayNumber) + 3;
  const weekYear = civilDate(thursday).year;
  return {weekYear, week: Math.floor((thursday - dayNumberOf(weekYear, 1, 1)) / 7) + 1};
}

/**
 * Every period key of one local day, remembered by day: the periods of a report ask for the keys of
 * each of their days (bucketKeys), so most days are asked for five times.
 */
export function dayKeys(dayNumber: number): Readonly<DayKeys> {
  let keys = keysByDay.get(dayNumber);
  if (keys === undefined) {
    if (keysByDay.size >= MAX_REMEMBERED_DAYS) keysByDay.clear();
    keysByDay.set(dayNumber, (keys = Object.freeze(keysOf(dayNumber))));
  }
  return keys;
}

const keysByDay = new Map<number, Readonly<DayKeys>>();
/** about 270 years of days */
const MAX_REMEMBERED_DAYS = 100_000;

function keysOf(dayNumber: number): DayKeys {
  const {year, month, day} = civilDate(dayNumber);
  const {weekYear, week} = isoWeek(dayNumber);
  return {
    day: `${pad4(year)}-${pad2(month)}-${pad2(day)}`,
    week: `${pad4(weekYear)}-W${pad2(week)}`,
    month: `${pad4(year)}-${pad2(month)}`,
    quarter: `${pad4(year)}-Q${Math.ceil(month / 3)}`,
    year: pad4(year),
  };
}

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads a `YYYY-MM-DD` date into a day number, or returns undefined when it is not one
 * ("2025-02-30", "2025-3-1", "2025-03-01T00:00").
 */
export function parseDayKey(text: string): number | undefined {
  const match = DAY_KEY.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dayNumber = dayNumberOf(year, month, day);
  const back = civilDate(dayNumber);
  return back.year === year && back.month === month && back.day === day ? dayNumber : undefined;
}
