/**
 * Row counts on integer codes (see coded-rows.ts), shared by the indicators of one period: a count
 * per code of one column in an Int32Array indexed by code, and the non-zero counts per pair of codes
 * (bucket and action, bucket and user). Each is computed once per rows table and remembered, since
 * several indicators need the same counts. The indicators rank and decode them (rank-by-action.ts).
 *
 * No Arquero groupby here: on a million rows it hashes every row's strings, where an Int32Array
 * indexed by code costs one increment.
 */
import type {ColumnTable} from "arquero";
import {EMPTY_CODE} from "../ingest/coded-column.js";
import {codedColumn, remember} from "./coded-rows.js";

/** Rows per code of column `name`: `counts[code]`, e.g. counts[EMPTY_CODE] rows without a value. */
export function countPerCode(rows: ColumnTable, name: string): Int32Array {
  return remember(rows, JSON.stringify(["countPerCode", name]), () => {
    const {codes, dictionary} = codedColumn(rows, name);
    const counts = new Int32Array(dictionary.length);
    for (let row = 0; row < codes.length; row++) counts[codes[row]]++;
    return counts;
  });
}

/** How many codes from 1 up (EMPTY_CODE left out) have a non-zero count: distinct non-empty values. */
export function distinctNonEmpty(counts: Int32Array): number {
  let distinct = 0;
  for (let code = EMPTY_CODE + 1; code < counts.length; code++) if (counts[code] !== 0) distinct++;
  return distinct;
}

/** The non-zero counts per (a, b) pair of codes, sorted by a then b: parallel arrays of `length`. */
export interface PairCounts {
  length: number;
  a: Int32Array;
  b: Int32Array;
  count: Int32Array;
}

/**
 * Counts per pair of codes of columns `aName` (few distinct values per period, e.g. a bucket) and
 * `bName`. Uses a flat Int32Array over the pairs that can occur when it is not much larger than the
 * rows (4x), else a Map of the pairs that do occur.
 */
export function countPairs(rows: ColumnTable, aName: string, bName: string): PairCounts {
  return remember(rows, JSON.stringify(["countPairs", aName, bName]), () => {
    const a = codedColumn(rows, aName).codes;
    const {codes: b, dictionary} = codedColumn(rows, bName);
    const width = dictionary.length;
    let aMin = Infinity;
    let aMax = -Infinity;
    for (let row = 0; row < a.length; row++) {
      if (a[row] < aMin) aMin = a[row];
      if (a[row] > aMax) aMax = a[row];
    }
    const cellCount = a.length === 0 ? 0 : (aMax - aMin + 1) * width;
    const cells: {key: ArrayLike<number>; count: ArrayLike<number>} =
      cellCount <= Math.max(1 << 16, 4 * a.length) ? flatCells(a, b, aMin, width, cellCount) : sparseCells(a, b, aMin, width);
    const length = cells.key.length;
    const result: PairCounts = {length, a: new Int32Array(length), b: new Int32Array(length), count: new Int32Array(length)};
    for (let i = 0; i < length; i++) {
      result.a[i] = aMin + Math.floor(cells.key[i] / width);
      result.b[i] = cells.key[i] % width;
      result.count[i] = cells.count[i];
    }
    return result;
  });
}

/** Pair key (a - aMin) * width + b; counts in one array indexed by key, read back in key order. */
function flatCells(a: Int32Array, b: Int32Array, aMin: number, width: number, cellCount: number) {
  const counts = new Int32Array(cellCount);
  for (let row = 0; row < a.length; row++) counts[(a[row] - aMin) * width + b[row]]++;
  const key: number[] = [];
  const count: number[] = [];
  for (let cell = 0; cell < cellCount; cell++) {
    if (counts[cell] !== 0) {
      key.push(cell);
      count.push(counts[cell]);
    }
  }
  return {key, count};
}

/** The same keys as flatCells, counted in a Map when the flat array would be mostly zeros. */
function sparseCells(a: Int32Array, b: Int32Array, aMin: number, width: number) {
  const counts = new Map<number, number>();
  for (let row = 0; row < a.length; row++) {
    const cell = (a[row] - aMin) * width + b[row];
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  const key = Float64Array.from(counts.keys()).sort();
  return {key, count: Array.from(key, (cell) => counts.get(cell)!)};
}
