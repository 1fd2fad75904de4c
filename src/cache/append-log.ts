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
import * as aq from "arquero";
import type {ColumnTable} from "arquero";
import {snapshotPrefixHash, type InputSnapshot} from "../fingerprint.js";
import {rowsWithHash} from "./hash-index.js";
import {KnownRows} from "./known-rows.js";
import {withRoom} from "./growable.js";
import {placesAmong, spliceRows} from "./merge-rows.js";
import {assertZone, LogReading, progress} from "../ingest/index.js";
import {ColumnIndex} from "../ingest/accept-row.js";
import {fieldText} from "../ingest/json-value.js";
import {jsonRecord} from "../ingest/read-json.js";
import type {RowOrigins} from "../ingest/log-rows.js";
import type {ResumePoint} from "../ingest/raw-record.js";
import type {ActivityLog, IngestOptions} from "../ingest/types.js";
import {fileStates} from "./file-states.js";
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
      /** the only input was read again whole (readReexport): why, and how many of its rows the cache had */
      reexport?: {reason: string; known: number};
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
  if ("replaced" in toRead) return readReexport(cache, options, inputs[0], toRead.replaced);
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
    return await mergedLog(
      cache,
      options,
      inputs,
      toRead.map(({fileNumber}) => fileNumber),
      reading.finish(),
    );
  } finally {
    oldRows.close();
  }
}

/** The inputs to read and where each starts (the last cached file where it ended), or why the cache cannot serve. */
async function whatToRead(cache: CachedLog, options: IngestOptions, inputs: readonly InputSnapshot[]): Promise<ToRead[] | Replaced | string> {
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
    if (!grown) return reexported(cache, inputs) ? {replaced: cached} : `${cached.path} changed`;
    if (i !== old.length - 1) return `${cached.path} grew, but later input files follow it`;
    if (!cached.resume)
      return `${cached.path} grew, but ${cached.format === "json" ? "a JSON array cannot be read from the middle" : "its last line had no newline"}`;
    toRead.push({fileNumber: i, resume: cached.resume});
  }
  for (let i = old.length; i < inputs.length; i++) toRead.push({fileNumber: i});

  return toRead;
}

/** The one input changed other than by growing: read again, its known rows taken from the cache (readReexport). */
interface Replaced {
  replaced: CachedFile;
}

/** Whether a changed input can be read as an export of the cached rows again: it is the only input, as it was. */
const reexported = (cache: CachedLog, inputs: readonly InputSnapshot[]): boolean => inputs.length === 1 && cache.manifest.files.length === 1;

/** An input file to read: its number among the inputs, and where a grown one resumes. */
interface ToRead {
  fileNumber: number;
  resume?: ResumePoint;
}

/**
 * The only input read again whole (a nightly full export: yesterday's rows in another order, with
 * new ones among them): a row with a cached row's hashes is that row (known-rows.ts), given its new
 * line and not parsed further; the others are read as an append's new rows (rejects, duplicates of
 * rows read before them, new rows). Rows are in the same order whatever the file's (ingest/log-rows.ts
 * RowKeys, with hashes that walk the columns by name), so the result is the one a full read gives,
 * provided the file has the cached columns, which a full read would write out in the same order
 * (ColumnIndex.outputOrder: the log's fields first, then the others in the order the file gives
 * them). Read whole instead when it does not, or when a cached row is missing from the file.
 */
