/**
 * Rows read late merged into the cached log: the cache holds its rows in the order of every build
 * (ingest/log-rows.ts RowKeys: time, then the values' hashes), and rows read since, in that order
 * too, may come before its last row (an unsorted log, a late export, a backfilled day, a log
 * exported again in another order). Each new row goes after every cached row of a lower or equal
 * key (equal: the same instant and values, a row read later sorts after those read earlier), so the
 * merge is the order a cold read of all the inputs gives. It does not read files: append-log.ts
 * merges the arrays, downloads/append.ts the whole-log files.
 */
import {compareRowKeys, type RowKeys} from "../ingest/row-order.js";
import {grow} from "./growable.js";

/**
 * For each new row (`added`, in RowKeys order), how many cached rows (`cached`, in RowKeys order)
 * come before it in the merged log: those of a lower or equal key. Every entry is the cached rows'
 * count for rows that only extend the log.
 */
export function placesAmong(cached: RowKeys, added: RowKeys): Int32Array {
  const n = cached.time.length;
  const places = new Int32Array(added.time.length);
  for (let r = 0; r < places.length; r++) {
    // the upper bound of the row's key, searched from the last place on (both ascend)
    let lo = r === 0 ? 0 : places[r - 1],
      hi = n;
    if (n > 0 && compareRowKeys(added, r, cached, n - 1) >= 0) lo = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareRowKeys(cached, mid, added, r) <= 0) lo = mid + 1;
      else hi = mid;
    }
    places[r] = lo;
  }
  return places;
}

/** The first row of the merged log that is not the cached row of the same number: `n` when rows were only appended. */
export const firstChangedRow = (places: Int32Array, n: number): number => (places.length === 0 ? n : places[0]);

/**
 * `array` (n cached rows) with `tail`'s rows placed among them, new row r after `places[r]` cached
 * rows (placesAmong). In place when `array` has room after it (growable.ts grow: it must not be used
 * again), moved from the back so that no entry is overwritten before it is moved.
 */
export function spliceRows<T extends Float64Array | Int32Array>(array: T, tail: T, places: Int32Array): T {
  const n = array.length;
  const merged = grow(array, tail.length);
  let i = n - 1;
  for (let r = tail.length - 1; r >= 0; r--) {
    for (; i >= places[r]; i--) merged[i + r + 1] = merged[i];
    merged[places[r] + r] = tail[r];
  }
  return merged;
}

/**
 * How far each cached row from `from` on moves in the merged log: entry i - from is the number of new
 * rows placed before cached row i (so its new row number is i plus that).
 */
export function shiftsFrom(places: Int32Array, n: number, from: number): Int32Array {
  const shifts = new Int32Array(Math.max(0, n - from));
  let r = 0;
  for (let i = from; i < n; i++) {
    while (r < places.length && places[r] <= i) r++;
    shifts[i - from] = r;
  }
  return shifts;
}
