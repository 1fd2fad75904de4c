/**
 * The cached log with rows read since merged into it (append-log.ts, read-again.ts): the merged
 * table, the rows' origins, rejects, duplicates, counts and file states, in a cold read's order;
 * and finding a cached row by its values. It decides nothing: its callers know what to read.
 */
import {closeSync, openSync, readSync} from "node:fs";
import * as aq from "arquero";
import type {ColumnTable} from "arquero";
import type {InputSnapshot} from "../fingerprint.js";
import {rowsWithHash} from "./hash-index.js";
import {withRoom} from "./growable.js";
import {placesAmong, spliceRows} from "./merge-rows.js";
import {fieldText} from "../ingest/json-value.js";
import {LogReading, progress, type LogReadingOptions} from "../ingest/index.js";
import {jsonRecord} from "../ingest/read-json.js";
import type {RowOrigins} from "../ingest/log-rows.js";
import type {ResumePoint} from "../ingest/raw-record.js";
import type {ActivityLog, DuplicateRow, IngestOptions, RejectedRow} from "../ingest/types.js";
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
      /** inputs were read again whole (readAgain): which changed, and how many of their rows the cache had */
      reexport?: {reason: string; known: number};
      /** the cached rows' files or lines changed (readAgain): the cache writes those arrays anew */
      originsChanged?: boolean;
    }
  | {mode: "cold"; reason: string};

/**
 * What to read: each input that is new, grew or changed, in input order, and where each cached file
 * is among the inputs now. `rearranged`: the plain append does not apply (a file read whole again,
 * or a new one before a cached one); readAgain does.
 */
export interface ReadPlan {
  reads: ToRead[];
  /** per cached file (manifest.files), its input number */
  inputOf: Int32Array;
  rearranged: boolean;
}

/** An input file to read: its input number; where a grown one resumes, or which cached file one read whole again was. */
export interface ToRead {
  fileNumber: number;
  resume?: ResumePoint;
  /** the cached file (its number in manifest.files) this file is again, changed: read whole, its rows already read recognised (readAgain) */
  again?: number;
}

/**
 * The cached log with the rows read since (`added`, from the inputs `plan` reads) merged into it, in
 * a cold read's order. `kept` (readAgain): what stays of the cached rows' origins, rejects and
 * duplicates when files were read whole again or new ones came among the cached ones; the lists are
 * then put in input order, then line, as a full read lists them.
 */
export async function mergedLog(
  cache: CachedLog,
  options: IngestOptions,
  inputs: readonly InputSnapshot[],
  plan: ReadPlan,
  added: ActivityLog,
  kept?: {rows: RowOrigins; rejects: RejectedRow[]; duplicates: DuplicateRow[]},
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
  const inInputOrder = <T extends {file: string; line: number}>(list: T[]): T[] => {
    if (kept === undefined) return list;
    const number = new Map(files.map((file, i) => [file, i]));
    return list.sort((a, b) => number.get(a.file)! - number.get(b.file)! || a.line - b.line);
  };
  const rejects = inInputOrder([...(kept?.rejects ?? cache.rejects), ...added.rejects]);
  const duplicates = inInputOrder([...(kept?.duplicates ?? cache.duplicates), ...added.duplicates]);
  const accepted = manifest.counts.accepted + added.counts.accepted;
  const cachedAt = new Map(Array.from(plan.inputOf, (at, i) => [at, manifest.files[i]]));
  const read = new Map(plan.reads.map((toRead) => [toRead.fileNumber, toRead]));
  return {
    mode: "append",
    table: merged,
    newRows: newRowValues(added),
    places,
    files: await fileStates(
      inputs,
      inputs.map((_, i) => (read.has(i) ? {from: read.get(i)!.resume} : {keep: cachedAt.get(i)!})),
    ),
    ...(kept ? {originsChanged: true} : {}),
    log: {
      table: merged,
      rows: spliceOrigins(kept?.rows ?? cache.rows, added.rows, places),
      columns: manifest.columns,
      columnNames: manifest.columnNames,
      rejects,
      duplicates,
      // every row read is counted once: accepted, rejected or a duplicate
      counts: {files: inputs.length, rows: accepted + rejects.length + duplicates.length, accepted, rejected: rejects.length, duplicates: duplicates.length},
      files,
    },
  };
}

/** A reading of `plan`'s files that numbers columns as the cached read did, with `hooks` (LogReading's options). */
export function readingOf(
  cache: CachedLog,
  options: IngestOptions,
  inputs: readonly InputSnapshot[],
  plan: ReadPlan,
  hooks: Omit<LogReadingOptions, "columnNames">,
): LogReading {
  const read = plan.reads.map(({fileNumber}) => inputs[fileNumber]);
  return new LogReading(
    inputs.map((input) => input.path),
    options.timeZone,
    progress(read, options),
    {columnNames: cache.manifest.columnNames, ...hooks},
  );
}

/** Why `reading` cannot be merged into the cached log: columns the cache does not have; else undefined. */
export function newColumns(reading: LogReading, cache: CachedLog): string | undefined {
  const {columnNames} = cache.manifest;
  if (reading.columns.names.length > columnNames.length) return `a new column appeared (${reading.columns.names.slice(columnNames.length).join(", ")})`;
  return undefined;
}

export const cold = (reason: string): AppendResult => ({mode: "cold", reason});

/**
 * Finds a cached row equal to given values: the cached hash index leads to candidate rows, whose
 * values are read back from the cached activity.json (the rows exactly as read, every column).
 */
export function oldRowReader(cache: CachedLog) {
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
