/**
 * Finds exact duplicate rows (every field equal, across all files) without keeping a joined string
 * per row: a 30-bit hash of the values leads to the rows with that hash, and the fields are
 * compared on a hit. Rows are compared by column number; a column a row does not have counts as "".
 * Fields are compared as text (json-value.ts fieldText), as a CSV holds them and the indicators
 * count them: a JSON 1 and "1", null and "" are equal, so a CSV and a JSON export of the same rows
 * overlap into duplicates, not double counts (the row kept keeps its values as written).
 * Does not store rows: it reads them where they are stored (StoredRows, the ingest's LogRows).
 */
import {ESCAPED, NON_ASCII, type FieldSpans} from "./csv-bytes.js";
import {fieldLength, hashCodeUnits, hashState} from "./field-bytes.js";
import {fieldText, RAW_MARK} from "./json-value.js";

const MARK_CODE = RAW_MARK.charCodeAt(0);

/** Where DuplicateIndex reads stored rows' values (log-rows.ts LogRows). */
export interface StoredRows {
  readonly columnCount: number;
  /** row `row`'s value in column number `column` ("" for a column it does not have) */
  value(column: number, row: number): string;
}

/** Remembers accepted rows by hash and finds an earlier identical one. */
export class DuplicateIndex {
  readonly #stored: StoredRows;
  /**
   * An open-addressing table (linear probing, at most half full): slot i holds row + 1 (0: empty)
   * and that row's hash. Rows whose hashes collide take further slots. Typed arrays instead of a
   * Map of a million entries: no per-entry objects, one probe in cache on a miss.
   */
  #rows = new Int32Array(1 << 16);
  #hashes = new Int32Array(1 << 16);
  #count = 0;

  /** `stored`: where the rows are stored as they are accepted. */
  constructor(stored: StoredRows) {
    this.#stored = stored;
  }

