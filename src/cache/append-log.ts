/**
 * The incremental ingest: the cached log (build-cache.ts) plus what was appended to the inputs since,
 * parsed alone. It applies when the inputs are the cached files in the same order, unchanged (same
 * SHA-256) except the last one, which may have grown (its old bytes, checked by hash, are a prefix of
 * the new ones), followed by new files; and when the options that shape the parsed log are the
 * same. New rows older than the newest cached one (an unsorted log, late rows, a backfilled day) are
 * merged among the cached rows in the order a full read sorts them (merge-rows.ts). Then the result
 * is the one a full read gives, byte for byte; otherwise it says why not, and the build reads
 * everything again. Nothing here trusts the cache beyond what the hashes confirm. The inputs are the
 * build's snapshots (fingerprint.ts): a file is read, and recorded for the next build, up to the
 * size its snapshot found, so that rows appended meanwhile are the next build's to read.
 */
import {closeSync, openSync, readSync} from "node:fs";
import type {FileHandle} from "node:fs/promises";
import * as aq from "arquero";
import type {ColumnTable} from "arquero";
import {snapshotPrefixHash, type InputSnapshot} from "../fingerprint.js";
import {openSnapshot} from "../ingest/read-text.js";
import {rowsWithHash} from "./hash-index.js";
import {withRoom} from "./growable.js";
import {placesAmong, spliceRows} from "./merge-rows.js";
import {assertZone, LogReading, progress} from "../ingest/index.js";
import {fieldText} from "../ingest/json-value.js";
import {jsonRecord} from "../ingest/read-json.js";
import type {RowOrigins} from "../ingest/log-rows.js";
import type {ResumePoint} from "../ingest/raw-record.js";
import type {ActivityLog, InputFormat, IngestOptions} from "../ingest/types.js";
import {addPeriodKeys, CODED_COLUMNS, PERIOD_KEY_COLUMNS} from "../periods/add-period-keys.js";
import {CodedColumn} from "../ingest/coded-column.js";
import type {CachedFile, CachedLog} from "./build-cache.js";

/** The coded columns the cache keeps: the indicators', the title's and the period keys. */
export const CACHED_COLUMNS = [...CODED_COLUMNS, ...PERIOD_KEY_COLUMNS] as const;

export type AppendResult =
  | {
      mode: "append";
      log: ActivityLog;
      table: ColumnTable;
      /** the new accepted rows' values, in output column order and time order */
      newRows: string[][];
      /** for each new row, how many cached rows precede it in the merged log (merge-rows.ts placesAmong) */
      places: Int32Array;
      files: CachedFile[];
    }
  | {mode: "cold"; reason: string};

/**
 * Reads what was added to the inputs since the cached build: `inputs` are the build's snapshots of
 * the files of `options.inputs`. `log.table` holds `time` and the CACHED_COLUMNS (period keys
 * added); `newRows` are the new accepted rows' values in output column order and time order, for
 * appendSourceData, and `places` where they went among the cached rows.
 */
export async function appendToCachedLog(cache: CachedLog, options: IngestOptions, inputs: readonly InputSnapshot[]): Promise<AppendResult> {
  assertZone(options.timeZone);
  const {manifest} = cache;
  const toRead = await whatToRead(cache, options, inputs);
  if (typeof toRead === "string") return cold(toRead);
  const files = inputs.map((input) => input.path);
  const oldRows = oldRowReader(cache);
  try {
    const reading = new LogReading(
      files,
      options.timeZone,
      progress(
        toRead.map(({fileNumber}) => inputs[fileNumber]),
        options,
      ),
      {
        columnNames: manifest.columnNames,
        earlierDuplicate: (values, hash) => {
          const row = oldRows.find(values, hash);
          return row === -1 ? undefined : `${files[cache.rows.file[row]]}:${cache.rows.line[row]}`;
        },
      },
    );
    for (const {fileNumber, resume} of toRead) await reading.read(fileNumber, inputs[fileNumber].format, resume, inputs[fileNumber]);
    if (reading.columns.names.length > manifest.columnNames.length) {
      return cold(`a new column appeared (${reading.columns.names.slice(manifest.columnNames.length).join(", ")})`);
    }
    return await mergedLog(cache, options, inputs, toRead, reading.finish());
  } finally {
    oldRows.close();
  }
}

