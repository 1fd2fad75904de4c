/**
 * The "See source data" files of every period, written without formatting a row twice.
 *
 * The log is sorted by time and every period is a contiguous range of rows, so each period's
 * activity.csv / activity.json body is a byte range of the whole log's files. The whole log is
 * formatted once (remembering where each row starts), then each period's file is the header plus a
 * copied byte range. A million-row log yields ~5 copies of every row across periods: copying bytes
 * costs a fraction of formatting them again.
 *
 * This module writes the whole log's files (SourceWriter, writeSourceData); append.ts extends a
 * previous build's, period-files.ts copies each period's range out of them, and source-stream.ts
 * writes them on a worker while the log is read. stage.ts is what the build calls.
 */
import {open, type FileHandle} from "node:fs/promises";
import path from "node:path";
import type {ColumnTable} from "arquero";
import {csvLine} from "./csv.js";
import {fieldJson} from "../ingest/json-value.js";
import {grow} from "../cache/growable.js";
import {stringColumn} from "../periods/rows-in-period.js";
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

export const CHUNK_BYTES = 8 << 20;

/**
 * Memory this process has not touched yet is costly here: each fresh 8 MiB buffer cost ~40 ms of page
 * faults on the project's machine, more than writing it. Writers and copies reuse their buffers.
 */
const SCRATCH_BYTES = 2 * CHUNK_BYTES;

/**
 * Encodes text straight into one reused buffer and writes it when full, tracking the byte position:
 * no joined string and no fresh buffer per chunk (joining then encoding 200 MB cost 2 s of the 3).
 */
export class ChunkedWriter {
  position = 0;
  private used = 0;
  private written = 0;
  private readonly scratch = Buffer.allocUnsafe(SCRATCH_BYTES);
  /**
   * writes go to the file's end, or from `start` on (positioned writes); with `twin`, the same bytes
   * go to it too (the build cache's spare copy); `name`: the file's path, for a write's error
   */
  constructor(
    private readonly file: FileHandle,
    private readonly start?: number,
    private readonly twin?: FileHandle,
    private readonly name?: string,
  ) {
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
  /** appends bytes as they are (e.g. rows copied out of another whole-log file); `bytes` may be reused after the call */
  addBytes(bytes: Uint8Array): void {
    if (this.overflow.length > 0 || this.used + bytes.length > this.scratch.length) this.overflow.push(Buffer.from(bytes));
    else {
      this.scratch.set(bytes, this.used);
      this.used += bytes.length;
    }
    this.position += bytes.length;
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
 * activity.json and returns where each row lies in them; with `spare`, a copy of both there too.
 */
export async function writeSourceData(dir: string, table: ColumnTable, columns: readonly string[], spare?: WholeLogFiles): Promise<SourceData> {
  const n = table.numRows();
  const data = columns.map((name) => stringColumn(table, name));
  const keys = SourceWriter.jsonKeys(columns);
  const writer = await SourceWriter.open(dir, columns, n, spare);
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
  return {...(await writer.finish()), ...(spare ? {spare} : {})};
}

/** What ends the whole-log activity.json after its last row. */
export const JSON_TAIL = "\n]\n";

/** Where the first `rows` rows end in the whole-log activity.json (after its "[" when there are none). */
export const jsonRowsEnd = (jsonEnd: Float64Array, rows: number): number => (rows === 0 ? 1 : jsonEnd[rows - 1]);

/**
 * One row of activity.json, e.g. {"timestamp":"2025-03-01T10:00:00Z","action":"edit_dataset"}: each
 * value as the log wrote it (json-value.ts fieldJson: a string quoted, a number or null as written).
 */
export const jsonRecord = (values: readonly string[], keys: readonly string[]): string => jsonRecordOf(values.map(fieldJson), keys);

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
