/**
 * Adds the period key columns (`day`, `week`, `month`, `quarter`, `year`) to the activity log, in
 * the report's time zone. Keys are computed once per distinct local day, not per row, and rows
 * share the same key strings. Does not decide which periods exist (see list-periods.ts).
 */
import type {ColumnTable} from "arquero";
import {dayKeys, type DayKeys} from "./calendar-keys.js";
import {createLocalCalendar} from "./time-zone.js";

/** The columns addPeriodKeys adds, in order. */
export const PERIOD_KEY_COLUMNS = ["day", "week", "month", "quarter", "year"] as const;

/**
 * Returns `table` with the string columns `day` ("2025-03-01"), `week` ("2025-W09"), `month`
 * ("2025-03"), `quarter` ("2025-Q1") and `year` ("2025") of each row's `time` (epoch ms) in
 * `timeZone`. Existing columns of those names are replaced.
 * @throws ConfigError when `timeZone` is not a known IANA zone
 */
export function addPeriodKeys(table: ColumnTable, timeZone: string): ColumnTable {
  const calendar = createLocalCalendar(timeZone);
  const times = table.array("time", Float64Array) as Float64Array;
  const rowCount = times.length;
  const columns: Record<keyof DayKeys, string[]> = {
    day: new Array<string>(rowCount),
    week: new Array<string>(rowCount),
    month: new Array<string>(rowCount),
    quarter: new Array<string>(rowCount),
    year: new Array<string>(rowCount),
  };
  const keysByDay = new Map<number, DayKeys>();
  let previousDay = NaN;
  let keys: DayKeys | undefined;
  for (let row = 0; row < rowCount; row++) {
    const localDay = calendar.localDay(times[row]);
    if (localDay !== previousDay) {
      keys = keysByDay.get(localDay);
      if (keys === undefined) keysByDay.set(localDay, (keys = dayKeys(localDay)));
      previousDay = localDay;
    }
    const {day, week, month, quarter, year} = keys!;
    columns.day[row] = day;
    columns.week[row] = week;
    columns.month[row] = month;
    columns.quarter[row] = quarter;
    columns.year[row] = year;
  }
  return table.assign(columns);
}
