/**
 * The build cache (`--cache`, default `<out>.cache`): what the next build needs to read only what
 * changed. It keeps, from the last published build:
 *  - manifest.json: the options that shape the parsed log, each input file's size, mtime, SHA-256
 *    and where its reading ended (a record boundary, to resume from when the file grows), the
 *    columns, the counts, the dictionaries of the coded columns and each period's content key;
 *  - columns.bin: the parsed log in columnar form, in time order: `time` (Float64), each row's file,
 *    line and two hashes (Int32), the coded columns the indicators and period keys use (Int32 codes
 *    into the manifest's dictionaries) and where each row lies in the whole-log downloads;
 *  - activity.csv / activity.json: hard links to the published whole-log downloads (the rows, every
 *    column, already formatted), and rejects.json / duplicates.json.
 * Typed arrays written as raw bytes are what the build uses as they are (codes, offsets). Measured at
 * 1M rows (bench/cache-format.ts, 2 cores): Arrow IPC through Arquero wrote the same columns in
 * 0.85 s and read every one back as a typed array in 1.1 s; columns.bin reads them all in 0.42-0.45 s,
 * most of it page faults on fresh memory. A cache is written whole into a
 * temporary folder and renamed into place, so an interrupted build leaves the previous one intact.
 * It does not decide what to trust: append-log.ts compares it with the inputs.
 */
import {link, mkdir, open, readFile, rename, rm, stat, writeFile} from "node:fs/promises";
import path from "node:path";
import {CodedColumn} from "../periods/add-period-keys.js";
import type {RowOrigins} from "../ingest/log-rows.js";
import type {ResumePoint} from "../ingest/raw-record.js";
import type {DuplicateRow, IngestCounts, InputFormat, RejectedRow} from "../ingest/types.js";
import type {SourceData} from "../site/source-data.js";
import {csvLine} from "../site/downloads.js";
import type {PeriodIndicators} from "../indicators/types.js";

/** Bumped whenever the layout below changes: an older cache is then ignored. */
const CACHE_VERSION = 1;

/** One input file as the cached build read it. */
export interface CachedFile {
  path: string;
  format: InputFormat;
  size: number;
  mtimeMs: number;
  sha256: string;
  /** where reading ended on a record boundary (the end of a file ending with a newline), else null */
  resume: ResumePoint | null;
}

export interface CacheManifest {
  version: number;
  /** the tool's code fingerprint: another version's cache is not used */
  code: string;
  /** the published folder these keys and downloads belong to, and its build fingerprint */
  out: string;
  fingerprint: string;
  timeZone: string;
  format: InputFormat | null;
  /** output columns (downloads) and the column numbering of the row hashes */
  columns: string[];
  columnNames: string[];
  files: CachedFile[];
  counts: IngestCounts;
  rowCount: number;
  /** dictionary of each coded column, e.g. {action: ["", "add_dataset", ...], day: [...]} */
  dictionaries: Record<string, string[]>;
  /** period path -> its content key (period-keys.ts), rows digest and totals */
  periods: Record<string, CachedPeriod>;
}

/** What the cache remembers of a period of the published report. */
export interface CachedPeriod {
  key: string;
  /** rowsDigest of its rows */
  rows: string;
  totals: PeriodIndicators["totals"];
}

/** The parsed log of the cached build, loaded. */
export interface CachedLog {
  dir: string;
  manifest: CacheManifest;
  time: Float64Array;
  rows: RowOrigins;
  /** every row's `hash * 2^23 + row`, ascending: the rows with a given hash by binary search (hash-index.ts) */
  hashIndex: Float64Array;
  coded: Record<string, CodedColumn>;
  source: SourceData;
  rejects: RejectedRow[];
  duplicates: DuplicateRow[];
}

const ROW_ARRAYS = ["file", "line", "hash", "hash2"] as const;

/**
 * The cached log in `dir`, or why there is none to use: "no cache yet", "the cache is from another
 * version of activity-report", "the cache is incomplete".
 */
