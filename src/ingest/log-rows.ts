/**
 * Holds accepted rows as one array per column while files are read, with each row's instant and
 * origin (file number, line), then returns them as an Arquero table sorted by time. The sort is
 * stable: rows with the same instant keep input order (file order, then line). Does not validate.
 */
import * as aq from "arquero";
import type {ColumnTable} from "arquero";
import {CodedColumn} from "./coded-column.js";
import {ColumnValues, NumberColumn, type ColumnSlice} from "./column-values.js";
import type {FieldSpans} from "./csv-bytes.js";
import type {PartRows} from "./read-csv-part.js";

export type {ColumnSlice} from "./column-values.js";

/** Per accepted row, in the table's (time) order: where it was read and its two hashes. */
export interface RowOrigins {
  /** index into ActivityLog.files */
  file: Int32Array;
  /** 1-based line in that file */
  line: Int32Array;
  /** deduplicate.ts rowHashPair: rowHash, and a second independent 30-bit hash */
  hash: Int32Array;
  hash2: Int32Array;
}

/** Accepted rows, column by column, in input order. */
export class LogRows {
  readonly #columns: ColumnValues[] = [];
  readonly #time = new NumberColumn(new Float64Array(1024));
  readonly #file = new NumberColumn(new Int32Array(1024));
  readonly #line = new NumberColumn(new Int32Array(1024));
  /** the row's two 30-bit hashes (deduplicate.ts rowHashPair) */
  readonly #hash = new NumberColumn(new Int32Array(1024));
  readonly #hash2 = new NumberColumn(new Int32Array(1024));

  /** false once a row was added with an earlier time than the row before it */
  #inTimeOrder = true;

  get count(): number {
    return this.#time.length;
  }

  /** True while every row's time is at or after the previous row's: the time order is then the input order. */
  get inTimeOrder(): boolean {
    return this.#inTimeOrder;
  }

  /** Rows [from, to) of column number `column` (see ColumnSlice); a column no row has yet is all "". */
  columnSlice(column: number, from: number, to: number, knownDistinct: number): ColumnSlice {
    if (column < this.#columns.length) return this.#columns[column].slice(from, to, knownDistinct);
    return {codes: new Int32Array(to - from), distinct: knownDistinct === 0 ? [""] : []};
  }

  get columnCount(): number {
    return this.#columns.length;
  }

  /** Row `row`'s value in column number `column` ("" for a column it does not have). */
  value(column: number, row: number): string {
    return column < this.#columns.length ? this.#columns[column].get(row) : "";
  }

  /** Index into ActivityLog.files of the file row `row` was read from. */
  file(row: number): number {
    return this.#file.at(row);
  }

  /** The 1-based line where row `row` starts in its file. */
  line(row: number): number {
    return this.#line.at(row);
  }

  /** Stores a row with its hashes (rowHashPair); returns its row number. */
  add(values: string[], time: number, file: number, line: number, hashes: ArrayLike<number> = [0, 0]): number {
    const columns = this.#columns;
    if (values.length > columns.length) this.addColumns(values.length);
    for (let c = 0; c < columns.length; c++) columns[c].push(c < values.length ? values[c] : "");
    return this.#addOrigin(time, file, line, hashes[0], hashes[1]);
  }

  /**
   * add() of a CSV row still in the file's bytes: column c's value is field `fieldOf[c]` of
   * `fields` ("" for -1 or past fieldOf's end).
   */
  addBytes(bytes: Buffer, fields: FieldSpans, fieldOf: Int32Array, time: number, file: number, line: number, hash: number, hash2: number): number {
    const columns = this.#columns;
    if (fieldOf.length > columns.length) this.addColumns(fieldOf.length);
    const {starts, ends, flags} = fields;
    for (let c = 0; c < columns.length; c++) {
      const f = c < fieldOf.length ? fieldOf[c] : -1;
      if (f === -1) columns[c].push("");
      else columns[c].pushBytes(bytes, starts[f], ends[f], flags[f]);
    }
    return this.#addOrigin(time, file, line, hash, hash2);
  }

  #addOrigin(time: number, file: number, line: number, hash: number, hash2: number): number {
    if (this.#inTimeOrder && this.count > 0 && time < this.#time.at(this.count - 1)) this.#inTimeOrder = false;
    this.#time.push(time);
    this.#file.push(file);
    this.#line.push(line);
    this.#hash.push(hash);
    this.#hash2.push(hash2);
    return this.count - 1;
  }

  /**
   * add() of rows [from, to) of rows read elsewhere (read-csv-part.ts), column by column: column c's
   * values are in `part.columns[c]`, whose codes `coded[c]` maps to this column's codes as met.
   */
  addPart(part: PartRows, coded: Int32Array[], from: number, to: number, file: number, firstLine: number): void {
    const columns = this.#columns;
    if (part.columns.length > columns.length) this.addColumns(part.columns.length);
    for (let c = 0; c < columns.length; c++) {
      if (c < part.columns.length) columns[c].pushPart(part.columns[c], from, to, coded[c]);
      else for (let row = from; row < to; row++) columns[c].push("");
    }
    for (let row = from; row < to; row++) this.#addOrigin(part.time[row], file, firstLine + part.line[row], part.hash[row], part.hash2[row]);
  }

  /** Makes sure there are at least `count` columns. */
  addColumns(count: number): void {
    while (this.#columns.length < count) this.#columns.push(new ColumnValues(this.count));
  }

  /**
   * The rows as a table sorted by time: `time` (epoch ms), then each named column.
   * `names` are canonical names; `numberOf` gives their column number.
   */
  toTable(names: string[], numberOf: (name: string) => number): ColumnTable {
    return this.sorted(names, numberOf).table;
  }

  /** toTable's table, with each row's origin and hashes in the same (time) order. */
  sorted(names: string[], numberOf: (name: string) => number): {table: ColumnTable; rows: RowOrigins} {
    const time = this.#time.values();
    const order = timeOrder(time);
    const data: Record<string, unknown> = {time: order === undefined ? time : this.#time.values(order)};
    for (const name of names) {
      const column = this.#columns[numberOf(name)];
      data[name] = column === undefined ? new CodedColumn(new Int32Array(this.count), [""]) : column.tableColumn(order);
    }
    const rows = {file: this.#file.values(order), line: this.#line.values(order), hash: this.#hash.values(order), hash2: this.#hash2.values(order)};
    return {table: aq.table(data as Record<string, unknown[]>), rows};
  }
}

/** Row numbers in time order, ties in input order; undefined when already in order. */
export function timeOrder(time: ArrayLike<number>): number[] | undefined {
  let ascending = true,
    descending = true;
  for (let i = 1; i < time.length && (ascending || descending); i++) {
    if (time[i - 1] > time[i]) ascending = false;
    else if (time[i - 1] < time[i]) descending = false;
  }
  if (ascending) return undefined;
  if (descending) return newestFirstReversed(time);
  const order = Array.from({length: time.length}, (_, i) => i);
  // Array.prototype.sort is stable, and the tie-break on row number makes that explicit
  return order.sort((a, b) => time[a] - time[b] || a - b);
}

/** For a newest-first log (as exports often are): runs of equal times from last to first, each in input order. */
function newestFirstReversed(time: ArrayLike<number>): number[] {
  const order: number[] = new Array(time.length);
  let k = 0;
  for (let end = time.length; end > 0;) {
    let start = end - 1;
    while (start > 0 && time[start - 1] === time[end - 1]) start--;
    for (let i = start; i < end; i++) order[k++] = i;
    end = start;
  }
  return order;
}
