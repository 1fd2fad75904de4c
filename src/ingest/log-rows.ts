/**
 * Holds accepted rows as one array per column while files are read, with each row's instant and
 * origin (file number, line), then returns them as an Arquero table sorted by time. The sort is
 * stable: rows with the same instant keep input order (file order, then line). Does not validate.
 */
import * as aq from "arquero";
import type {ColumnTable} from "arquero";

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

/** Past this many distinct values a column's values are no longer shared. */
const MAX_SHARED_VALUES = 50_000;
/** After this many values looked up, a column with over 3/4 of them distinct stops being shared. */
const PROBE_VALUES = 4096;

/** Accepted rows, column by column, in input order. */
export class LogRows {
  /** values by [column number][row number]; a column added late is "" for earlier rows */
  readonly columns: string[][] = [];
  readonly time: number[] = [];
  readonly file: number[] = [];
  readonly line: number[] = [];
  /** the row's two 30-bit hashes (deduplicate.ts rowHashPair) */
  readonly hash: number[] = [];
  readonly hash2: number[] = [];
  /** per column, one instance of each value seen, while the column has few distinct values */
  readonly #distinct: (Map<string, string> | undefined)[] = [];
  /** per column, the value stored last, and how many values were looked up */
  readonly #last: string[] = [];
  readonly #looked: number[] = [];

  get count(): number {
    return this.time.length;
  }

  /** Stores a row with its hashes (rowHashPair); returns its row number. */
  add(values: string[], time: number, file: number, line: number, hashes: ArrayLike<number> = [0, 0]): number {
    const columns = this.columns;
    if (values.length > columns.length) this.addColumns(values.length);
    for (let c = 0; c < columns.length; c++) {
      const value = c < values.length ? values[c] : "";
      columns[c].push(value.length === 0 ? "" : this.#shared(c, value));
    }
    this.time.push(time);
    this.file.push(file);
    this.line.push(line);
    this.hash.push(hashes[0]);
    this.hash2.push(hashes[1]);
    return this.time.length - 1;
  }

  /** Makes sure there are at least `count` columns. */
  addColumns(count: number): void {
    while (this.columns.length < count) {
      this.columns.push(new Array<string>(this.count).fill(""));
      this.#distinct.push(new Map());
      this.#last.push("");
      this.#looked.push(0);
    }
  }

  /**
   * The stored instance of a value: a million rows repeat a few hundred actions, users and
   * datasets, and keeping one string for each spared a quarter of the heap (measured at 300k
   * rows). A column with many distinct values (timestamp, diff) stops being shared.
   */
  #shared(column: number, value: string): string {
    const distinct = this.#distinct[column];
    if (distinct === undefined) return value;
    const last = this.#last[column];
    if (value === last) return last; // sorted logs repeat a domain, an action, a user row after row
    const seen = distinct.get(value);
    if (seen !== undefined) {
      this.#last[column] = seen;
      return seen;
    }
    const looked = ++this.#looked[column];
    // a column that is mostly new values (timestamp, diff) is given up early: sharing it is pure cost
    if (distinct.size >= MAX_SHARED_VALUES || (looked >= PROBE_VALUES && distinct.size * 4 > looked * 3)) {
      this.#distinct[column] = undefined;
    } else distinct.set(value, value);
    this.#last[column] = value;
    return value;
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
    const order = timeOrder(this.time);
    const pick = <T>(values: T[]): T[] => (order === undefined ? values : order.map((row) => values[row]));
    const data: Record<string, unknown[]> = {time: pick(this.time)};
    for (const name of names) {
      const column = this.columns[numberOf(name)];
      data[name] = column === undefined ? new Array<string>(this.count).fill("") : pick(column);
    }
    const typed = (values: number[]) => Int32Array.from(pick(values));
    const rows = {file: typed(this.file), line: typed(this.line), hash: typed(this.hash), hash2: typed(this.hash2)};
    return {table: aq.table(data), rows};
  }
}

/** Row numbers in time order, ties in input order; undefined when already in order. */
export function timeOrder(time: number[]): number[] | undefined {
  let ascending = true, descending = true;
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
function newestFirstReversed(time: number[]): number[] {
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
