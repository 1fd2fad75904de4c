/**
 * The rows of a log read whole again that the cached build already had: a nightly full export holds
 * yesterday's rows again, in any order, with the new ones among them. A row is known when a cached
 * row has the same two 30-bit hashes (deduplicate.ts rowHashPair: the first of the values' text, the
 * second of the values as held, each mixed with its column's name), each cached row given once. The 60 bits
 * are what a period's rows digest already trusts to keep its folder (period-keys.ts). It does not
 * read files.
 */
import type {RowOrigins} from "../ingest/log-rows.js";
import type {CachedLog} from "./build-cache.js";
import {firstEntryOf, MAX_INDEXED_ROWS} from "./hash-index.js";

/** Gives each cached row once to the first row read with its two hashes. */
export class KnownRows {
  /** per cached row: 1 once a row read was found to be it */
  readonly taken: Uint8Array;
  /** cached rows found so far */
  found = 0;

  constructor(private readonly cache: Pick<CachedLog, "hashIndex" | "rows">) {
    this.taken = new Uint8Array(cache.rows.hash.length);
  }

  /** The cached row not taken yet with these hashes (and read from file number `file` when given), now taken; or -1. */
  take(hash: number, hash2: number, file?: number): number {
    const {hashIndex: index} = this.cache;
    const {hash2: hashes2, file: files} = this.cache.rows;
    // the index's entries of this hash (as hash-index.ts rowsWithHash, without an array per row)
    const low = hash * MAX_INDEXED_ROWS;
    for (let i = firstEntryOf(index, hash); i < index.length && index[i] < low + MAX_INDEXED_ROWS; i++) {
      const row = index[i] - low;
      if (hashes2[row] !== hash2 || this.taken[row] === 1 || (file !== undefined && files[row] !== file)) continue;
      this.taken[row] = 1;
      this.found++;
      return row;
    }
    return -1;
  }
}

/**
 * For each row of `rows` (a log read whole, in its order), the cached row with the same hashes,
 * each cached row given once, or -1 for a row the cache does not have.
 */
export function knownRows(cache: Pick<CachedLog, "hashIndex" | "rows">, rows: Pick<RowOrigins, "hash" | "hash2">): Int32Array {
  const known = new KnownRows(cache);
  return Int32Array.from(rows.hash, (hash, row) => known.take(hash, rows.hash2[row]));
}
