/**
 * The "See source data" files of every period, written without formatting a row twice.
 *
 * The log is sorted by time and every period is a contiguous range of rows, so each period's
 * activity.csv / activity.json body is a byte range of the whole log's files. The whole log is
 * formatted once (remembering where each row starts), then each period's file is the header plus a
 * copied byte range. A million-row log yields ~5 copies of every row across periods: copying bytes
 * costs a fraction of formatting them again.
 */
import {copyFile, link, mkdir, open, rename, stat, type FileHandle} from "node:fs/promises";
import path from "node:path";
import type {ColumnTable} from "arquero";
import {csvLine} from "./downloads.js";
import {fieldJson} from "../ingest/json-value.js";
import {grow} from "../cache/growable.js";
import {stringColumn} from "../periods/rows-in-period.js";
import type {DownloadInfo} from "./types.js";
import {withPath} from "../errors.js";

/** A pair of whole-log files: activity.csv and activity.json, or copies of them. */
export interface WholeLogFiles {
  csvFile: string;
  jsonFile: string;
}

/** Byte offsets of every row in the whole-log files. */
export interface SourceData {
  csvFile: string;
  jsonFile: string;
  csvHeader: Buffer;
  /** csvStart[i]: offset of row i's line; csvStart[n]: end of the last line */
  csvStart: Float64Array;
  /** offset of row i's "{" and of the byte after its "}" */
  jsonStart: Float64Array;
  jsonEnd: Float64Array;
  /** a second copy of both files, written alongside them for the build cache (source-stream.ts) */
  spare?: WholeLogFiles;
}

const CHUNK_BYTES = 8 << 20;

/**
 * Memory this process has not touched yet is costly here: each fresh 8 MiB buffer cost ~40 ms of page
 * faults on the project's machine, more than writing it. Writers and copies reuse their buffers.
 */
const SCRATCH_BYTES = 2 * CHUNK_BYTES;

/**
 * Encodes text straight into one reused buffer and writes it when full, tracking the byte position:
 * no joined string and no fresh buffer per chunk (joining then encoding 200 MB cost 2 s of the 3).
 */
class ChunkedWriter {
  position = 0;
  private used = 0;
  private written = 0;
  private readonly scratch = Buffer.allocUnsafe(SCRATCH_BYTES);
  /**
   * writes go to the file's end, or from `start` on (positioned writes); with `twin`, the same bytes
   * go to it too (the build cache's spare copy); `name`: the file's path, for a write's error
   */
  constructor(private readonly file: FileHandle, private readonly start?: number, private readonly twin?: FileHandle, private readonly name?: string) {
    if (start !== undefined) this.position = start;
  }
  /** appends text and returns its byte length (written at the next flush) */
  add(text: string): number {
    // a UTF-16 code unit takes at most 3 bytes in UTF-8; past the buffer, text waits in order as
    // buffers of its own (only when rows are huge or flushIfFull is not called for long)
    if (this.overflow.length > 0 || this.used + text.length * 3 > this.scratch.length) {
      const bytes = Buffer.from(text);
      this.overflow.push(bytes);
      this.position += bytes.length;
      return bytes.length;
    }
    const bytes = this.scratch.write(text, this.used);
    this.used += bytes;
    this.position += bytes;
    return bytes;
  }
  private overflow: Buffer[] = [];
  async flushIfFull(): Promise<void> {
    if (this.used >= CHUNK_BYTES || this.overflow.length > 0) await this.flush();
  }
  async flush(): Promise<void> {
    await this.write(this.scratch.subarray(0, this.used));
    this.used = 0;
    for (const bytes of this.overflow.splice(0)) await this.write(bytes);
  }
  private async write(bytes: Buffer): Promise<void> {
    if (bytes.length === 0) return;
    const at = this.start === undefined ? null : this.start + this.written;
    await Promise.all([this.file.write(bytes, 0, bytes.length, at), this.twin?.write(bytes, 0, bytes.length, at)]).catch((error) => {
      throw this.name === undefined ? error : withPath(error, this.name);
    });
    this.written += bytes.length;
  }
}

