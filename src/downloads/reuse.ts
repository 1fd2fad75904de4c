/**
 * The whole log's downloads of a log read whole again (a nightly full export), written from the
 * cached build's files: the rows it had are their bytes copied (splice.ts), only the others are
 * formatted. Gives the bytes writeSourceData gives for the table, as long as `known` names for each
 * row a previous row of the same values (cache/known-rows.ts) and the columns are the previous ones.
 * When most rows keep their place (a re-export whose new rows come last), the previous files are
 * taken as they are (the cache's spare, else a kernel copy) and only what changed is written: rows
 * of one instant in another order, in place, and the rows from the first new or removed one on.
 * Otherwise both files are written whole, with a spare copy for the next append when one is asked.
 */
import {copyFile, open, type FileHandle} from "node:fs/promises";
import path from "node:path";
import type {ColumnTable} from "arquero";
import {copyInPlace, takeSpare} from "./append.js";
import {csvLine} from "./csv.js";
import {writeSpliced, type Offsets} from "./splice.js";
import {CHUNK_BYTES, ChunkedWriter, JSON_TAIL, jsonRowsEnd, SourceWriter, type SourceData, type SpareSource, type WholeLogFiles} from "./whole-log.js";

/** Groups of reordered rows past this many bytes are written with the rows after them (else each is read and written at once). */
export const MAX_GROUP_BYTES = CHUNK_BYTES;

/**
 * Where a re-export's rows stand against the previous files' (`known`, of n rows, against `previous`
 * rows): rows [0, first) are the previous rows [0, first), those of each [a, b) of `groups` in
 * another order (rows of one instant come in the new file's order); from `first` on (a row the
 * previous files lack, or after a previous row that is gone) they must be written again.
 */
export function placesKept(known: Int32Array, previous: number): {first: number; groups: [number, number][]} {
  const groups: [number, number][] = [];
  let first = 0;
  let highest = -1;
  for (let m = 0; m < Math.min(known.length, previous); m++) {
    if (known[m] < 0) break;
    highest = Math.max(highest, known[m]);
    // known rows are distinct: m + 1 of them, none above m, are the rows 0..m
    if (highest !== m) continue;
    if (m > first) groups.push([first, m + 1]);
    first = m + 1;
  }
  return {first, groups};
}

/**
 * Writes `dir`/activity.csv and activity.json for `table`'s rows in `columns` order: row m is
 * `previous`'s row `known[m]`, copied, or formatted from the table when that is -1. `lend`: the
 * cache's spare copy of `previous`'s files, which a re-export whose rows mostly keep their place
 * takes and patches (then the result has no spare); else `spare` gets a copy of the files written.
 */
export async function reuseSourceData(
  dir: string,
  previous: SourceData,
  table: ColumnTable,
  columns: readonly string[],
  known: Int32Array,
  spare?: WholeLogFiles,
  lend?: Promise<SpareSource | undefined>,
): Promise<SourceData> {
  const n = known.length;
  const csvFile = path.join(dir, "activity.csv");
  const jsonFile = path.join(dir, "activity.json");
  const merged = {csvStart: new Float64Array(n + 1), jsonStart: new Float64Array(n), jsonEnd: new Float64Array(n)};
  const data = columns.map((name) => table.column(name));
  const values = (row: number) => data.map((column) => (column === undefined ? "" : String(column.at(row) ?? "")));
  const rows = Int32Array.from(known, (old, m) => (old >= 0 ? old : -1 - m));
  const header = csvLine(columns);
  const result = {csvFile, jsonFile, csvHeader: Buffer.from(header), ...merged};
  const kept = placesKept(known, previous.jsonStart.length);
  // a group is one instant's rows; past MAX_GROUP_BYTES (a log of few instants) it goes with the rows after it
  const large = kept.groups.findIndex(([a, b]) => previous.jsonEnd[b - 1] - previous.jsonStart[a] > MAX_GROUP_BYTES);
  if (large !== -1) [kept.first, kept.groups.length] = [kept.groups[large][0], large];
  // the previous files taken whole cost a kernel copy at most: worth it when half the rows stay
  if (lend !== undefined && 2 * kept.first >= previous.jsonStart.length && kept.first > 0) {
    await patchPrevious({dir, previous, rows, values, keys: SourceWriter.jsonKeys(columns), merged}, kept, await lend);
    return result;
  }
  // with `spare`, the same bytes go to a copy for the build cache, as SourceWriter writes one
  const handles = await Promise.all([csvFile, jsonFile, ...(spare ? [spare.csvFile, spare.jsonFile] : [])].map((file) => open(file, "w")));
  try {
    const csv = new ChunkedWriter(handles[0], undefined, handles[2], csvFile);
    const json = new ChunkedWriter(handles[1], undefined, handles[3], jsonFile);
    csv.add(header);
    json.add("[");
    await writeSpliced({previous, old: previous, base: 0, rows, values}, {csv, json}, SourceWriter.jsonKeys(columns), merged, 0);
    json.add(JSON_TAIL);
    await Promise.all([csv.flush(), json.flush()]);
  } finally {
    await Promise.all(handles.map((handle) => handle.close()));
  }
  return {...result, ...(spare ? {spare} : {})};
}

