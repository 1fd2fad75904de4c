/**
 * The second core's share of a large CSV file: from a line start past the file's middle, a worker
 * thread reads records of the regular shape (csv-bytes.ts) into columns (log-rows.ts LogRows, codes
 * into the values it met), with each row's instant, hashes, line and byte offset, and stops at the
 * first record it cannot read that way. The reading thread, once it gets there itself (which proves
 * the start a record boundary, not a newline inside quotes), takes those rows in order
 * (index.ts LogReading): it alone judges duplicates, and a row the worker could not accept for sure
 * it reads again from the file. Does not decide anything the reading thread would not.
 */
import {isUtf8} from "node:buffer";
import {readSync} from "node:fs";
import {acceptedTime} from "./accept-row.js";
import {FieldSpans, Scan, scanRecord} from "./csv-bytes.js";
import {rowHashPairOfBytes} from "./deduplicate.js";
import {ColumnValues, NumberColumn, type ColumnSlice} from "./column-values.js";
import {startWorker} from "../workers.js";

/** What a part's worker is given. */
export interface PartTask {
  /** the file, open in the reading thread (file descriptors are the process's) */
  fd: number;
  /** a line start; the part ends at `stop` (the file's end, or its snapshot's) */
  start: number;
  stop: number;
  separator: number;
  fieldCount: number;
  /** column number -> field number, or -1 (index.ts) */
  fieldOf: Int32Array;
  timestamp: number;
  action: number;
  timeZone: string;
  readBytes: number;
  maxRecordBytes: number;
}

/** A part read: rows [0, count) in file order, then where the part ended. */
export interface PartRows {
  count: number;
  /** by column number */
  columns: ColumnSlice[];
  time: Float64Array;
  hash: Int32Array;
  hash2: Int32Array;
  /** lines from the part's start to the row's */
  line: Int32Array;
  /** byte offsets in the file: each row's start, then the part's end */
  offset: Float64Array;
  /** 1 for a row the worker could not accept for sure (read again, then judged as a string record) */
  unsure: Uint8Array;
  /** where the part ended (a record boundary) and the lines before it */
  end: number;
  lines: number;
}

/** Starts a worker reading `task`; resolves to its rows, or undefined if it failed. */
export function readPartInWorker(task: PartTask): {rows: Promise<PartRows | undefined>; stop: () => void} {
  const worker = startWorker(import.meta.url, "./read-csv-part-worker", task);
  const rows = new Promise<PartRows | undefined>((resolve) => {
    worker.once("message", (message: PartRows) => resolve(message));
    worker.once("error", () => resolve(undefined));
    worker.once("exit", () => resolve(undefined));
  });
  return {rows, stop: () => void worker.terminate()};
}

/** Reads the part (in the worker). */
export function readPart(task: PartTask): PartRows {
  const fields = new FieldSpans(task.fieldCount);
  const {fieldOf} = task;
  const columns = Array.from(fieldOf, () => new ColumnValues(0));
  const [time, hash, hash2] = [new NumberColumn(new Float64Array(1024)), new NumberColumn(new Int32Array(1024)), new NumberColumn(new Int32Array(1024))];
  const line: number[] = [];
  const offset: number[] = [];
  const unsure: number[] = [];
  let bytes = Buffer.allocUnsafe(task.readBytes);
  let position = task.start; // of bytes[0]
  let lines = 0;
  for (;;) {
    let filled = 0;
    let eof = false;
    while (filled < bytes.length && !eof) {
      const length = Math.min(bytes.length - filled, task.stop - position - filled);
      const read = length <= 0 ? 0 : readSync(task.fd, bytes, filled, length, position + filled);
      filled += read;
      eof = read === 0;
    }
    const end = filled === 0 ? 0 : bytes.lastIndexOf(10, filled - 1) + 1;
    const region = bytes.subarray(0, end);
    let at = 0;
    if (!region.includes(0) && isUtf8(region)) {
      while (at < end) {
        const next = scanRecord(bytes, at, end, task.separator, fields);
        if (next === Scan.incomplete || next === Scan.unknownEnd || !(fields.regular || fields.blank)) break;
        if (!fields.blank) {
          const instant = acceptedTime(bytes, fields, task.timestamp, task.action, task.timeZone);
          // a row not surely accepted is read again by the reading thread: its values here are ""
          const hashes = instant === undefined ? [0, 0] : rowHashPairOfBytes(bytes, fields, fieldOf);
          for (let c = 0; c < fieldOf.length; c++) {
            const f = fieldOf[c];
            if (f === -1 || instant === undefined) columns[c].push("");
            else columns[c].pushBytes(bytes, fields.starts[f], fields.ends[f], fields.flags[f]);
          }
          time.push(instant ?? 0);
          hash.push(hashes[0]);
          hash2.push(hashes[1]);
          line.push(lines);
          offset.push(position + at);
          unsure.push(instant === undefined ? 1 : 0);
        }
        lines += 1 + fields.newlines;
        at = next;
      }
    }
    const stopped = at < end || end === 0; // a record it cannot read, or none whole in the buffer
    position += at;
    if (stopped && (at > 0 || eof || bytes.length >= task.maxRecordBytes)) break;
    if (stopped) bytes = Buffer.allocUnsafe(bytes.length * 2);
  }
  const count = time.length;
  return {
    count,
    columns: columns.map((column) => column.slice(0, count, 0)),
    time: time.values(),
    hash: hash.values(),
    hash2: hash2.values(),
    line: Int32Array.from(line),
    offset: Float64Array.from([...offset, position]),
    unsure: Uint8Array.from(unsure),
    end: position,
    lines,
  };
}
