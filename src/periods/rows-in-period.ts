/**
 * Selects a period's rows from the activity log by binary search on its sorted `time` column, so
 * cutting a million-row log into a few hundred periods costs a few hundred slices, not a few hundred
 * full-table filters. Does not check that the table is sorted: ingest promises it.
 *
 * The slice copies each column with the array's own `slice` (typed arrays: `subarray`, no copy),
 * about three times faster than Arquero's `table.slice`, which gathers every value by row index.
 */
import * as aq from "arquero";
import type {ColumnTable} from "arquero";
import type {Period} from "./types.js";

// a filtered or reordered table's columns are not in row order: materialise it once
const materialised = new WeakMap<ColumnTable, ColumnTable>();

function inRowOrder(table: ColumnTable): ColumnTable {
  if (!table.isFiltered() && !table.isOrdered()) return table;
  let plain = materialised.get(table);
  if (!plain) materialised.set(table, (plain = table.reify()));
  return plain;
}

/** The first row whose time is >= `ms`, or `rowCount` when there is none. */
export function lowerBound(time: (row: number) => number, rowCount: number, ms: number): number {
  let lo = 0;
  let hi = rowCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time(mid) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Rows [lo, hi) of an unfiltered, unordered table, keeping its column order. */
function sliceColumns(table: ColumnTable, lo: number, hi: number): ColumnTable {
  const names = table.columnNames();
  const data: Record<string, unknown> = {};
  for (const name of names) {
    const column: unknown = table.column(name);
    if (Array.isArray(column)) data[name] = column.slice(lo, hi);
    else if (ArrayBuffer.isView(column)) data[name] = (column as Float64Array).subarray(lo, hi);
    else return table.slice(lo, hi); // e.g. an Arrow column: let Arquero copy it
  }
  return aq.table(data as Record<string, unknown[]>, names);
}

/**
 * The rows of `table` (sorted by `time`, epoch ms) with `period.startMs <= time < period.endMs`,
 * as a table with the same columns (the table itself when every row is in the period). Select
 * the columns you need first to keep the slice cheap: `rowsInPeriod(table.select(cols), period)`.
 */
export function rowsInPeriod(table: ColumnTable, period: Pick<Period, "startMs" | "endMs">): ColumnTable {
  const rows = inRowOrder(table);
  const timeColumn = rows.column("time");
  if (!timeColumn) throw new Error("rowsInPeriod: the table has no `time` column");
  const time = (row: number) => timeColumn.at(row) as number;
  const rowCount = rows.numRows();
  const lo = lowerBound(time, rowCount, period.startMs);
  const hi = lowerBound(time, rowCount, period.endMs);
  if (lo === 0 && hi === rowCount) return rows; // e.g. `all`: every row, no copy
  return sliceColumns(rows, lo, Math.max(lo, hi));
}