export async function readCache(dir: string, code: string): Promise<CachedLog | string> {
  let manifest: CacheManifest;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8")) as CacheManifest;
  } catch {
    return "no cache yet";
  }
  if (manifest.version !== CACHE_VERSION || manifest.code !== code) return "the cache is from another version of activity-report";
  try {
    const buffer = await readWhole(path.join(dir, "columns.bin"));
    let at = 0;
    const n = manifest.rowCount;
    const f64 = (length: number) => {
      const array = new Float64Array(buffer, at, length);
      at += length * 8;
      return array;
    };
    const i32 = (length: number) => {
      const array = new Int32Array(buffer, at, length);
      at += align8(length * 4);
      return array;
    };
    const time = f64(n);
    const csvStart = f64(n + 1);
    const jsonStart = f64(n);
    const jsonEnd = f64(n);
    const rows = Object.fromEntries(ROW_ARRAYS.map((name) => [name, i32(n)])) as unknown as RowOrigins;
    const hashIndex = f64(n);
    const coded: Record<string, CodedColumn> = {};
    for (const [name, dictionary] of Object.entries(manifest.dictionaries)) coded[name] = new CodedColumn(i32(n), dictionary);
    const [rejects, duplicates] = await Promise.all(["rejects.json", "duplicates.json"].map(async (file) => JSON.parse(await readFile(path.join(dir, file), "utf8"))));
    const csvFile = path.join(dir, "activity.csv");
    const jsonFile = path.join(dir, "activity.json");
    const [csvSize, jsonSize] = await Promise.all([stat(csvFile), stat(jsonFile)]).then((s) => s.map((x) => x.size));
    if (csvSize !== csvStart[n] || jsonSize !== (n === 0 ? 4 : jsonEnd[n - 1] + 3)) return "the cache is incomplete";
    const csvHeader = Buffer.from(csvLine(manifest.columns)); // what writeSourceData wrote first
    return {dir, manifest, time, rows, hashIndex, coded, source: {csvFile, jsonFile, csvHeader, csvStart, jsonStart, jsonEnd}, rejects, duplicates};
  } catch {
    return "the cache is incomplete"; // a damaged cache: build from the inputs
  }
}

/**
 * A file's bytes in a fresh, 8-byte aligned ArrayBuffer, in a few large reads: readFile reads in
 * 512 KiB steps, which took 0.7 s for the 88 MB of a million-row cache (this: ~0.05 s).
 */
async function readWhole(file: string): Promise<ArrayBuffer> {
  const handle = await open(file, "r");
  try {
    const {size} = await handle.stat();
    const bytes = new Uint8Array(new ArrayBuffer(size));
    for (let at = 0; at < size; ) {
      const {bytesRead} = await handle.read(bytes, at, Math.min(64 << 20, size - at), at);
      if (bytesRead === 0) throw new Error(`${file}: shorter than its size`);
      at += bytesRead;
    }
    return bytes.buffer;
  } finally {
    await handle.close();
  }
}

const align8 = (bytes: number) => Math.ceil(bytes / 8) * 8;

/** What a build hands writeCache. */
export interface CacheContent {
  manifest: Omit<CacheManifest, "version" | "dictionaries" | "rowCount">;
  time: Float64Array;
  rows: RowOrigins;
  hashIndex: Float64Array;
  /** the coded columns to keep, by name (their dictionaries go in the manifest) */
  coded: Record<string, CodedColumn>;
  source: Pick<SourceData, "csvStart" | "jsonStart" | "jsonEnd">;
  rejects: readonly RejectedRow[];
  duplicates: readonly DuplicateRow[];
  /** the published whole-log downloads, hard-linked into the cache */
  csvFile: string;
  jsonFile: string;
}

/** Replaces the cache in `dir` with `content`, all or nothing. */
export async function writeCache(dir: string, content: CacheContent): Promise<void> {
  const n = content.time.length;
  const temporary = `${path.resolve(dir)}.tmp-${process.pid}`;
  await rm(temporary, {recursive: true, force: true});
  await mkdir(temporary, {recursive: true});
  try {
    const parts: Uint8Array[] = [];
    const add = (array: Float64Array | Int32Array) => {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      parts.push(bytes);
      const padding = align8(bytes.length) - bytes.length;
      if (padding > 0) parts.push(new Uint8Array(padding));
    };
    add(content.time);
    add(content.source.csvStart.subarray(0, n + 1));
    add(content.source.jsonStart.subarray(0, n));
    add(content.source.jsonEnd.subarray(0, n));
    for (const name of ROW_ARRAYS) add(content.rows[name]);
    add(content.hashIndex);
    const dictionaries: Record<string, string[]> = {};
    for (const [name, column] of Object.entries(content.coded)) {
      add(column.codes);
      dictionaries[name] = [...column.dictionary];
    }
    const manifest: CacheManifest = {version: CACHE_VERSION, ...content.manifest, rowCount: n, dictionaries};
    await writeFile(path.join(temporary, "columns.bin"), parts);
    await writeFile(path.join(temporary, "rejects.json"), JSON.stringify(content.rejects));
    await writeFile(path.join(temporary, "duplicates.json"), JSON.stringify(content.duplicates));
    await link(content.csvFile, path.join(temporary, "activity.csv"));
    await link(content.jsonFile, path.join(temporary, "activity.json"));
    // the manifest last: a folder without one is not a cache
    await writeFile(path.join(temporary, "manifest.json"), JSON.stringify(manifest));
    await rm(dir, {recursive: true, force: true});
    await rename(temporary, dir);
  } catch (error) {
    await rm(temporary, {recursive: true, force: true});
    throw error;
  }
}
