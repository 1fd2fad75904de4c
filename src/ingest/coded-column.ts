/**
 * The table's string columns as codes: what ingest hands on for a column of repeated values, and
 * what addPeriodKeys makes of the columns the indicators count.
 */

/** The code of "" in every CodedColumn, e.g. a row without user_id; "" is code 0 even when absent. */
export const EMPTY_CODE = 0;

/**
 * A string column stored as codes into a dictionary sorted by plain string comparison (`a < b`):
 * codes ascend in the order of their strings, so sorting codes sorts strings. `dictionary[0]` is
 * always "" (EMPTY_CODE). E.g. codes [2, 0, 1] with dictionary ["", "alice", "bob"] hold
 * "bob", "", "alice". Has what Arquero asks of a column: `length`, `at(row)` and an iterator.
 */
export class CodedColumn {
  readonly length: number;

  constructor(
    readonly codes: Int32Array,
    readonly dictionary: readonly string[],
  ) {
    this.length = codes.length;
  }

  at(row: number): string {
    return this.dictionary[this.codes[row]];
  }

  *[Symbol.iterator](): Iterator<string> {
    for (const code of this.codes) yield this.dictionary[code];
  }

  /** Rows [lo, hi) as a view on the same codes and dictionary: nothing is copied. */
  slice(lo: number, hi: number): CodedColumn {
    return new CodedColumn(this.codes.subarray(lo, hi), this.dictionary);
  }
}

/**
 * `codes` into `values` (`values[0]` is "") as a CodedColumn with a sorted dictionary: the codes
 * are renumbered in place.
 */
export function sortedColumn(codes: Int32Array, values: readonly string[]): CodedColumn {
  // "" stays first: it sorts before every other string
  const order = values.map((_, code) => code).sort((a, b) => (values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : 0));
  const renumber = new Int32Array(values.length);
  order.forEach((code, rank) => (renumber[code] = rank));
  if (order.some((code, rank) => code !== rank)) {
    for (let row = 0; row < codes.length; row++) codes[row] = renumber[codes[row]];
  }
  return new CodedColumn(
    codes,
    order.map((code) => values[code]),
  );
}
