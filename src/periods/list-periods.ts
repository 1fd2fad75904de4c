/**
 * Decides which periods a report has: every week, month, quarter and year from the first event to
 * the as-of day, quiet ones included, plus `all` and the rolling `last-7-days` and `last-30-days`,
 * which always exist. Reads only
 * the `time` column; does not select rows (see rows-in-period.ts).
 */
import type {ColumnTable} from "arquero";
import {ConfigError} from "../errors.js";
import {civilDate, dayKeys, dayNumberOf, mondayOf, parseDayKey} from "./calendar-keys.js";
import {localDayStart, makePeriod} from "./period-bounds.js";
import {timeColumn} from "./add-period-keys.js";
import {CodedColumn} from "../ingest/coded-column.js";
import {createLocalCalendar} from "./time-zone.js";
import {PERIOD_TYPES, PeriodType, type Period} from "./types.js";

export type CalendarPeriodType = "week" | "month" | "quarter" | "year";

export interface ListPeriodsOptions {
  /** IANA zone of the report */
  timeZone: string;
  /** the report's "today", `YYYY-MM-DD` in the report's zone: rolling periods end with this day */
  asOf: string;
  /** the period types to list; defaults to all of them */
  types?: readonly PeriodType[];
}

/** The rolling windows: N calendar days that end with the as-of day, inclusive. */
export const ROLLING_WINDOWS = [
  {key: "last-7-days", days: 7},
  {key: "last-30-days", days: 30},
] as const;

/**
 * The periods of `table` (sorted by `time`) as they stood at the end of the as-of day, ordered by
 * type (week, month, quarter, year, all, rolling), then by start. Every week, month, quarter and
 * year from the one holding the first event up to the one holding the as-of day is listed, quiet
 * ones included, so that a period's neighbours are always the periods next to it; none starts after
 * the as-of day, and events after it count in no period (`countedEndMs`). `all` runs from the first
 * event's local day to the as-of day (the as-of day alone when no event comes before its end).
 * @throws ConfigError for an unknown zone or an as-of that is not a real `YYYY-MM-DD` date
 */
export function listPeriods(table: ColumnTable, options: ListPeriodsOptions): Period[] {
  const calendar = createLocalCalendar(options.timeZone);
  const timeZone = calendar.timeZone;
  const asOfDay = parseDayKey(options.asOf);
  if (asOfDay === undefined) {
    throw new ConfigError(`as-of date ${JSON.stringify(options.asOf)} is not a real date (expected YYYY-MM-DD)`);
  }
  const types = new Set(options.types ?? PERIOD_TYPES);
  // the days after the as-of day count in no period
  const eventDays = localDaysWithEvents(table, calendar.localDay).filter((day) => day <= asOfDay);
  const firstDay = eventDays.length === 0 ? undefined : Math.min(...eventDays);
  const periods: Period[] = [];
  // a period going on past the as-of day counts its days up to it only
  const counted = (endDay: number) => Math.min(endDay, asOfDay + 1);

  if (firstDay !== undefined) {
    for (const type of CALENDAR_TYPES) {
      if (!types.has(type)) continue;
      for (let day = periodFirstDay(type, firstDay); day <= asOfDay;) {
        const endDay = periodFirstDay(type, day + PERIOD_MAX_DAYS[type]);
        // the key of the first day names the period, e.g. "2025-W09", "2025-03", "2025-Q1", "2025"
        periods.push(makePeriod(type, dayKeys(day)[type], day, endDay, timeZone, counted(endDay)));
        day = endDay;
      }
    }
  }
  if (types.has(PeriodType.all)) {
    periods.push(makePeriod(PeriodType.all, "all", firstDay ?? asOfDay, asOfDay + 1, timeZone));
  }
  if (types.has(PeriodType.rolling)) {
    for (const {key, days} of ROLLING_WINDOWS) {
      periods.push(makePeriod(PeriodType.rolling, key, asOfDay - days + 1, asOfDay + 1, timeZone));
    }
  }

  const rank = (period: Period) => PERIOD_TYPES.indexOf(period.type);
  return periods.sort((a, b) => rank(a) - rank(b) || a.startMs - b.startMs);
}

const CALENDAR_TYPES: readonly CalendarPeriodType[] = [PeriodType.week, PeriodType.month, PeriodType.quarter, PeriodType.year];

/** More days than a period of the type ever has: the period holding `first + this` is the next one. */
const PERIOD_MAX_DAYS: Record<CalendarPeriodType, number> = {week: 7, month: 31, quarter: 92, year: 366};

/** The first day of the week, month, quarter or year holding `day` (day numbers). */
export function periodFirstDay(type: CalendarPeriodType, day: number): number {
  const {year, month} = civilDate(day);
  switch (type) {
    case "week":
      return mondayOf(day);
    case "month":
      return dayNumberOf(year, month, 1);
    case "quarter":
      return dayNumberOf(year, month - ((month - 1) % 3), 1);
    case "year":
      return dayNumberOf(year, 1, 1);
  }
}

/** The instant the counted events end: the end of the as-of day in `timeZone`, in ms. */
export function asOfEndMs(asOf: string, timeZone: string): number {
  const asOfDay = parseDayKey(asOf);
  if (asOfDay === undefined) throw new ConfigError(`as-of date ${JSON.stringify(asOf)} is not a real date (expected YYYY-MM-DD)`);
  return localDayStart(asOfDay + 1, createLocalCalendar(timeZone).timeZone).ms;
}

/** The distinct local days that hold an event; rows sorted by time make neighbours share a day. */
function localDaysWithEvents(table: ColumnTable, localDay: (ms: number) => number): number[] {
  // addPeriodKeys' `day` column already says: the keys of the codes its rows use (a pass over a
  // million integers, and a few thousand keys to parse, instead of a million times to convert)
  const dayColumn = table.columnNames().includes("day") ? table.column("day") : undefined;
  if (dayColumn instanceof CodedColumn) {
    const used = new Uint8Array(dayColumn.dictionary.length);
    const {codes} = dayColumn;
    for (let i = 0; i < codes.length; i++) used[codes[i]] = 1; // indexed: for-of took 5x as long
    const days = dayColumn.dictionary.filter((key, code) => used[code] === 1 && key !== "").map(parseDayKey);
    if (days.every((day) => day !== undefined)) return days as number[];
  }
  const times = timeColumn(table);
  const days = new Set<number>();
  let previous = NaN;
  for (let row = 0; row < times.length; row++) {
    const day = localDay(times[row]);
    if (day !== previous) days.add((previous = day));
  }
  return [...days];
}
