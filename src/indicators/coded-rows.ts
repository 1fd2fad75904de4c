/**
 * The period's rows as integer codes, and a memo of what is computed from one rows table.
 *
 * The log that addPeriodKeys returns carries CodedColumns (codes into a sorted dictionary), and
 * rowsInPeriod keeps them as views: the indicators read those codes as they are. A table without
 * them (a hand-made test table, a filtered table) is encoded here the same way, once per table and
 * column. Either way code order is plain string order and EMPTY_CODE (0) is "". Counts nothing.
 */
import type {ColumnTable} from "arquero";
import {encodeStrings} from "../periods/add-period-keys.js";
import {CodedColumn} from "../ingest/coded-column.js";

const memos = new WeakMap<ColumnTable, Map<string, unknown>>();

/**
 * Computes `make()` once per rows table and key. Arquero tables are immutable, so a result cannot
 * go stale; it lives as long as the rows table does.
 */
export function remember<T>(rows: ColumnTable, key: string, make: () => T): T {
  let memo = memos.get(rows);
  if (!memo) memos.set(rows, (memo = new Map()));
  if (!memo.has(key)) memo.set(key, make());
  return memo.get(key) as T;
}

/**
 * The column `name` of `rows` as codes, e.g. codedColumn(rows, "user_id").codes[row]. A column the
 * table does not have reads as "" on every row.
 */
export function codedColumn(rows: ColumnTable, name: string): CodedColumn {
  const column = rows.column(name);
  if (column instanceof CodedColumn && !rows.isFiltered() && !rows.isOrdered()) return column;
  return remember(rows, JSON.stringify(["codedColumn", name]), () =>
    column === undefined ? new CodedColumn(new Int32Array(rows.numRows()), [""]) : encodeStrings(rows.numRows(), rows.getter(name)),
  );
}
