/**
 * Finds rows by hash without building a hash table: the build cache keeps every row's 30-bit hash
 * and row number packed as one number, `hash * 2^23 + row`, in ascending order, so the rows with a
 * given hash are one binary search away. Building a table of a million cached rows took 0.3 s each
 * build; sorting happens once (cold build, ~0.1 s) and an append merges its few new rows in.
 * Exact in a double up to 2^23 rows (8,388,608) with 30-bit hashes (53 bits).
 */

import {grow} from "./growable.js";
import {shiftsFrom} from "./merge-rows.js";

/** Rows up to which a hash index can be packed. */
export const MAX_INDEXED_ROWS = 2 ** 23;

/** The index of `hashes` (rows 0..n-1), sorted. */
export function hashIndexOf(hashes: Int32Array): Float64Array {
  const index = new Float64Array(hashes.length);
  for (let row = 0; row < hashes.length; row++) index[row] = hashes[row] * MAX_INDEXED_ROWS + row;
  return index.sort();
}

/** `index` (of rows 0..n-1) with rows n..n+k-1 of `hashes` merged in. */
export function extendHashIndex(index: Float64Array, hashes: Int32Array): Float64Array {
  return spliceHashIndex(index, hashes, new Int32Array(hashes.length - index.length).fill(index.length));
}

/**
 * `index` (of n rows) after new rows were placed among them (merge-rows.ts spliceRows: new row r
 * after `places[r]` old rows): the old rows renumbered, the new ones merged in; `hashes` are the
 * merged rows'. The renumbering keeps the order (it only grows row numbers, below 2^23).
 */
export function spliceHashIndex(index: Float64Array, hashes: Int32Array, places: Int32Array): Float64Array {
  const n = index.length;
  const k = places.length;
  const from = k === 0 ? n : places[0];
  if (from < n) {
    const shifts = shiftsFrom(places, n, from);
    for (let i = 0; i < n; i++) {
      const entry = index[i];
      const row = entry % MAX_INDEXED_ROWS;
      if (row >= from) index[i] = entry + shifts[row - from];
    }
  }
  const fresh = new Float64Array(k);
  for (let r = 0; r < k; r++) fresh[r] = hashes[places[r] + r] * MAX_INDEXED_ROWS + places[r] + r;
  fresh.sort();
  // merged from the back, in the room after the index when it has some (growable.ts): the slot
  // written is never one still to be read
  const merged = grow(index, fresh.length);
  let i = n - 1;
  for (let j = fresh.length - 1, m = merged.length - 1; j >= 0; m--) merged[m] = i >= 0 && merged[i] > fresh[j] ? merged[i--] : fresh[j--];
  return merged;
}

/** The rows whose hash is `hash`, ascending. */
export function rowsWithHash(index: Float64Array, hash: number): number[] {
  const low = hash * MAX_INDEXED_ROWS;
  const rows: number[] = [];
  for (let i = firstEntryOf(index, hash); i < index.length && index[i] < low + MAX_INDEXED_ROWS; i++) rows.push(index[i] - low);
  return rows;
}

/**
 * Where the entries of `hash` begin in `index` (a binary search): entries i from there on, while
 * `index[i] < (hash + 1) * MAX_INDEXED_ROWS`, are its rows, `index[i] - hash * MAX_INDEXED_ROWS`.
 */
export function firstEntryOf(index: Float64Array, hash: number): number {
  const low = hash * MAX_INDEXED_ROWS;
  let lo = 0,
    hi = index.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index[mid] < low) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
