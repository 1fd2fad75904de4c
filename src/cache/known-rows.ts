/**
 * The rows of a log read whole again that the cached build already had: a nightly full export holds
 * yesterday's rows again, in any order, with the new ones among them. A row is known when a cached
 * row has the same two 30-bit hashes (deduplicate.ts rowHashPair: the first of the values' text, the
 * second of the values as held, with their column numbers): then its whole-log downloads are that
 * row's bytes, copied instead of formatted again. The 60 bits are what a period's rows digest already
 * trusts to keep its folder (period-keys.ts). It does not read files.
 */
import type {RowOrigins} from "../ingest/log-rows.js";
import type {CachedLog} from "./build-cache.js";
import {firstEntryOf, MAX_INDEXED_ROWS} from "./hash-index.js";

/**
 * For each row of `rows` (a log read whole, in its time order), the cached row with the same hashes,
 * each cached row given once, or -1 for a row the cache does not have.
 */
export function knownRows(cache: Pick<CachedLog, "hashIndex" | "rows">, rows: Pick<RowOrigins, "hash" | "hash2">): Int32Array {
  const known = new Int32Array(rows.hash.length).fill(-1);
  const taken = new Uint8Array(cache.rows.hash.length);
  const {hashIndex: index} = cache;
  const {hash2} = cache.rows;
  for (let row = 0; row < known.length; row++) {
    // the index's entries of this hash (as hash-index.ts rowsWithHash, without an array per row)
    const low = rows.hash[row] * MAX_INDEXED_ROWS;
    for (let i = firstEntryOf(index, rows.hash[row]); i < index.length && index[i] < low + MAX_INDEXED_ROWS; i++) {
      const candidate = index[i] - low;
      if (hash2[candidate] !== rows.hash2[row] || taken[candidate] === 1) continue;
      taken[candidate] = 1;
      known[row] = candidate;
      break;
    }
  }
  return known;
}
