/**
 * The "See source data" files of every period, written without formatting a row twice.
 *
 * The log is sorted by time and every period is a contiguous range of rows, so each period's
 * activity.csv / activity.json body is a byte range of the whole log's files. The whole log is
 * formatted once (remembering where each row starts), then each period's file is the header plus a
 * copied byte range. A million-row log yields ~5 copies of every row across periods: copying bytes
 * costs a fraction of formatting them again.
 */
import {link, open, stat, type FileHandle} from "node:fs/promises";
import path from "node:path";
import type {ColumnTable} from "arquero";
import {csvLine} from "./downloads.js";
import type {DownloadInfo} from "./types.js";

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
}

const CHUNK_BYTES = 8 << 20;

/** Buffers text and writes it in large chunks, tracking the byte position. */
class ChunkedWriter {
  position = 0;
  private parts: string[] = [];
  private pending = 0;
  constructor(private readonly file: FileHandle) {}
  /** appends text and returns its byte length */
  add(text: string): number {
    const bytes = Buffer.byteLength(text);
    this.parts.push(text);
    this.pending += bytes;
    this.position += bytes;
    return bytes;
  }
  async flushIfFull(): Promise<void> {
    if (this.pending >= CHUNK_BYTES) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    await this.file.write(this.parts.join(""));
    this.parts = [];
    this.pending = 0;
  }
}

/**
 * Writes the whole log (every accepted row, every original column) as `dir`/activity.csv and
 * activity.json and returns where each row lies in them.
 */
export async function writeSourceData(dir: string, table: ColumnTable, columns: readonly string[]): Promise<SourceData> {
  const n = table.numRows();
  const data = columns.map((name) => table.array(name) as string[]);
  const keys = columns.map((name) => JSON.stringify(name) + ":");
  const csvFile = path.join(dir, "activity.csv");
  const jsonFile = path.join(dir, "activity.json");
  const csvStart = new Float64Array(n + 1);
  const jsonStart = new Float64Array(n);
  const jsonEnd = new Float64Array(n);
  const header = csvLine(columns);
  const [csvHandle, jsonHandle] = await Promise.all([open(csvFile, "w"), open(jsonFile, "w")]);
  try {
    const csv = new ChunkedWriter(csvHandle);
    const json = new ChunkedWriter(jsonHandle);
    csv.add(header);
    json.add("[");
    const values: string[] = new Array(columns.length);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < columns.length; c++) values[c] = data[c][i] ?? "";
      csvStart[i] = csv.position;
      csv.add(csvLine(values));
      let record = "{";
      for (let c = 0; c < columns.length; c++) record += (c === 0 ? "" : ",") + keys[c] + JSON.stringify(values[c]);
      json.add(i === 0 ? "\n" : ",\n");
      jsonStart[i] = json.position;
      json.add(record + "}");
      jsonEnd[i] = json.position;
      if ((i & 1023) === 0) await Promise.all([csv.flushIfFull(), json.flushIfFull()]);
    }
    csvStart[n] = csv.position;
    json.add("\n]\n");
    await Promise.all([csv.flush(), json.flush()]);
  } finally {
    await Promise.all([csvHandle.close(), jsonHandle.close()]);
  }
  return {csvFile, jsonFile, csvHeader: Buffer.from(header), csvStart, jsonStart, jsonEnd};
}

/** Copies bytes [start, end) of `source` to the end of `target`. */
async function copyRange(source: FileHandle, target: FileHandle, start: number, end: number): Promise<void> {
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(end - start, 1)));
  for (let at = start; at < end; ) {
    const {bytesRead} = await source.read(buffer, 0, Math.min(buffer.length, end - at), at);
    if (bytesRead === 0) break;
    await target.write(buffer, 0, bytesRead);
    at += bytesRead;
  }
}

async function writeSlice(sourceFile: string, targetFile: string, head: Buffer, start: number, end: number, tail: Buffer): Promise<number> {
  const [source, target] = await Promise.all([open(sourceFile, "r"), open(targetFile, "w")]);
  try {
    await target.write(head);
    await copyRange(source, target, start, end);
    await target.write(tail);
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
      : await writeSlice(source.jsonFile, path.join(dir, "activity.json"), Buffer.from("[\n"), source.jsonStart[lo], source.jsonEnd[hi - 1], Buffer.from("\n]\n"));
  return {csv: {href: "activity.csv", rows, bytes: csvBytes}, json: {href: "activity.json", rows, bytes: jsonBytes}};
}
