/**
 * Holds accepted rows as one array per column while files are read, with each row's instant and
 * origin (file number, line), then returns them as an Arquero table sorted by time. The sort is
 * stable: rows with the same instant keep input order (file order, then line). Does not validate.
 */
import * as aq from "arquero";
import type {ColumnTable} from "arquero";
import {ByteDictionary} from "./byte-dictionary.js";
import {rowOrder, sortInstants} from "./row-order.js";
import {CodedColumn, sortedColumn} from "./coded-column.js";
import {ESCAPED, type FieldSpans} from "./csv-bytes.js";
import {fieldValue} from "./field-bytes.js";

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

/** Past this many distinct values a column's values are no longer coded. */
const MAX_CODED_VALUES = 50_000;
/** After this many values, a column with over 3/4 of them distinct stops being coded. */
const PROBE_VALUES = 4096;

/**
 * One column's values while files are read: codes into the column's distinct values while they
 * are few (a million rows repeat a few hundred actions, users and datasets), the values themselves
 * once they are mostly distinct (timestamp, diff). Codes live in a typed array: storing a million
 * strings per column into growing arrays cost a fifth of the ingest at 1M rows (write barriers,
 * copies as the arrays grew, and scavenges tracing them), and one string per distinct value spares
 * the heap the copies papaparse makes of every field.
 */
class ColumnValues {
  length = 0;
  /** code of each row while coded (0 is ""); undefined once the column holds its values */
  codes: Int32Array | undefined;
  readonly distinct: string[] = [""];
  readonly #codeOf = new Map<string, number>([["", 0]]);
  #lastValue = "";
  #lastCode = 0;
  #byBytes: ByteDictionary | undefined;
  /** the values, once too many are distinct to code them */
  plain: string[] | undefined;

  constructor(rows: number) {
    this.codes = new Int32Array(Math.max(1024, rows));
    this.length = rows; // a column added late is "" (code 0) for the earlier rows
  }

  push(value: string): void {
    const codes = this.codes;
    if (codes === undefined) {
      this.plain!.push(value);
      this.length++;
      return;
    }
    let code: number;
    if (value === this.#lastValue)
      code = this.#lastCode; // sorted logs repeat a domain, an action, a user row after row
    else {
      const known = this.#codeOf.get(value);
      if (known !== undefined) code = known;
      else {
        const count = this.distinct.length;
        if (count >= MAX_CODED_VALUES || (count >= PROBE_VALUES && count * 4 > this.length * 3)) {
          // mostly new values (timestamp, diff): coding them is pure cost
          this.plain = this.values();
          this.codes = undefined;
          this.push(value);
          return;
        }
        code = count;
        this.distinct.push(value);
        this.#codeOf.set(value, code);
      }
      this.#lastValue = value;
      this.#lastCode = code;
    }
    this.#pushCode(code);
  }

  #pushCode(code: number): void {
    const codes = this.codes!;
    if (this.length === codes.length) {
      this.codes = new Int32Array(codes.length * 2);
      this.codes.set(codes);
    }
    this.codes![this.length++] = code;
  }