/** The inputs to read and where each starts (the last cached file where it ended), or why the cache cannot serve. */
async function whatToRead(cache: CachedLog, options: IngestOptions, inputs: readonly InputSnapshot[]): Promise<ToRead[] | string> {
  const {manifest} = cache;
  if (manifest.timeZone !== options.timeZone) return `the time zone changed (${manifest.timeZone} -> ${options.timeZone})`;
  if ((manifest.format ?? null) !== (options.format ?? null)) return "--format changed";
  const old = manifest.files;
  for (let i = 0; i < old.length; i++) {
    if (i >= inputs.length || inputs[i].path !== old[i].path) {
      return inputs.some((input) => input.path === old[i].path)
        ? `the input files are in another order (${old[i].path})`
        : `${old[i].path} is no longer an input`;
    }
    if (inputs[i].format !== old[i].format) return `${old[i].path} is read as another format`;
  }
  // which files to read, and from where
  const toRead: ToRead[] = [];
  for (const [i, cached] of old.entries()) {
    const {size} = inputs[i];
    if (size === cached.size && inputs[i].sha256 === cached.sha256) continue;
    const grown = size > cached.size && (await snapshotPrefixHash(inputs[i], cached.size)) === cached.sha256;
    if (!grown) return `${cached.path} changed`;
    if (i !== old.length - 1) return `${cached.path} grew, but later input files follow it`;
    if (!cached.resume)
      return `${cached.path} grew, but ${cached.format === "json" ? "a JSON array cannot be read from the middle" : "its last line had no newline"}`;
    toRead.push({fileNumber: i, resume: cached.resume});
  }
  for (let i = old.length; i < inputs.length; i++) toRead.push({fileNumber: i});

  return toRead;
}

/** An input file to read: its number among the inputs, and where a grown one resumes. */
interface ToRead {
  fileNumber: number;
  resume?: ResumePoint;
}

/** The cached log with the rows read since (`added`) merged into it, in a cold read's order. */
async function mergedLog(
  cache: CachedLog,
  options: IngestOptions,
  inputs: readonly InputSnapshot[],
  toRead: ToRead[],
  added: ActivityLog,
): Promise<AppendResult> {
  const {manifest} = cache;
  const old = manifest.files;
  const files = inputs.map((input) => input.path);
  const addedTime = added.table.array("time", Float64Array) as Float64Array;
  // rows older than the newest one read go among the cached rows (merge-rows.ts), in the cold order
  const places = placesAmong(cache.time, addedTime);
  const keyed = addPeriodKeys(added.table, options.timeZone);
  const table: Record<string, unknown> = {time: spliceRows(cache.time, addedTime, places)};
  for (const name of CACHED_COLUMNS) {
    const before = cache.coded[name];
    const after = keyed.columnNames().includes(name) ? (keyed.column(name) as CodedColumn) : undefined;
    if (before && after) table[name] = mergeCoded(before, after, places);
  }
  const merged = aq.table(table as Record<string, unknown[]>);
  return {
    mode: "append",
    table: merged,
    newRows: newRowValues(added),
    places,
    files: await fileStates(
      inputs,
      old,
      toRead.map(({fileNumber}) => fileNumber),
    ),
    log: {
      table: merged,
      rows: spliceOrigins(cache.rows, added.rows, places),
      columns: manifest.columns,
      columnNames: manifest.columnNames,
      rejects: [...cache.rejects, ...added.rejects],
      duplicates: [...cache.duplicates, ...added.duplicates],
      counts: {
        files: inputs.length,
        rows: manifest.counts.rows + added.counts.rows,
        accepted: manifest.counts.accepted + added.counts.accepted,
        rejected: manifest.counts.rejected + added.counts.rejected,
        duplicates: manifest.counts.duplicates + added.counts.duplicates,
      },
      files,
    },
  };
}

const cold = (reason: string): AppendResult => ({mode: "cold", reason});

/**
 * Finds a cached row equal to given values: the cached hash index leads to candidate rows, whose
 * values are read back from the cached activity.json (the rows exactly as read, every column).
 */
function oldRowReader(cache: CachedLog) {
  const {columnNames} = cache.manifest;
  const {jsonStart, jsonEnd} = cache.source;
  let fd = -1;
  // the row's values as ingest holds them (json-value.ts), compared as text as DuplicateIndex does
  const valuesOf = (row: number): Map<string, string> => {
    if (fd === -1) fd = openSync(cache.source.jsonFile, "r");
    const bytes = Buffer.alloc(jsonEnd[row] - jsonStart[row]);
    readSync(fd, bytes, 0, bytes.length, jsonStart[row]);
    const text = bytes.toString("utf8");
    const {names, values} = jsonRecord(JSON.parse(text), 0, text);
    return new Map(names.map((name, i) => [name, values[i]]));
  };
  const equal = (values: string[], row: number) => {
    const record = valuesOf(row);
    for (let c = 0; c < Math.max(values.length, columnNames.length); c++) {
      if (fieldText(values[c] ?? "") !== fieldText(record.get(columnNames[c]) ?? "")) return false;
    }
    return true;
  };
  return {
    find: (values: string[], hash: number) => rowsWithHash(cache.hashIndex, hash).find((row) => equal(values, row)) ?? -1,
    close: () => fd !== -1 && closeSync(fd),
  };
}

