/**
 * What a period is fairly compared with, as a window of days: a whole period with the whole period
 * before it; a period so far (going on past the as-of day) with as many days at the start of the
 * period before; a rolling window with the window of the same length before it. A period whose data
 * begin inside it (the log's first period), or whose window would reach before the log's first day,
 * is compared with nothing. Pure day arithmetic: counting the window's rows is the build's job.
 */
import {dayKeys, parseDayKey} from "./calendar-keys.js";
import {periodFirstDay} from "./list-periods.js";
import {localDayStart} from "./period-bounds.js";
import type {Period} from "./types.js";

export const ComparisonType = {
  /** the whole period before, e.g. October 2026 for November 2026 */
  previous: "previous",
  /** the first days of the period before, as many as the period so far has, e.g. 1-7 Oct for 1-7 Nov */
  previousSameDays: "previous-same-days",
  /** the rolling window of the same length just before, e.g. the 30 days before the last 30 days */
  previousWindow: "previous-window",
} as const;
export type ComparisonType = (typeof ComparisonType)[keyof typeof ComparisonType];

/** The days a period is compared with. */
export interface ComparisonWindow {
  type: ComparisonType;
  /** the compared period's key ("2026-10"), or for a rolling window e.g. "previous-30-days" */
  key: string;
  /** ISO 8601 with the zone's offset, as a period's start and end (exclusive) */
  start: string;
  end: string;
  startMs: number;
  endMs: number;
  /** how many days the window has, e.g. 7 */
  days: number;
}

/** A period's first day and its end day (exclusive), as day numbers, read from its local start and end. */
export function periodDayRange(period: Pick<Period, "start" | "end" | "key">): {first: number; end: number} {
  const first = parseDayKey(period.start.slice(0, 10));
  const end = parseDayKey(period.end.slice(0, 10));
  if (first === undefined || end === undefined) throw new RangeError(`period ${period.key}: start "${period.start}" or end "${period.end}" is not ISO 8601`);
  return {first, end};
}

/**
 * The first day of the log's data inside `period` when its data begin after the period's first day
 * (YYYY-MM-DD, e.g. "2025-08-18"), else null. All time starts with the data: never.
 */
export function dataFromInside(period: Pick<Period, "type" | "start" | "end" | "key">, firstDataDay: number | undefined): string | null {
  if (period.type === "all" || firstDataDay === undefined) return null;
  const {first, end} = periodDayRange(period);
  return firstDataDay > first && firstDataDay < end ? dayKeys(firstDataDay).day : null;
}

/**
 * The window `period` is compared with, or null: all time, a period whose data begin inside it, or
 * one whose window would start before the first day of data (`firstDataDay`, undefined: no data).
 * `asOfDay`: the report's as-of day, as a day number.
 */
export function comparisonWindow(period: Period, firstDataDay: number | undefined, asOfDay: number): ComparisonWindow | null {
  if (period.type === "all" || firstDataDay === undefined) return null;
  const {first, end} = periodDayRange(period);
  if (firstDataDay > first) return null;
  const window = (type: ComparisonType, key: string, from: number, to: number): ComparisonWindow | null => {
    if (from < firstDataDay) return null;
    const start = localDayStart(from, period.timeZone);
    const stop = localDayStart(to, period.timeZone);
    return {type, key, start: start.iso, end: stop.iso, startMs: start.ms, endMs: stop.ms, days: to - from};
  };
  if (period.type === "rolling") {
    const days = end - first;
    return window(ComparisonType.previousWindow, `previous-${days}-days`, first - days, first);
  }
  const before = periodFirstDay(period.type, first - 1);
  const key = dayKeys(before)[period.type];
  const soFar = asOfDay + 1 - first;
  // a period so far against as many days of the one before; the whole of it when that is shorter
  if (end > asOfDay + 1 && before + soFar < first) return window(ComparisonType.previousSameDays, key, before, before + soFar);
  return window(ComparisonType.previous, key, before, first);
}