  /** push() of the value in bytes [start, end) (csv-bytes.ts flags): a known value is not decoded. */
  pushBytes(bytes: Buffer, start: number, end: number, flags: number): void {
    if (this.codes === undefined || flags & ESCAPED) return this.push(fieldValue(bytes, start, end, flags));
    if (start === end) return this.#pushCode(0);
    const dictionary = (this.#byBytes ??= new ByteDictionary());
    const code = dictionary.find(bytes, start, end);
    if (code !== -1) return this.#pushCode(code);
    this.push(fieldValue(bytes, start, end, flags));
    if (this.codes === undefined)
      this.#byBytes = undefined; // no longer coded
    else dictionary.add(bytes, start, end, this.codes[this.length - 1]);
  }

  get(row: number): string {
    return this.codes === undefined ? this.plain![row] : this.distinct[this.codes[row]];
  }

  /** Row `rows[k]` takes row `order[rows[k]]`'s value, for each k (a permutation of `rows` among themselves). */
  move(rows: readonly number[], order: readonly number[]): void {
    const array = this.codes ?? this.plain!;
    const taken = rows.map((row) => array[order[row]]);
    rows.forEach((row, k) => (array[row] = taken[k]));
  }

  /**
   * The column in row order, or in `order` (row numbers), for the table: a CodedColumn (sorted
   * dictionary) while coded, else the values. A million strings per coded column would cost 8 MB
   * of fresh memory each and be encoded again by addPeriodKeys.
   */
  tableColumn(order?: readonly number[]): CodedColumn | string[] {
    const codes = this.codes;
    if (codes === undefined) return this.values(order);
    const n = order === undefined ? this.length : order.length;
    const column = new Int32Array(n);
    if (order === undefined) column.set(codes.subarray(0, n));
    else for (let i = 0; i < n; i++) column[i] = codes[order[i]];
    return sortedColumn(column, this.distinct);
  }

  /** Rows [from, to), as codes with the distinct values from number `knownDistinct` on, or as values. */
  slice(from: number, to: number, knownDistinct: number): ColumnSlice {
    if (this.codes === undefined) return {values: this.plain!.slice(from, to)};
    return {codes: this.codes.slice(from, to), distinct: this.distinct.slice(knownDistinct)};
  }

  /** The values in row order, or in `order` (row numbers). */
  values(order?: readonly number[]): string[] {
    const n = order === undefined ? this.length : order.length;
    const codes = this.codes,
      plain = this.plain,
      distinct = this.distinct;
    if (codes === undefined && order === undefined) return plain!;
    const out = new Array<string>(n);
    if (codes === undefined) for (let i = 0; i < n; i++) out[i] = plain![order![i]];
    else if (order === undefined) for (let i = 0; i < n; i++) out[i] = distinct[codes[i]];
    else for (let i = 0; i < n; i++) out[i] = distinct[codes[order[i]]];
    return out;
  }
}

/**
 * Some consecutive rows of one column, made to be posted to another thread: the rows' codes with the
 * column's distinct values the receiver does not have yet (it appends them to those it has: code k
 * is its k-th value, 0 is ""), or the rows' values.
 */
export type ColumnSlice = {codes: Int32Array; distinct: string[]} | {values: string[]};

/** A growing typed array of numbers (doubling). */
class NumberColumn<T extends Float64Array | Int32Array> {
  length = 0;
  constructor(private array: T) {}
  push(value: number): void {
    if (this.length === this.array.length) {
      const bigger = new (this.array.constructor as {new (length: number): T})(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = value;
  }
  at(row: number): number {
    return this.array[row];
  }
  /** Row `rows[k]` takes row `order[rows[k]]`'s number, for each k (see ColumnValues.move). */
  move(rows: readonly number[], order: readonly number[]): void {
    const taken = rows.map((row) => this.array[order[row]]);
    rows.forEach((row, k) => (this.array[row] = taken[k]));
  }
  /** rows [from, to), not copied: valid until the next push */
  view(from: number, to: number): T {
    return this.array.subarray(from, to) as T;
  }
  /** the numbers in row order, or in `order` (row numbers), as an array of their own */
  values(order?: readonly number[]): T {
    if (order === undefined) return this.array.slice(0, this.length) as T;
    const out = new (this.array.constructor as {new (length: number): T})(order.length);
    for (let i = 0; i < order.length; i++) out[i] = this.array[order[i]];
    return out;
  }
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

  /** Row `row`'s time (epoch ms). */
  time(row: number): number {
    return this.#time.at(row);
  }

  /**
   * For rows [from, to) in time order, where no instant runs on past `to` or began before `from`:
   * how RowKeys orders them (row numbers less `from`), or undefined when they are in that order.
   * Only the rows of each instant may move (sortInstants).
   */
  instantOrder(from: number, to: number): number[] | undefined {
    const keys = {time: this.#time.view(from, to), hash: this.#hash.view(from, to), hash2: this.#hash2.view(from, to)};
    return sortInstants(keys, undefined);
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
    let order = rowOrder({time: this.#time.view(0, this.count), hash: this.#hash.view(0, this.count), hash2: this.#hash2.view(0, this.count)});
    if (order !== undefined && this.#inTimeOrder) {
      // only rows of one instant moved: moved in place, every column kept as it is
      const moved: number[] = [];
      for (let i = 0; i < order.length; i++) if (order[i] !== i) moved.push(i);
      for (const column of [...this.#columns, this.#time, this.#file, this.#line, this.#hash, this.#hash2]) column.move(moved, order);
      order = undefined;
    }
    const time = this.#time.values();
    const data: Record<string, unknown> = {time: order === undefined ? time : this.#time.values(order)};
    for (const name of names) {
      const column = this.#columns[numberOf(name)];
      data[name] = column === undefined ? new CodedColumn(new Int32Array(this.count), [""]) : column.tableColumn(order);
    }
    const rows = {file: this.#file.values(order), line: this.#line.values(order), hash: this.#hash.values(order), hash2: this.#hash2.values(order)};
    return {table: aq.table(data as Record<string, unknown[]>), rows};
  }
}
