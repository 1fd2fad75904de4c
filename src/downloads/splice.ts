/**
 * Whole-log files written mostly from the bytes of a previous build's: each row is either a row of
 * the previous files, whose bytes are copied as they are (runs of consecutive rows in one read), or a
 * new row, formatted. Rows read late (append.ts) and a log exported again (reuse.ts) both come to
 * this: formatting a million rows took ~9 s at 1M rows, copying their bytes a fraction of a second.
 * It does not decide where a row comes from, and writes only from a given row on.
 */
import {open, type FileHandle} from "node:fs/promises";
import {csvLine} from "./csv.js";
import {CHUNK_BYTES, jsonRecord, type ChunkedWriter, type SourceData} from "./whole-log.js";

/** Where each row lies in a pair of whole-log files (csvStart has one more entry: the end). */
export type Offsets = Pick<SourceData, "csvStart" | "jsonStart" | "jsonEnd">;

/** Where the rows written come from. */
export interface RowSources {
  /** the previous build's files */
  previous: Pick<SourceData, "csvFile" | "jsonFile">;
  /** where old row i lies in them: at index i - `base` of these arrays */
  old: Offsets;
  base: number;
  /** for each row written, in order: an old row's number, or -1 - r for the new row r */
  rows: Int32Array;
  /** the new row r's values, in the files' column order */
  values(r: number): readonly string[];
}

/**
 * Writes `sources.rows` with `csv` and `json` (positioned where row `first` goes), and fills their
 * offsets in `merged` from index `first` on. `keys`: SourceWriter.jsonKeys of the columns.
 */
export async function writeSpliced(
  sources: RowSources,
  {csv, json}: {csv: ChunkedWriter; json: ChunkedWriter},
  keys: readonly string[],
  merged: Offsets,
  first: number,
): Promise<void> {
  const {old, base, rows} = sources;
  const reading = rows.some((row) => row >= 0) ? await Promise.all([open(sources.previous.csvFile, "r"), open(sources.previous.jsonFile, "r")]) : [];
  try {
    let m = first;
    for (let k = 0; k < rows.length;) {
      json.add(m === 0 ? "\n" : ",\n");
      if (rows[k] < 0) {
        merged.csvStart[m] = csv.position;
        csv.add(csvLine(sources.values(-1 - rows[k])));
        merged.jsonStart[m] = json.position;
        json.add(jsonRecord(sources.values(-1 - rows[k]), keys));
        merged.jsonEnd[m++] = json.position;
        k++;
        if ((k & 1023) === 0) await Promise.all([csv.flushIfFull(), json.flushIfFull()]);
        continue;
      }
      // a run of consecutive old rows [a, b): their bytes as they were, their offsets moved
      const a = rows[k] - base;
      let b = a + 1;
      for (k++; k < rows.length && rows[k] === b + base; k++) b++;
      const csvShift = csv.position - old.csvStart[a];
      const jsonShift = json.position - old.jsonStart[a];
      for (let i = a; i < b; i++, m++) {
        merged.csvStart[m] = old.csvStart[i] + csvShift;
        merged.jsonStart[m] = old.jsonStart[i] + jsonShift;
        merged.jsonEnd[m] = old.jsonEnd[i] + jsonShift;
      }
      await copyThrough(reading[0], csv, old.csvStart[a], old.csvStart[b]);
      await copyThrough(reading[1], json, old.jsonStart[a], old.jsonEnd[b - 1]);
    }
    merged.csvStart[m] = csv.position;
  } finally {
    await Promise.all(reading.map((handle) => handle.close()));
  }
}

/** Adds bytes [start, end) of `source` to `writer`, a chunk at a time. */
async function copyThrough(source: FileHandle, writer: ChunkedWriter, start: number, end: number): Promise<void> {
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, end - start));
  for (let at = start; at < end;) {
    const {bytesRead} = await source.read(buffer, 0, Math.min(buffer.length, end - at), at);
    if (bytesRead === 0) throw new Error(`bytes ${at} to ${end} are missing: the file is shorter than its offsets say`);
    writer.addBytes(buffer.subarray(0, bytesRead));
    await writer.flushIfFull();
    at += bytesRead;
  }
}