async function readReexport(cache: CachedLog, options: IngestOptions, input: InputSnapshot, cached: CachedFile): Promise<AppendResult> {
  const known = new KnownRows(cache);
  const lines = Int32Array.from(cache.rows.line);
  const oldRows = oldRowReader(cache);
  let heldOtherwise = false;
  try {
    const reading = new LogReading([input.path], options.timeZone, progress([input], options), {
      columnNames: cache.manifest.columnNames,
      known: (hash, hash2, line) => {
        const row = known.take(hash, hash2);
        if (row !== -1) lines[row] = line;
        return row !== -1;
      },
      // a row of a cached row's values: a duplicate of the row that took that cached row, read before it;
      // unless that cached row is not taken yet: the same text held otherwise (a JSON null, a key left
      // out), which a full read would keep as the first of the two
      earlierDuplicate: (values, hash) => {
        const row = oldRows.find(values, hash);
        if (row !== -1 && known.taken[row] === 0) heldOtherwise = true;
        return row === -1 ? undefined : `${input.path}:${lines[row]}`;
      },
    });
    await reading.read(0, input.format, undefined, input);
    if (!sameColumns(reading.metColumns, cache.manifest)) return cold(`${cached.path} changed, and its columns with it`);
    if (heldOtherwise) return cold(`${cached.path} changed: a row read before comes after a row of the same text written otherwise`);
    if (known.found < cache.rows.hash.length) return cold(`${cached.path} changed: ${cache.rows.hash.length - known.found} rows read before are not in it`);
    const merged = await mergedLog(cache, options, [input], [0], reading.finish(), {lines, rowCount: reading.rowCount});
    return merged.mode === "append" ? {...merged, reexport: {reason: `${cached.path} changed`, known: known.found}} : merged;
  } finally {
    oldRows.close();
  }
}

/** Whether columns met in this order (LogReading.metColumns) are the cached ones, written out in the cached order. */
function sameColumns(met: readonly string[], manifest: CachedLog["manifest"]): boolean {
  const index = new ColumnIndex();
  for (const name of met) index.numberOf(name);
  const sorted = (names: readonly string[]) => JSON.stringify([...names].sort());
  return sorted(met) === sorted(manifest.columnNames) && JSON.stringify(index.outputOrder()) === JSON.stringify(manifest.columns);
}

/**
 * The cached log with the rows read since (`added`, from the inputs numbered `read`) merged into it,
 * in a cold read's order. `reread`: the only input was read again whole (readReexport), so the
 * cached rows have new lines, and the rejects and duplicates are this read's alone.
 */
async function mergedLog(
  cache: CachedLog,
  options: IngestOptions,
  inputs: readonly InputSnapshot[],
  read: number[],
  added: ActivityLog,
  reread?: {lines: Int32Array; rowCount: number},
): Promise<AppendResult> {
  const {manifest} = cache;
  const files = inputs.map((input) => input.path);
  const addedTime = added.table.array("time", Float64Array) as Float64Array;
  // rows that do not come last go among the cached rows (merge-rows.ts), in the cold order
  const places = placesAmong(
    {time: cache.time, hash: cache.rows.hash, hash2: cache.rows.hash2},
    {time: addedTime, hash: added.rows.hash, hash2: added.rows.hash2},
  );
  const keyed = addPeriodKeys(added.table, options.timeZone);
  const table: Record<string, unknown> = {time: spliceRows(cache.time, addedTime, places)};
  for (const name of CACHED_COLUMNS) {
    const before = cache.coded[name];
    const after = keyed.columnNames().includes(name) ? (keyed.column(name) as CodedColumn) : undefined;
    if (before && after) table[name] = mergeCoded(before, after, places);
  }
  const merged = aq.table(table as Record<string, unknown[]>);
  const rejects = reread ? added.rejects : [...cache.rejects, ...added.rejects];
  const duplicates = reread ? added.duplicates : [...cache.duplicates, ...added.duplicates];
  const accepted = manifest.counts.accepted + added.counts.accepted;
  return {
    mode: "append",
    table: merged,
    newRows: newRowValues(added),
    places,
    files: await fileStates(inputs, manifest.files, read),
    log: {
      table: merged,
      rows: spliceOrigins(reread ? {...cache.rows, line: reread.lines} : cache.rows, added.rows, places),
      columns: manifest.columns,
      columnNames: manifest.columnNames,
      rejects,
      duplicates,
      counts: {
        files: inputs.length,
        rows: reread ? reread.rowCount : manifest.counts.rows + added.counts.rows,
        accepted,
        rejected: rejects.length,
        duplicates: duplicates.length,
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
