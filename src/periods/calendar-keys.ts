/**
 * Period keys of a local calendar day. A day is a day number (days since 1970-01-01 in the local
 * calendar), so this module needs no time zone: time-zone.ts turns instants into day numbers.
 * Pure arithmetic on the proleptic Gregorian calendar; does not know about instants or offsets.
 */
import {DAY_MS} from "./time-zone.js";

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

/** The calendar date of a day number (the UTC date of that many days after the epoch). */
export function civilDate(dayNumber: number): CivilDate {
  const date = new Date(dayNumber * DAY_MS);
  return {year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate()};
}

/** The day number of a calendar date; months past 12 roll over (month 13 is January next year). */
export function dayNumberOf(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0-99 as they are
  return Math.round(date.getTime() / DAY_MS);
}

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

/** Every period key of one local day. */
export function dayKeys(dayNumber: number): DayKeys {
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
