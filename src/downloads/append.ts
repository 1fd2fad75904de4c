/**
 * The whole log's downloads of a previous build, extended by the rows appended to the log since:
 * only the new rows are formatted; the old bytes are the build cache's spare copy, moved into the
 * report when it is still what the cache says, else copies of the previous report's files.
 */
import {copyFile, open, type FileHandle} from "node:fs/promises";
import path from "node:path";
import {grow} from "../cache/growable.js";
import {copyRange} from "./copy-range.js";
import {moveSpare, SPARE_CHECK_BYTES, spareFits} from "./spare-files.js";
import {firstChangedRow} from "../cache/merge-rows.js";
import {writeSpliced} from "./splice.js";
import {ChunkedWriter, JSON_TAIL, jsonRowsEnd, SourceWriter, type SourceData, type SpareSource} from "./whole-log.js";

/**
 * The whole log's files of a previous build, with rows added: only the new rows are formatted. The
 * old bytes come from `spare` when it can be taken (see takeSpare): it is moved into `dir` and
 * extended by the rows it lacks, copied from `previous`'s files; else they are copied by the kernel
 * (copy_file_range) from `previous`'s files. New row r goes after `places[r]` old rows (rows read
 * late, cache/merge-rows.ts placesAmong; all at the end by default): from the first place on, the
 * old rows' bytes are copied around the new ones, not formatted again. Gives the bytes
 * writeSourceData would give for all the rows in that order. `rows` are values in `columns` order,
 * the columns of the previous files, in time order.
 */
export async function appendSourceData(
  dir: string,
  previous: SourceData,
  columns: readonly string[],
  rows: readonly (readonly string[])[],
  spare?: SpareSource,
  places: Int32Array = new Int32Array(rows.length).fill(previous.jsonStart.length),
): Promise<SourceData> {
  const n = previous.jsonStart.length;
  const first = firstChangedRow(places, n);
  const csvFile = path.join(dir, "activity.csv");
  const jsonFile = path.join(dir, "activity.json");
  const jsonEndOf = (rows: number) => jsonRowsEnd(previous.jsonEnd, rows);
  const taken = spare !== undefined && (await takeSpare(spare, previous, csvFile, jsonFile));
  if (!taken) await Promise.all([copyFile(previous.csvFile, csvFile), copyFile(previous.jsonFile, jsonFile)]);
  // the old rows that move: their offsets, before the arrays are grown and filled in place
  const moved = {csvStart: previous.csvStart.slice(first, n + 1), jsonStart: previous.jsonStart.slice(first, n), jsonEnd: previous.jsonEnd.slice(first, n)};
  const [csvFrom, jsonFrom] = [previous.csvStart[first], jsonEndOf(first)];
  // the cached offsets, grown in place when they have room (cache/growable.ts)
  const merged = {
    csvStart: grow(previous.csvStart, rows.length),
    jsonStart: grow(previous.jsonStart, rows.length),
    jsonEnd: grow(previous.jsonEnd, rows.length),
  };
  const [csvHandle, jsonHandle] = await Promise.all([open(csvFile, "r+"), open(jsonFile, "r+")]);
  try {
    if (taken && spare.rows < first) {
      // the rows the spare lacks: bytes of the previous files, at the same offsets
      await copyInPlace(previous.csvFile, csvHandle, previous.csvStart[spare.rows], csvFrom);
      await copyInPlace(previous.jsonFile, jsonHandle, jsonEndOf(spare.rows), jsonFrom);
    }
    const csv = new ChunkedWriter(csvHandle, csvFrom, undefined, csvFile);
    const json = new ChunkedWriter(jsonHandle, jsonFrom, undefined, jsonFile);
    const sources = {previous, old: moved, base: first, rows: mergedOrder(places, n, first), values: (r: number) => rows[r]};
    await writeSpliced(sources, {csv, json}, SourceWriter.jsonKeys(columns), merged, first);
    json.add(JSON_TAIL);
    await Promise.all([csv.flush(), json.flush()]);
    await Promise.all([csvHandle.truncate(csv.position), jsonHandle.truncate(json.position)]);
  } finally {
    await Promise.all([csvHandle.close(), jsonHandle.close()]);
  }
  return {csvFile, jsonFile, csvHeader: previous.csvHeader, ...merged};
}

/** The rows from merged row `first` on: old rows by number, new row r as -1 - r (splice.ts RowSources). */
function mergedOrder(places: Int32Array, n: number, first: number): Int32Array {
  const order = new Int32Array(n - first + places.length);
  let old = first;
  let k = 0;
  for (let r = 0; r < places.length; r++) {
    while (old < places[r]) order[k++] = old++;
    order[k++] = -1 - r;
  }
  while (old < n) order[k++] = old++;
  return order;
}

/**
 * Moves the spare files to `csvFile` and `jsonFile` when they are what the cache says: files with one
 * link only (no report, the published or `<out>.previous`, still shows them), of the size of the
 * spare's rows, whose last 64 KiB of rows are the previous files' bytes at the same place. False,
 * touching nothing, otherwise: then the caller copies.
 */
export async function takeSpare(spare: SpareSource, previous: SourceData, csvFile: string, jsonFile: string): Promise<boolean> {
  const k = spare.rows;
  const csvEnd = previous.csvStart[k];
  const jsonEnd = jsonRowsEnd(previous.jsonEnd, k);
  // the last bytes of its rows, at the same place in both
  const fits = (file: string, size: number, against: string, end: number) => {
    const start = Math.max(0, end - SPARE_CHECK_BYTES);
    return spareFits(file, size, start, against, start, end - start);
  };
  if (!(await fits(spare.csvFile, csvEnd, previous.csvFile, csvEnd)) || !(await fits(spare.jsonFile, jsonEnd + JSON_TAIL.length, previous.jsonFile, jsonEnd)))
    return false;
  return moveSpare(spare, {csvFile, jsonFile});
}

/** Writes bytes [start, end) of file `source` into `target` at the same offsets. */
export async function copyInPlace(source: string, target: FileHandle, start: number, end: number): Promise<void> {
  const from = await open(source, "r");
  try {
    await copyRange(from, target, start, end, start);
  } finally {
    await from.close();
  }
}