/** What patchPrevious writes: the rows (old row numbers, or -1 - m for row m, formatted from `values`) and their offsets. */
interface Patch {
  dir: string;
  previous: SourceData;
  rows: Int32Array;
  values: (row: number) => readonly string[];
  keys: readonly string[];
  merged: Offsets;
}

/**
 * The previous files moved (`spare`, when takeSpare takes it) or copied into `dir`, then: each group
 * of reordered rows written over its own bytes (the same rows, so the same length), and the rows from
 * `kept.first` on written after the kept ones, as append.ts writes rows placed among old ones.
 */
async function patchPrevious({dir, previous, rows, values, keys, merged}: Patch, kept: ReturnType<typeof placesKept>, spare?: SpareSource): Promise<void> {
  const csvFile = path.join(dir, "activity.csv");
  const jsonFile = path.join(dir, "activity.json");
  const {first} = kept;
  const taken = spare !== undefined && (await takeSpare(spare, previous, csvFile, jsonFile));
  if (!taken) await Promise.all([copyFile(previous.csvFile, csvFile), copyFile(previous.jsonFile, jsonFile)]);
  merged.csvStart.set(previous.csvStart.subarray(0, first + 1));
  merged.jsonStart.set(previous.jsonStart.subarray(0, first));
  merged.jsonEnd.set(previous.jsonEnd.subarray(0, first));
  const handles = await Promise.all([open(csvFile, "r+"), open(jsonFile, "r+"), open(previous.csvFile, "r"), open(previous.jsonFile, "r")]);
  const [csvHandle, jsonHandle] = handles;
  try {
    if (taken && spare.rows < first) {
      // the rows the spare lacks: bytes of the previous files, at the same offsets
      await copyInPlace(previous.csvFile, csvHandle, previous.csvStart[spare.rows], previous.csvStart[first]);
      await copyInPlace(previous.jsonFile, jsonHandle, jsonRowsEnd(previous.jsonEnd, spare.rows), jsonRowsEnd(previous.jsonEnd, first));
    }
    for (const [a, b] of kept.groups) await reorderInPlace(handles, previous, rows, merged, a, b);
    const csv = new ChunkedWriter(csvHandle, previous.csvStart[first], undefined, csvFile);
    const json = new ChunkedWriter(jsonHandle, jsonRowsEnd(previous.jsonEnd, first), undefined, jsonFile);
    await writeSpliced({previous, old: previous, base: 0, rows: rows.subarray(first), values}, {csv, json}, keys, merged, first);
    json.add(JSON_TAIL);
    await Promise.all([csv.flush(), json.flush()]);
    await Promise.all([csvHandle.truncate(csv.position), jsonHandle.truncate(json.position)]);
  } finally {
    await Promise.all(handles.map((handle) => handle.close()));
  }
}

/**
 * Rows [a, b), the previous rows [a, b) in the order `rows` gives, written over those rows' bytes
 * in both files (`handles`: csv and json to write, then the previous csv and json to read), with
 * their offsets. A group is one instant's rows: a few hundred bytes, read and written at once.
 */
async function reorderInPlace(handles: FileHandle[], previous: SourceData, rows: Int32Array, merged: Offsets, a: number, b: number): Promise<void> {
  const [csvHandle, jsonHandle, csvRead, jsonRead] = handles;
  const {csvStart, jsonStart, jsonEnd} = previous;
  const read = async (handle: FileHandle, start: number, end: number) => {
    const bytes = Buffer.allocUnsafe(end - start);
    const {bytesRead} = await handle.read(bytes, 0, bytes.length, start);
    if (bytesRead !== bytes.length) throw new Error(`bytes ${start} to ${end} are missing: the file is shorter than its offsets say`);
    return bytes;
  };
  const [csvOld, jsonOld] = await Promise.all([read(csvRead, csvStart[a], csvStart[b]), read(jsonRead, jsonStart[a], jsonEnd[b - 1])]);
  const csvNew = Buffer.allocUnsafe(csvOld.length);
  const jsonNew = Buffer.allocUnsafe(jsonOld.length);
  let csvAt = 0;
  let jsonAt = 0;
  for (let m = a; m < b; m++) {
    const old = rows[m];
    merged.csvStart[m] = csvStart[a] + csvAt;
    csvAt += csvOld.copy(csvNew, csvAt, csvStart[old] - csvStart[a], csvStart[old + 1] - csvStart[a]);
    merged.jsonStart[m] = jsonStart[a] + jsonAt;
    jsonAt += jsonOld.copy(jsonNew, jsonAt, jsonStart[old] - jsonStart[a], jsonEnd[old] - jsonStart[a]);
    merged.jsonEnd[m] = jsonStart[a] + jsonAt;
    if (m + 1 < b) jsonAt += jsonNew.write(",\n", jsonAt);
  }
  await Promise.all([csvHandle.write(csvNew, 0, csvNew.length, csvStart[a]), jsonHandle.write(jsonNew, 0, jsonNew.length, jsonStart[a])]);
}
