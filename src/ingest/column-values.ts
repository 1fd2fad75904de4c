/**
 * One column's values while a file is read (ColumnValues: codes into its distinct values while they
 * are few), and growing typed arrays of numbers: what LogRows (log-rows.ts) stores rows in and a
 * worker (read-csv-part.ts) fills without Arquero. Does not sort or build tables.
 */
import {ByteDictionary} from "./byte-dictionary.js";
import {sortedColumn, type CodedColumn} from "./coded-column.js";
import {ESCAPED} from "./csv-bytes.js";
import {fieldValue} from "./field-bytes.js";

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
export class ColumnValues {
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

  /** push() of rows [from, to) of `part` (codes mapped as pushMapped does, through `mapped`). */
  pushPart(part: ColumnSlice, from: number, to: number, mapped: Int32Array): void {
    if ("values" in part) {
      for (let row = from; row < to; row++) this.push(part.values[row]);
      return;
    }
    const {codes, distinct} = part;
    for (let row = from; row < to; row++) {
      const known = mapped[codes[row]];
      if (known !== -1 && this.codes !== undefined) this.#pushCode(known);
      else this.pushMapped(distinct, codes[row], mapped);
    }
  }

  /** push() of `distinct[code]`, remembering in `mapped[code]` (-1: not yet) its code here while coded. */
  pushMapped(distinct: readonly string[], code: number, mapped: Int32Array): void {
    const known = mapped[code];
    if (known !== -1 && this.codes !== undefined) return this.#pushCode(known);
    this.push(distinct[code]);
    if (this.codes !== undefined) mapped[code] = this.codes[this.length - 1];
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
export class NumberColumn<T extends Float64Array | Int32Array> {
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
  /** the numbers in row order, or in `order` (row numbers), as an array of their own */
  values(order?: readonly number[]): T {
    if (order === undefined) return this.array.slice(0, this.length) as T;
    const out = new (this.array.constructor as {new (length: number): T})(order.length);
    for (let i = 0; i < order.length; i++) out[i] = this.array[order[i]];
    return out;
  }
}