/**
 * Writes the whole-log files row by row, remembering where each row starts: writeSourceData feeds it
 * the rows of a table, source-stream.ts the rows as they are read. Each row comes already formatted
 * (csvLine, jsonRecord), so that a caller may format a repeated value once.
 */
export class SourceWriter {
  #rows = 0;
  #csvStart: Float64Array;
  #jsonStart: Float64Array;
  #jsonEnd: Float64Array;
  readonly #csv: ChunkedWriter;
  readonly #json: ChunkedWriter;

  private constructor(
    readonly csvFile: string,
    readonly jsonFile: string,
    private readonly handles: FileHandle[],
    private readonly header: string,
    rows: number,
  ) {
    this.#csvStart = new Float64Array(rows + 1);
    this.#jsonStart = new Float64Array(rows + 1);
    this.#jsonEnd = new Float64Array(rows + 1);
    this.#csv = new ChunkedWriter(handles[0], undefined, handles[2], csvFile);
    this.#json = new ChunkedWriter(handles[1], undefined, handles[3], jsonFile);
    this.#csv.add(header);
    this.#json.add("[");
  }

  /**
   * Creates (or empties) `dir`/activity.csv and activity.json for a log of these columns (of about
   * `rows` rows). With `spare`, writes the same bytes to those two files too.
   */
  static async open(dir: string, columns: readonly string[], rows = 4096, spare?: WholeLogFiles): Promise<SourceWriter> {
    const csvFile = path.join(dir, "activity.csv");
    const jsonFile = path.join(dir, "activity.json");
    const files = [csvFile, jsonFile, ...(spare ? [spare.csvFile, spare.jsonFile] : [])];
    const handles = await Promise.all(files.map((file) => open(file, "w")));
    return new SourceWriter(csvFile, jsonFile, handles, csvLine(columns), rows);
  }

  /** Each column's `"name":` as jsonRecord writes it. */
  static jsonKeys = (columns: readonly string[]): string[] => columns.map((name) => JSON.stringify(name) + ":");

  /** Adds the next row: its CSV line and its JSON record (csvLine, jsonRecord). Written at a flush. */
  add(line: string, record: string): void {
    const i = this.#rows++;
    if (i + 1 >= this.#csvStart.length) {
      // twice the room (a copy: these arrays come from no withRoom)
      this.#csvStart = grow(this.#csvStart, this.#csvStart.length);
      this.#jsonStart = grow(this.#jsonStart, this.#jsonStart.length);
      this.#jsonEnd = grow(this.#jsonEnd, this.#jsonEnd.length);
    }
    this.#csvStart[i] = this.#csv.position;
    this.#csv.add(line);
    this.#json.add(i === 0 ? "\n" : ",\n");
    this.#jsonStart[i] = this.#json.position;
    this.#json.add(record);
    this.#jsonEnd[i] = this.#json.position;
  }

