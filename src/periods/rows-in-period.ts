/**
 * Selects a period's rows from the activity log by binary search on its sorted `time` column, so
 * cutting a million-row log into a few hundred periods costs a few hundred slices, not a few hundred
 * full-table filters. Does not check that the table is sorted: ingest promises it.
 *
 * The slice copies nothing: typed arrays become `subarray` views, CodedColumns (add-period-keys.ts)
 * views on the same codes and dictionary, and plain arrays RowRange views that read the full
 * column by offset. Copying 17 string columns per period cost 1.2-1.8 s on a million-row log.
 */
import * as aq from "arquero";
import type {ColumnTable} from "arquero";
import {CodedColumn} from "../ingest/coded-column.js";
import type {Period} from "./types.js";

// a filtered or reordered table's columns are not in row order: materialise it once
const materialised = new WeakMap<ColumnTable, ColumnTable>();

function inRowOrder(table: ColumnTable): ColumnTable {
  if (!table.isFiltered() && !table.isOrdered()) return table;
  let plain = materialised.get(table);
  if (!plain) materialised.set(table, (plain = table.reify()));
  return plain;
}

/**
 * A string column's values in row order, to read (not to change): the table's own array when it
 * holds one, the dictionary's strings by code for a CodedColumn, else Arquero's copy. For the
 * whole log's downloads: `table.array` for its twelve columns cost 0.44 s at a million rows.
 */
export function stringColumn(table: ColumnTable, name: string): readonly string[] {
  const column = inRowOrder(table).column(name) as unknown;
  const rows = table.numRows();
  if (Array.isArray(column) && column.length === rows) return column as string[];
  if (column instanceof CodedColumn && column.length === rows) {
    const {codes, dictionary} = column;
    const values = new Array<string>(rows);
    for (let i = 0; i < rows; i++) values[i] = dictionary[codes[i]];
    return values;
  }
  return table.array(name) as string[];
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

/**
 * Rows [offset, offset + length) of a plain array, read in place: what Arquero asks of a column
 * (`length`, `at(row)`, an iterator). `table.array(name)` on a sliced table copies out of it.
 */
export class RowRange<T = unknown> {
  constructor(
    readonly source: readonly T[],
    readonly offset: number,
    readonly length: number,
  ) {}

  at(row: number): T | undefined {
    return row >= 0 && row < this.length ? this.source[this.offset + row] : undefined;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let row = 0; row < this.length; row++) yield this.source[this.offset + row];
  }

  /** Rows [lo, hi) of this range, as a range of the same source. */
  slice(lo: number, hi: number): RowRange<T> {
    return new RowRange(this.source, this.offset + lo, hi - lo);
  }
}

/** Rows [lo, hi) of one column without copying, or undefined for a column type it does not know. */
function columnView(column: unknown, lo: number, hi: number): unknown {
  if (column instanceof CodedColumn || column instanceof RowRange) return column.slice(lo, hi);
  if (ArrayBuffer.isView(column)) return (column as Float64Array).subarray(lo, hi);
  if (Array.isArray(column)) return new RowRange(column, lo, hi - lo);
  return undefined;
}

/** Rows [lo, hi) of an unfiltered, unordered table, keeping its column order. */
function sliceColumns(table: ColumnTable, lo: number, hi: number): ColumnTable {
  const names = table.columnNames();
  const data: Record<string, unknown> = {};
  for (const name of names) {
    data[name] = columnView(table.column(name), lo, hi);
    if (data[name] === undefined) return table.slice(lo, hi); // e.g. an Arrow column: let Arquero copy it
  }
  return aq.table(data as Record<string, unknown[]>, names);
}

/**
 * The rows [lo, hi) of `table` (sorted by `time`, unfiltered and unordered) that fall in the period,
 * e.g. to read the period's rows straight from the full table's columns. rowsInPeriod uses it.
 */
export function periodRowRange(table: ColumnTable, period: PeriodSpan): [lo: number, hi: number] {
  const timeColumn = table.column("time");
  if (!timeColumn) throw new Error("rowsInPeriod: the table has no `time` column");
  const time = (row: number) => timeColumn.at(row) as number;
  const rowCount = table.numRows();
  const lo = lowerBound(time, rowCount, period.startMs);
  return [lo, Math.max(lo, lowerBound(time, rowCount, period.countedEndMs ?? period.endMs))];
}

/** The instants a period's rows lie in: [startMs, countedEndMs ?? endMs). */
export type PeriodSpan = Pick<Period, "startMs" | "endMs"> & {countedEndMs?: number};

/**
 * The rows of `table` (sorted by `time`, epoch ms) with `period.startMs <= time < period.countedEndMs`
 * (endMs when it has none),
 * as a table with the same columns, each a view on the table's own (the table itself when every
 * row is in the period).
 */
export function rowsInPeriod(table: ColumnTable, period: PeriodSpan): ColumnTable {
  const rows = inRowOrder(table);
  const [lo, hi] = periodRowRange(rows, period);
  if (lo === 0 && hi === rows.numRows()) return rows; // e.g. `all`: every row
  return sliceColumns(rows, lo, hi);
}