  /** The row number of an earlier row equal to `values`, or -1. */
  find(values: string[], hash: number): number {
    const rows = this.#rows,
      hashes = this.#hashes,
      mask = rows.length - 1;
    for (let i = hash & mask; rows[i] !== 0; i = (i + 1) & mask) {
      if (hashes[i] === hash && this.#equal(values, rows[i] - 1)) return rows[i] - 1;
    }
    return -1;
  }

  /** True when some row remembered has this hash (find then tells whether one is equal). */
  holds(hash: number): boolean {
    const rows = this.#rows,
      hashes = this.#hashes,
      mask = rows.length - 1;
    for (let i = hash & mask; rows[i] !== 0; i = (i + 1) & mask) if (hashes[i] === hash) return true;
    return false;
  }

  /** Records that row number `row` (just stored) has this hash. */
  remember(hash: number, row: number): void {
    if (2 * (this.#count + 1) > this.#rows.length) this.#grow();
    this.#count++;
    this.#place(hash, row + 1);
  }

  #place(hash: number, slotValue: number): void {
    const rows = this.#rows,
      mask = rows.length - 1;
    let i = hash & mask;
    while (rows[i] !== 0) i = (i + 1) & mask;
    rows[i] = slotValue;
    this.#hashes[i] = hash;
  }

  #grow(): void {
    const rows = this.#rows,
      hashes = this.#hashes;
    this.#rows = new Int32Array(rows.length * 2);
    this.#hashes = new Int32Array(rows.length * 2);
    for (let i = 0; i < rows.length; i++) if (rows[i] !== 0) this.#place(hashes[i], rows[i]);
  }

  #equal(values: string[], row: number): boolean {
    const count = Math.max(values.length, this.#stored.columnCount);
    for (let c = 0; c < count; c++) {
      if (fieldText(values[c] ?? "") !== fieldText(this.#stored.value(c, row))) return false;
    }
    return true;
  }
}

/** rowHashPair's result: [the 30-bit hash rowHash returns, an independent second 30-bit hash]. */
const pair = new Int32Array(2);

/**
 * How rowHashPair walks a row's columns: `order`, the column numbers by column name, each mixed in
 * with `seed`, a hash of its name (accept-row.ts ColumnIndex keeps them). So a row's hashes do not
 * depend on the order a file gives the columns in (a CSV header, the keys of JSON records as they
 * first appear), and rows of one instant sort the same however the log was exported (log-rows.ts).
 */
export interface HashLayout {
  order: Int32Array;
  /** by column number */
  seed: Int32Array;
}

/** A column name's seed: FNV-1a of its characters, never 0. */
export function nameSeed(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h === 0 ? 1 : h;
}

/** The layout of unnamed columns 0..n-1: in number order, seeded with their number plus one. */
export function positionalLayout(n: number): HashLayout {
  return {order: Int32Array.from({length: n}, (_, c) => c), seed: Int32Array.from({length: n}, (_, c) => c + 1)};
}

/**
 * Two 30-bit hashes of a row's values, in one pass over their characters: the first is rowHash's,
 * of the values' text (what duplicates are compared on); the second (other seed and multiplier), of
 * the values as held, joins it in the 60-bit digest that tells whether a period's rows changed
 * between builds (build-cache): a JSON 1 that became "1" changes the period's JSON download.
 * Returns a shared array: read it before the next call.
 */
export function rowHashPair(values: string[], layout: HashLayout = positionalLayout(values.length)): Int32Array {
  let h = 0x811c9dc5;
  let g = 0x2c1b3c6d;
  const {order, seed} = layout;
  for (let k = 0; k < order.length; k++) {
    const c = order[k];
    const value = values[c];
    if (value === undefined || value === "") continue;
    const text = value.charCodeAt(0) === MARK_CODE ? fieldText(value) : value;
    g = Math.imul(g ^ seed[c], 0x5bd1e995);
    g = Math.imul(g ^ value.length, 0x5bd1e995);
    if (text === value) {
      h = Math.imul(h ^ seed[c], 16777619);
      h = Math.imul(h ^ value.length, 16777619);
      for (let i = 0; i < value.length; i++) {
        const code = value.charCodeAt(i);
        h = Math.imul(h ^ code, 16777619);
        g = Math.imul(g ^ code, 0x5bd1e995);
      }
      continue;
    }
    // a JSON value other than a string: its text for the first hash ("" for null: skipped)
    for (let i = 0; i < value.length; i++) g = Math.imul(g ^ value.charCodeAt(i), 0x5bd1e995);
    if (text === "") continue;
    h = Math.imul(h ^ seed[c], 16777619);
    h = Math.imul(h ^ text.length, 16777619);
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  }
  pair[0] = finalMix(h);
  pair[1] = finalMix(g ^ 0x9e3779b9);
  return pair;
}

/**
 * rowHashPair of a CSV row still in the file's bytes (csv-bytes.ts): column c's value is field
 * `fieldOf[c]` of `fields` ("" for -1). The same two hashes as rowHashPair of the row's strings.
 */
export function rowHashPairOfBytes(bytes: Uint8Array, fields: FieldSpans, fieldOf: Int32Array, layout: HashLayout): Int32Array {
  const {starts, ends, flags} = fields;
  const {order, seed} = layout;
  let h = 0x811c9dc5;
  let g = 0x2c1b3c6d;
  for (let k = 0; k < order.length; k++) {
    const c = order[k];
    const f = c < fieldOf.length ? fieldOf[c] : -1;
    if (f === -1 || starts[f] === ends[f]) continue;
    const start = starts[f],
      end = ends[f],
      flag = flags[f];
    const plain = (flag & (NON_ASCII | ESCAPED)) === 0;
    const length = plain ? end - start : fieldLength(bytes, start, end, flag);
    h = Math.imul(Math.imul(h ^ seed[c], 16777619) ^ length, 16777619);
    g = Math.imul(Math.imul(g ^ seed[c], 0x5bd1e995) ^ length, 0x5bd1e995);
    if (plain) {
      // the usual value: ASCII without escapes, one code unit per byte
      for (let i = start; i < end; i++) {
        const code = bytes[i];
        h = Math.imul(h ^ code, 16777619);
        g = Math.imul(g ^ code, 0x5bd1e995);
      }
      continue;
    }
    hashState[0] = h;
    hashState[1] = g;
    hashCodeUnits(bytes, start, end, flag);
    h = hashState[0];
    g = hashState[1];
  }
  pair[0] = finalMix(h);
  pair[1] = finalMix(g ^ 0x9e3779b9);
  return pair;
}

/** murmur3's final mix, kept to 30 bits (small integers in V8). */
function finalMix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & 0x3fffffff;
}

/**
 * A 30-bit hash of a row's values' text (FNV-1a's multiplier with murmur3's final mix). Empty values are
 * skipped, and each non-empty one is mixed with its column number and length, so "ab"+"c" and
 * "a"+"bc" differ and adding an empty column later does not change the hash. 30 bits keep the
 * Map's keys small integers (a 53-bit key costs a heap number per row, measured at 1M rows); a
 * chance collision costs one row comparison, about 500 of them per million rows.
 */
export function rowHash(values: string[], layout?: HashLayout): number {
  return rowHashPair(values, layout)[0];
}