/** The new rows' values, in output column order, in time order. */
function newRowValues(added: ActivityLog): string[][] {
  const columns = added.columns.map((name) => added.table.getter(name));
  const rows: string[][] = new Array(added.table.numRows());
  for (let row = 0; row < rows.length; row++) rows[row] = columns.map((get) => String(get(row) ?? ""));
  return rows;
}

function spliceOrigins(a: RowOrigins, b: RowOrigins, places: Int32Array): RowOrigins {
  return {
    file: spliceRows(a.file, b.file, places),
    line: spliceRows(a.line, b.line, places),
    hash: spliceRows(a.hash, b.hash, places),
    hash2: spliceRows(a.hash2, b.hash2, places),
  };
}

/**
 * Two coded columns as one, with one sorted dictionary: codes keep meaning "the same string", and
 * code order stays string order (what add-period-keys.ts promises). `after`'s rows go after
 * `before`'s, or among them at `places` (merge-rows.ts placesAmong).
 */
export function mergeCoded(before: CodedColumn, after: CodedColumn, places?: Int32Array): CodedColumn {
  const known = new Set(before.dictionary);
  const fresh = after.dictionary.filter((value) => !known.has(value));
  const dictionary = fresh.length === 0 ? before.dictionary : [...before.dictionary, ...fresh].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const codeOf = new Map(dictionary.map((value, code) => [value, code]));
  const remap = (column: CodedColumn) => Int32Array.from(column.dictionary, (value) => codeOf.get(value)!);
  const beforeMap = remap(before);
  const identity = beforeMap.every((code, i) => code === i);
  // the old codes stay as they are unless a new value sorted among them (then they are renumbered
  // into a new array: the cached one is left as it was)
  let old = before.codes;
  if (!identity) {
    old = withRoom(Int32Array, before.length, after.length);
    for (let row = 0; row < before.length; row++) old[row] = beforeMap[before.codes[row]];
  }
  const afterMap = remap(after);
  const added = Int32Array.from(after.codes.subarray(0, after.length), (code) => afterMap[code]);
  return new CodedColumn(spliceRows(old, added, places ?? new Int32Array(after.length).fill(before.length)), dictionary);
}

/**
 * Each input's state for the next build: cached entries stay for files not read; a file read now
 * gets its snapshot's size, mtime and hash and where its reading ended.
 */
export async function fileStates(inputs: readonly InputSnapshot[], cached: readonly CachedFile[], read: readonly number[]): Promise<CachedFile[]> {
  const states: CachedFile[] = [];
  // one file at a time: a folder of a thousand daily files must not open them all at once
  for (const [i, input] of inputs.entries()) {
    states.push(i < cached.length && !read.includes(i) ? cached[i] : await fileState(input, i < cached.length ? (cached[i].resume ?? undefined) : undefined));
  }
  return states;
}

/** A file's state after reading its snapshot (from `from` on, when it was resumed): what the read covered. */
export async function fileState(input: InputSnapshot, from?: ResumePoint): Promise<CachedFile> {
  const handle = await openSnapshot(input);
  try {
    const {path, format, size, mtimeMs, sha256} = input;
    return {path, format, size, mtimeMs, sha256, resume: await resumePoint(handle, format, size, from)};
  } finally {
    await handle.close();
  }
}

/**
 * Where a later read can resume: the end of the file when it ends with a newline (a CSV or NDJSON
 * record boundary, since the read succeeded: an open quote at the end fails it), else null. JSON
 * arrays cannot be resumed: a grown array is a changed file.
 */
async function resumePoint(handle: FileHandle, format: InputFormat, size: number, from?: ResumePoint): Promise<ResumePoint | null> {
  if (format === "json" || size === 0) return null;
  const start = from?.start ?? 0;
  let line = from?.line ?? 1;
  const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(8 << 20, size - start)));
  let last = -1;
  for (let at = start; at < size;) {
    const {bytesRead} = await handle.read(buffer, 0, Math.min(buffer.length, size - at), at);
    if (bytesRead === 0) break;
    for (let i = buffer.indexOf(10); i !== -1 && i < bytesRead; i = buffer.indexOf(10, i + 1)) line++;
    last = buffer[bytesRead - 1];
    at += bytesRead;
  }
  if (last !== 10) return null;
  if (format === "ndjson") return {start: size, line};
  const header = from?.header ?? (await csvHeaderText(handle, size));
  return header === undefined ? null : {start: size, line, header};
}

/** A CSV file's header line with its newline (BOM and blank lines before it dropped), unless it holds quotes. */
async function csvHeaderText(handle: FileHandle, size: number): Promise<string | undefined> {
  const length = Math.min(size, 1 << 20);
  const {buffer, bytesRead} = await handle.read(Buffer.alloc(length), 0, length, 0);
  const text = buffer
    .subarray(0, bytesRead)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  const match = /^[\r\n]*([^\r\n]*\r?\n)/.exec(text);
  if (!match || match[1].includes('"')) return undefined;
  // the blank lines before the header count as lines: keep them so that line numbers stay right
  return match[0];
}
