/**
 * Selects a period's rows from the activity log by binary search on its sorted `time` column, so
 * cutting a million-row log into a few hundred periods costs a few hundred slices, not a few hundred
 * full-table filters. Does not check that the table is sorted: ingest promises it.
 */
import type {ColumnTable} from "arquero";
import type {Period} from "./types.js";

type TimeLookup = (row: number) => number;

// row order of a filtered or reordered table differs from its columns' order: copy once per table
const copiedTimes = new WeakMap<ColumnTable, Float64Array>();

/** The `time` value of each row, in the table's row order, without copying when possible. */
function timeLookup(table: ColumnTable): TimeLookup {
  if (!table.isFiltered() && !table.isOrdered()) {
    const column = table.column("time");
    if (!column) throw new Error("rowsInPeriod: the table has no `time` column");
    return (row) => column.at(row) as number;
  }
  let times = copiedTimes.get(table);
  if (!times) copiedTimes.set(table, (times = table.array("time", Float64Array) as Float64Array));
  const copy = times;
  return (row) => copy[row];
}

/** The first row whose time is >= `ms`, or the row count when there is none. */
export function lowerBound(time: TimeLookup, rowCount: number, ms: number): number {
  let lo = 0;
  let hi = rowCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time(mid) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The rows of `table` (sorted by `time`, epoch ms) with `period.startMs <= time < period.endMs`,
 * as a new table with the same columns. Select the columns you need first to keep the slice cheap:
 * `rowsInPeriod(table.select(INDICATOR_COLUMNS), period)`.
 */
export function rowsInPeriod(table: ColumnTable, period: Pick<Period, "startMs" | "endMs">): ColumnTable {
  const time = timeLookup(table);
  const rowCount = table.numRows();
  const lo = lowerBound(time, rowCount, period.startMs);
  const hi = lowerBound(time, rowCount, period.endMs);
  return table.slice(lo, Math.max(lo, hi));
}
