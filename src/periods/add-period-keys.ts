/**
 * Adds the period key columns (`day`, `week`, `month`, `quarter`, `year`) to the activity log, in
 * the report's time zone, and dictionary-encodes the columns the indicators count (`action`,
 * `user_id`, `dataset_id`, `page_id`), once per build. Keys are computed once per distinct local day,
 * not per row. Does not decide which periods exist (see list-periods.ts) nor count anything.
 *
 * An encoded column is a CodedColumn: an Int32Array of codes into a sorted dictionary. Arquero reads
 * it like any other column (`at(row)` returns the string), so downloads and tests see the same
 * values, while the indicators count the codes with typed arrays. A slice of it (rows-in-period.ts)
 * is a `subarray` view that keeps the dictionary: no per-period copy, no sidecar to pass around.
 */
import type {ColumnTable} from "arquero";
import {dayKeys} from "./calendar-keys.js";
import {createLocalCalendar} from "./time-zone.js";
import {CodedColumn, EMPTY_CODE, sortedColumn} from "../ingest/coded-column.js";
import {fieldText, RAW_MARK} from "../ingest/json-value.js";

/** The columns addPeriodKeys adds, in order. */
export const PERIOD_KEY_COLUMNS = ["day", "week", "month", "quarter", "year"] as const;

/** The log columns addPeriodKeys dictionary-encodes (when present): the indicators', and the title's domain_id. */
export const CODED_COLUMNS = ["action", "user_id", "dataset_id", "page_id", "domain_id"] as const;

/** Hands out codes in order of first appearance, then sorts the dictionary and renumbers. */
class DictionaryBuilder {
  private readonly codeOf = new Map<string, number>([["", EMPTY_CODE]]);
  private readonly values: string[] = [""];

  code(value: string): number {
    let code = this.codeOf.get(value);
    if (code === undefined) {
      code = this.values.push(value) - 1;
      this.codeOf.set(value, code);
    }
    return code;
  }

  /** Turns `codes` (handed out by `code`) into a column with a sorted dictionary, in place. */
  column(codes: Int32Array): CodedColumn {
    return sortedColumn(codes, this.values);
  }
}

/**
 * `count` values as a CodedColumn of their text (json-value.ts fieldText: a JSON null is "", the
 * number 1 is "1" like the string "1"); null and undefined are read as "".
 */
export function encodeStrings(count: number, valueAt: (row: number) => unknown): CodedColumn {
  const builder = new DictionaryBuilder();
  const codes = new Int32Array(count);
  for (let row = 0; row < count; row++) {
    const value = valueAt(row);
    codes[row] = builder.code(typeof value === "string" ? fieldText(value) : String(value ?? ""));
  }
  return builder.column(codes);
}

/**
 * A table column as a CodedColumn of text: its own when it is one already and holds no JSON value
 * other than strings (then its text is encoded anew: 1 and "1" are one user), else encoded.
 */
function codedColumnOf(table: ColumnTable, name: string): CodedColumn {
  const column = table.column(name);
  if (column instanceof CodedColumn && !table.isFiltered() && !table.isOrdered() && !column.dictionary.some((value) => value.startsWith(RAW_MARK)))
    return column;
  return encodeStrings(table.numRows(), table.getter(name));
}

/**
 * The `time` column (epoch ms) in row order: the table's own array when it holds one, else a
 * copy. Arquero's `table.array` copies every row through a callback (8 MB of fresh memory and
 * ~40 ms at a million rows, each time a stage asks). To read, not to change.
 */
export function timeColumn(table: ColumnTable): Float64Array {
  const column = table.column("time") as unknown;
  const inOrder = !table.isFiltered() && !table.isOrdered();
  return inOrder && column instanceof Float64Array && column.length === table.numRows() ? column : (table.array("time", Float64Array) as Float64Array);
}

/**
 * Returns `table` with the columns `day` ("2025-03-01"), `week` ("2025-W09"), `month` ("2025-03"),
 * `quarter` ("2025-Q1") and `year` ("2025") of each row's `time` (epoch ms) in `timeZone`, and with
 * its CODED_COLUMNS replaced, in place, by CodedColumns holding the same text (fieldText). The key columns are
 * CodedColumns too. Existing key columns of those names are replaced.
 * @throws ConfigError when `timeZone` is not a known IANA zone
 */
export function addPeriodKeys(table: ColumnTable, timeZone: string): ColumnTable {
  const calendar = createLocalCalendar(timeZone);
  const times = timeColumn(table);
  const rowCount = times.length;
  const builders = PERIOD_KEY_COLUMNS.map(() => new DictionaryBuilder());
  const codes = PERIOD_KEY_COLUMNS.map(() => new Int32Array(rowCount));
  const codesByDay = new Map<number, number[]>();
  let previousDay = NaN;
  let dayCodes: number[] = [];
  for (let row = 0; row < rowCount; row++) {
    const localDay = calendar.localDay(times[row]);
    if (localDay !== previousDay) {
      let known = codesByDay.get(localDay);
      if (known === undefined) {
        const keys = dayKeys(localDay);
        known = PERIOD_KEY_COLUMNS.map((name, k) => builders[k].code(keys[name]));
        codesByDay.set(localDay, known);
      }
      dayCodes = known;
      previousDay = localDay;
    }
    for (let k = 0; k < dayCodes.length; k++) codes[k][row] = dayCodes[k];
  }
  const columns: Record<string, CodedColumn> = {};
  for (const name of CODED_COLUMNS) {
    if (table.columnNames().includes(name)) columns[name] = codedColumnOf(table, name);
  }
  PERIOD_KEY_COLUMNS.forEach((name, k) => (columns[name] = builders[k].column(codes[k])));
  return table.assign(columns);
}