  /** Writes what was added once a chunk's worth has gathered: call it every thousand rows or so. */
  async flushIfFull(): Promise<void> {
    await Promise.all([this.#csv.flushIfFull(), this.#json.flushIfFull()]);
  }

  /** Writes the rest, closes the files and returns where each row lies in them. */
  async finish(): Promise<SourceData> {
    const n = this.#rows;
    this.#csvStart[n] = this.#csv.position;
    this.#json.add(JSON_TAIL);
    try {
      await Promise.all([this.#csv.flush(), this.#json.flush()]);
    } finally {
      await this.close();
    }
    return {
      csvFile: this.csvFile,
      jsonFile: this.jsonFile,
      csvHeader: Buffer.from(this.header),
      // views from offset 0, as the cache writes them (build-cache.ts)
      csvStart: this.#csvStart.subarray(0, n + 1),
      jsonStart: this.#jsonStart.subarray(0, n),
      jsonEnd: this.#jsonEnd.subarray(0, n),
    };
  }

  /** Closes the files (after a failure: what was written stays, incomplete). */
  async close(): Promise<void> {
    await Promise.all(this.handles.map((handle) => handle.close()));
  }
}

/**
 * Writes the whole log (every accepted row, every original column) as `dir`/activity.csv and
 * activity.json and returns where each row lies in them.
 */
export async function writeSourceData(dir: string, table: ColumnTable, columns: readonly string[]): Promise<SourceData> {
  const n = table.numRows();
  const data = columns.map((name) => stringColumn(table, name));
  const keys = SourceWriter.jsonKeys(columns);
  const writer = await SourceWriter.open(dir, columns, n);
  try {
    const values: string[] = new Array(columns.length);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < columns.length; c++) values[c] = data[c][i] ?? "";
      writer.add(csvLine(values), jsonRecord(values, keys));
      if ((i & 1023) === 0) await writer.flushIfFull();
    }
  } catch (error) {
    await writer.close();
    throw error;
  }
  return writer.finish();
}

/** What ends the whole-log activity.json after its last row. */
export const JSON_TAIL = "\n]\n";

/** Where the first `rows` rows end in the whole-log activity.json (after its "[" when there are none). */
export const jsonRowsEnd = (jsonEnd: Float64Array, rows: number): number => (rows === 0 ? 1 : jsonEnd[rows - 1]);

/**
 * One row of activity.json, e.g. {"timestamp":"2025-03-01T10:00:00Z","action":"edit_dataset"}: each
 * value as the log wrote it (json-value.ts fieldJson: a string quoted, a number or null as written).
 */
const jsonRecord = (values: readonly string[], keys: readonly string[]): string => jsonRecordOf(values.map(fieldJson), keys);

/** jsonRecord from each value's JSON text (fieldJson of the value), e.g. for values formatted once. */
export function jsonRecordOf(jsonValues: readonly string[], keys: readonly string[]): string {
  let record = "{";
  for (let c = 0; c < keys.length; c++) record += (c === 0 ? "" : ",") + keys[c] + jsonValues[c];
  return record + "}";
}

/**
 * Whole-log files of an earlier build than `previous`, whose first `rows` rows are `previous`'s
 * first rows (the build cache keeps them: CacheParts.spare).
 */
export interface SpareSource extends WholeLogFiles {
  rows: number;
}

/**
 * The whole log's files of a previous build, with rows added at the end: only the new rows are
 * formatted. The old bytes come from `spare` when it can be taken (see takeSpare): it is moved into
 * `dir` and extended by the rows it lacks, copied from `previous`'s files; else they are copied by
 * the kernel (copy_file_range) from `previous`'s files. Gives the bytes writeSourceData would give
 * for all the rows, when every new row sorts after every old one. `rows` are values in `columns`
 * order, the columns of the previous files.
 */
export async function appendSourceData(dir: string, previous: SourceData, columns: readonly string[], rows: readonly (readonly string[])[], spare?: SpareSource): Promise<SourceData> {
  const n = previous.jsonStart.length;
  const csvFile = path.join(dir, "activity.csv");
  const jsonFile = path.join(dir, "activity.json");
  const jsonEndOf = (rows: number) => jsonRowsEnd(previous.jsonEnd, rows);
  const taken = spare !== undefined && (await takeSpare(spare, previous, csvFile, jsonFile));
  if (!taken) await Promise.all([copyFile(previous.csvFile, csvFile), copyFile(previous.jsonFile, jsonFile)]);
  // the cached offsets, grown in place when they have room (cache/growable.ts)
  const csvStart = grow(previous.csvStart, rows.length);
  const jsonStart = grow(previous.jsonStart, rows.length);
  const jsonEnd = grow(previous.jsonEnd, rows.length);
  const keys = SourceWriter.jsonKeys(columns);
  const [csvHandle, jsonHandle] = await Promise.all([open(csvFile, "r+"), open(jsonFile, "r+")]);
  try {
    if (taken) {
      // the rows the spare lacks: bytes of the previous files, at the same offsets
      await copyInPlace(previous.csvFile, csvHandle, previous.csvStart[spare.rows], previous.csvStart[n]);
      await copyInPlace(previous.jsonFile, jsonHandle, jsonEndOf(spare.rows), jsonEndOf(n));
    }
    const csv = new ChunkedWriter(csvHandle, previous.csvStart[n], undefined, csvFile);
    const json = new ChunkedWriter(jsonHandle, jsonEndOf(n), undefined, jsonFile);
    for (let r = 0; r < rows.length; r++) {
      const i = n + r;
      csvStart[i] = csv.position;
      csv.add(csvLine(rows[r]));
      json.add(i === 0 ? "\n" : ",\n");
      jsonStart[i] = json.position;
      json.add(jsonRecord(rows[r], keys));
      jsonEnd[i] = json.position;
    }
    csvStart[n + rows.length] = csv.position;
    json.add(JSON_TAIL);
    await Promise.all([csv.flush(), json.flush()]);
    await Promise.all([csvHandle.truncate(csv.position), jsonHandle.truncate(json.position)]);
  } finally {
    await Promise.all([csvHandle.close(), jsonHandle.close()]);
  }
  return {csvFile, jsonFile, csvHeader: previous.csvHeader, csvStart, jsonStart, jsonEnd};
}

/** bytes compared at the end of a spare's old rows, against the same bytes of the previous files */
const SPARE_CHECK_BYTES = 64 << 10;

/**
 * Moves the spare files to `csvFile` and `jsonFile` when they are what the cache says: files with one
 * link only (no report, the published or `<out>.previous`, still shows them), of the size of the
 * spare's rows, whose last 64 KiB of rows are the previous files' bytes at the same place. False,
 * touching nothing, otherwise: then the caller copies.
 */
async function takeSpare(spare: SpareSource, previous: SourceData, csvFile: string, jsonFile: string): Promise<boolean> {
  const k = spare.rows;
  const csvEnd = previous.csvStart[k];
  const jsonEnd = jsonRowsEnd(previous.jsonEnd, k);
  const fits = async (file: string, size: number, against: string, end: number) => {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile() || info.nlink !== 1 || info.size !== size) return false;
    const start = Math.max(0, end - SPARE_CHECK_BYTES);
    const [mine, theirs] = await Promise.all([readRange(file, start, end), readRange(against, start, end)]);
    return mine.equals(theirs);
  };
  if (!(await fits(spare.csvFile, csvEnd, previous.csvFile, csvEnd)) || !(await fits(spare.jsonFile, jsonEnd + JSON_TAIL.length, previous.jsonFile, jsonEnd))) return false;
  // a cache on another file system cannot lend its files: copy then
  if (!(await rename(spare.csvFile, csvFile).then(() => true, () => false))) return false;
  if (await rename(spare.jsonFile, jsonFile).then(() => true, () => false)) return true;
  await rename(csvFile, spare.csvFile).catch(() => {});
  return false;
}

async function readRange(file: string, start: number, end: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const bytes = Buffer.alloc(end - start);
    const {bytesRead} = await handle.read(bytes, 0, bytes.length, start);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Writes bytes [start, end) of file `source` into `target` at the same offsets. */
async function copyInPlace(source: string, target: FileHandle, start: number, end: number): Promise<void> {
  const from = await open(source, "r");
  try {
    await copyRange(from, target, start, end, start);
  } finally {
    await from.close();
  }
}

/** The sizes of rows [lo, hi)'s activity.csv and activity.json, without writing them. */
export function periodDownloads(source: SourceData, lo: number, hi: number): {csv: DownloadInfo; json: DownloadInfo} {
  const rows = hi - lo;
  const csvBytes = source.csvHeader.length + source.csvStart[hi] - source.csvStart[lo];
  const jsonBytes = rows === 0 ? 4 : 2 + source.jsonEnd[hi - 1] - source.jsonStart[lo] + 3;
  return {csv: {href: "activity.csv", rows, bytes: csvBytes}, json: {href: "activity.json", rows, bytes: jsonBytes}};
}

/** copy buffers not in use: as many are made as copies ever ran at once, and reused by later copies */
const copyBuffers: Buffer[] = [];

/** Copies bytes [start, end) of `source` to `target`: at its current end, or from offset `at` on. */
async function copyRange(source: FileHandle, target: FileHandle, start: number, end: number, at?: number): Promise<void> {
  const buffer = copyBuffers.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    await copyWith(buffer, source, target, start, end, at);
  } finally {
    copyBuffers.push(buffer);
  }
}

async function copyWith(buffer: Buffer, source: FileHandle, target: FileHandle, start: number, end: number, to?: number): Promise<void> {
  for (let at = start; at < end; ) {
    const {bytesRead} = await source.read(buffer, 0, Math.min(buffer.length, end - at), at);
    if (bytesRead === 0) throw new Error(`bytes ${at} to ${end} are missing: the file is shorter than its offsets say`);
    await target.write(buffer, 0, bytesRead, to === undefined ? null : to + (at - start));
    at += bytesRead;
  }
}

async function writeSlice(sourceFile: string, targetFile: string, head: Buffer, start: number, end: number, tail: Buffer): Promise<number> {
  const [source, target] = await Promise.all([open(sourceFile, "r"), open(targetFile, "w")]);
  try {
    await target.write(head);
    await copyRange(source, target, start, end);
    await target.write(tail);
  } catch (error) {
    throw withPath(error, targetFile);
  } finally {
    await Promise.all([source.close(), target.close()]);
  }
  return head.length + (end - start) + tail.length;
}

const EMPTY = Buffer.alloc(0);

/**
 * Writes rows [lo, hi) as `dir`/activity.csv and activity.json, copied from the whole-log files; a
 * period holding every row (all time) gets hard links to them instead of a copy.
 */
export async function writePeriodSourceData(dir: string, source: SourceData, lo: number, hi: number): Promise<{csv: DownloadInfo; json: DownloadInfo}> {
  const rows = hi - lo;
  if (lo === 0 && hi === source.jsonStart.length && rows > 0) {
    const [csv, json] = await Promise.all(
      [source.csvFile, source.jsonFile].map(async (file) => {
        const target = path.join(dir, path.basename(file));
        await link(file, target);
        return (await stat(target)).size;
      }),
    );
    return {csv: {href: "activity.csv", rows, bytes: csv}, json: {href: "activity.json", rows, bytes: json}};
  }
  const csvBytes = await writeSlice(source.csvFile, path.join(dir, "activity.csv"), source.csvHeader, source.csvStart[lo], source.csvStart[hi], EMPTY);
  const jsonBytes =
    rows === 0
      ? await writeSlice(source.jsonFile, path.join(dir, "activity.json"), Buffer.from("[\n]\n"), 0, 0, EMPTY)
      : await writeSlice(source.jsonFile, path.join(dir, "activity.json"), Buffer.from("[\n"), source.jsonStart[lo], source.jsonEnd[hi - 1], Buffer.from(JSON_TAIL));
  return {csv: {href: "activity.csv", rows, bytes: csvBytes}, json: {href: "activity.json", rows, bytes: jsonBytes}};
}

/** One period's downloads to write: its folder and its rows [lo, hi) of the whole log. */
export interface PeriodRows {
  dir: string;
  lo: number;
  hi: number;
}

/**
 * Writes each period's downloads (writePeriodSourceData, its folder made first), `lanes` periods at
 * a time, in order. After a failure no further period starts, and the promise rejects with the
 * first error once the copies under way have ended: nothing writes into the folders after it
 * settles, so the caller may remove them.
 */
export async function writePeriodsSourceData(source: SourceData, periods: readonly PeriodRows[], lanes: number): Promise<void> {
  const todo = [...periods];
  let failed = false;
  const lane = async () => {
    for (let next = todo.shift(); next !== undefined && !failed; next = todo.shift()) {
      try {
        await mkdir(next.dir, {recursive: true});
        await writePeriodSourceData(next.dir, source, next.lo, next.hi);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({length: Math.max(1, lanes)}, lane));
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failure !== undefined) throw failure.reason;
}
