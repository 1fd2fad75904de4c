/**
 * Decides which periods a report has: every week, month, quarter and year that holds at least one
 * event, plus `all` and the rolling `last-7-days` and `last-30-days`, which always exist. Reads only
 * the `time` column; does not select rows (see rows-in-period.ts).
 */
import type {ColumnTable} from "arquero";
import {ConfigError} from "../errors.js";
import {civilDate, dayKeys, dayNumberOf, mondayOf, parseDayKey} from "./calendar-keys.js";
import {makePeriod} from "./period-bounds.js";
import {timeColumn} from "./add-period-keys.js";
import {CodedColumn} from "../ingest/coded-column.js";
import {createLocalCalendar} from "./time-zone.js";
import {PERIOD_TYPES, PeriodType, type Period} from "./types.js";

type CalendarPeriodType = "week" | "month" | "quarter" | "year";

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
 * The periods of `table` (sorted by `time`), ordered by type (week, month, quarter, year, all,
 * rolling), then by start. `all` runs from the first event's local day to the later of the as-of
 * day and the last event's day (the as-of day alone when the table is empty).
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
  const eventDays = localDaysWithEvents(table, calendar.localDay);
  const periods: Period[] = [];

  // "type:first day" -> local days [firstDay, endDay); sorted at the end
  const calendarPeriods = new Map<string, {type: CalendarPeriodType; firstDay: number; endDay: number}>();
  for (const day of eventDays) {
    const {year, month} = civilDate(day);
    const quarterMonth = month - ((month - 1) % 3);
    const ranges: [CalendarPeriodType, number, number][] = [
      [PeriodType.week, mondayOf(day), mondayOf(day) + 7],
      [PeriodType.month, dayNumberOf(year, month, 1), dayNumberOf(year, month + 1, 1)],
      [PeriodType.quarter, dayNumberOf(year, quarterMonth, 1), dayNumberOf(year, quarterMonth + 3, 1)],
      [PeriodType.year, dayNumberOf(year, 1, 1), dayNumberOf(year + 1, 1, 1)],
    ];
    for (const [type, firstDay, endDay] of ranges) {
      if (!types.has(type)) continue;
      const id = `${type}:${firstDay}`;
      if (!calendarPeriods.has(id)) calendarPeriods.set(id, {type, firstDay, endDay});
    }
  }
  for (const {type, firstDay, endDay} of calendarPeriods.values()) {
    // the key of the first day names the period, e.g. "2025-W09", "2025-03", "2025-Q1", "2025"
    periods.push(makePeriod(type, dayKeys(firstDay)[type], firstDay, endDay, timeZone));
  }

  if (types.has(PeriodType.all)) {
    let firstDay = eventDays.length ? Infinity : asOfDay;
    let lastDay = asOfDay;
    for (const day of eventDays) {
      firstDay = Math.min(firstDay, day);
      lastDay = Math.max(lastDay, day);
    }
    periods.push(makePeriod(PeriodType.all, "all", firstDay, lastDay + 1, timeZone));
  }
  if (types.has(PeriodType.rolling)) {
    for (const {key, days} of ROLLING_WINDOWS) {
      periods.push(makePeriod(PeriodType.rolling, key, asOfDay - days + 1, asOfDay + 1, timeZone));
    }
  }

  const rank = (period: Period) => PERIOD_TYPES.indexOf(period.type);
  return periods.sort((a, b) => rank(a) - rank(b) || a.startMs - b.startMs);
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
