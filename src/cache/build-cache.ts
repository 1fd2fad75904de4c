/**
 * The build cache (`--cache`, default `<out>.cache`): what the next build needs to read only what
 * changed. It keeps, from the last published build:
 *  - manifest.json: the options that shape the parsed log, each input file's size, mtime, SHA-256
 *    and where its reading ended (a record boundary, to resume from when the file grows), the
 *    columns, the counts, the dictionaries of the coded columns, each period's content key, and the
 *    names of the files below;
 *  - one file per array of the parsed log, in time order, as raw bytes: `time` (Float64), each row's
 *    file, line and two hashes (Int32), the coded columns the indicators and period keys use (Int32
 *    codes into the manifest's dictionaries), where each row lies in the whole-log downloads, and the
 *    sorted hash index;
 *  - hard links to the published whole-log downloads (the rows, every column, already formatted),
 *    and the rejects and duplicates as JSON;
 *  - after an append, the whole-log downloads it appended to, as a spare: the next append extends
 *    them by two nights of rows instead of copying ~500 MB (at 1M rows) of the published ones.
 * Nothing in it is trusted unchecked: the manifest holds the SHA-256 of its own body and of every
 * array and list file, checked as they are read (an append extends the hash of the bytes it read
 * with the rows it writes: the arrays are hashed once per build), and the modification time of the
 * hard-linked downloads (hashing their ~500 MB at 1M rows would cost a night ~0.35 s); a file that
 * does not match makes readCache say which, and the build reads every input.
 * Typed arrays written as raw bytes are what the build uses as they are (codes, offsets). Measured at
 * 1M rows (bench/cache-format.ts, 2 cores): Arrow IPC through Arquero wrote the same columns in
 * 0.85 s and read every one back as a typed array in 1.1 s; raw arrays read back in 0.42-0.45 s,
 * most of it page faults on fresh memory.
 *
 * An incremental build appends to the array files in place: it writes only its new rows past the
 * old ones (positioned writes), and rewrites under a new name only the arrays that changed as a
 * whole (the hash index; a coded column whose dictionary gained a value). The manifest is replaced
 * last, by a rename, and names what to read and how many rows: until then the previous manifest
 * still reads the previous rows, which the appends left as they were, so an interrupted build leaves
 * a usable cache. Files no manifest names are removed after the rename.
 * It does not decide what to trust: append-log.ts compares it with the inputs.
 */
import {createHash, type Hash} from "node:crypto";
import {link, mkdir, open, readdir, readFile, rename, rm, stat, writeFile} from "node:fs/promises";
import {mkdirSync, statSync} from "node:fs";
import path from "node:path";
import {CodedColumn} from "../ingest/coded-column.js";
import {roomFor, withRoom} from "./growable.js";
import type {SpareSource} from "../downloads/whole-log.js";
import type {RowOrigins} from "../ingest/log-rows.js";
import type {ResumePoint} from "../ingest/raw-record.js";
import type {DuplicateRow, IngestCounts, InputFormat, RejectedRow} from "../ingest/types.js";
import {JSON_TAIL, jsonRowsEnd, type SourceData, type WholeLogFiles} from "../downloads/whole-log.js";
import {csvLine} from "../downloads/csv.js";
import type {PeriodIndicators} from "../indicators/types.js";
import type {PeriodSpare} from "../downloads/period-spare.js";
import {
  carriedSpares,
  copiedSpares,
  intactPeriodSpares,
  linkTailPeriods,
  periodPartFiles,
  unwritten,
  type PeriodPart,
  type TailPeriod,
} from "./period-spares.js";

/** Bumped whenever the layout below changes: an older cache is then ignored. */
const CACHE_VERSION = 3;

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
  /** the files of this cache, in its folder: each array's, e.g. {time: "time.mfx2k1.bin"}, and the others */
  parts: CacheParts;
  /** SHA-256 of the JSON of every other field, in this order: a manifest edited or damaged is not used */
  digest: string;
}

export interface CacheParts {
  arrays: Record<string, string>;
  rejects: string;
  duplicates: string;
  csv: string;
  json: string;
  /**
   * the whole-log downloads of the build before, when this one appended to them: their first `rows`
   * rows are this build's first rows. The next append extends them in place (source-data.ts) instead
   * of copying this build's, once the report that also links them (`<out>.previous`) is gone.
   */
  spare?: {csv: string; json: string; rows: number};
  /** links to the downloads of this build's open calendar periods (period-spares.ts), by period path */
  periods?: Record<string, PeriodPart>;
  /** the links of the build before, when this one appended: the next append may extend them */
  periodSpares?: Record<string, PeriodPart>;
  /** SHA-256 of each array and list file, by file name, e.g. {"time.mfx2k1.bin": "9f86…"} */
  digests: Record<string, string>;
  /** modification time of each download and spare file (too large to hash each night), by file name */
  mtimes: Record<string, number>;
}

/** What the cache remembers of a period of the published report. */
export interface CachedPeriod {
  key: string;
  /** rowsDigest of its rows */
  rows: string;
  /** pageRowsDigest of its rows: what its page, charts and indicators are made of */
  pageRows: string;
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
  /** the spare whole-log downloads (CacheParts.spare), if the manifest names one: checked when used */
  spare?: SpareSource;
  /** the spare downloads of periods (CacheParts.periodSpares) not written to since, by period path: checked again when used */
  periodSpares: Record<string, PeriodSpare>;
  rejects: RejectedRow[];
  duplicates: DuplicateRow[];
  /** the SHA-256 state of each array file's bytes as read, by array name: an append extends it (stageCache) */
  arrayHashes: Record<string, Hash>;
}

const ROW_ARRAYS = ["file", "line", "hash", "hash2"] as const;

/**
 * The cached log in `dir`, or why there is none to use: "no cache yet", "the cache is from another
 * version of activity-report", "the cache is incomplete", "cache file time.3.bin does not match its
 * digest"... `code` is the tool's code fingerprint, or its promise: the arrays are read while it is
 * computed (its hundred-odd file reads queue behind the reads of the log's hash, and waiting for them
 * kept a night's main thread idle ~0.15 s), and compared before anything is returned.
 */
export async function readCache(dir: string, code: string | Promise<string>): Promise<CachedLog | string> {
  let text: string;
  try {
    text = await readFile(path.join(dir, "manifest.json"), "utf8");
  } catch {
    return "no cache yet";
  }
  let manifest: CacheManifest;
  try {
    manifest = JSON.parse(text) as CacheManifest;
  } catch {
    return "cache file manifest.json is not JSON";
  }
  const otherVersion = "the cache is from another version of activity-report";
  if (manifest?.version !== CACHE_VERSION) return otherVersion;
  if (manifestDigest(manifest) !== manifest.digest) return "cache file manifest.json does not match its digest";
  const loaded = loadCache(dir, manifest);
  loaded.catch(() => {}); // awaited below unless the code differs
  if (manifest.code !== (await code)) return otherVersion;
  return loaded;
}

/** The SHA-256 of a manifest's fields but its digest, as JSON in their order. */
function manifestDigest(manifest: Omit<CacheManifest, "digest"> & {digest?: string}): string {
  const {digest: _digest, ...body} = manifest;
  return sha256(JSON.stringify(body));
}

const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

/** Thrown inside loadCache: the reason readCache gives. */
class DamagedCache extends Error {}

/** The arrays and files a manifest of this version names, or why not: incomplete, or a file damaged. */
async function loadCache(dir: string, manifest: CacheManifest): Promise<CachedLog | string> {
  try {
    const n = manifest.rowCount;
    const {parts} = manifest;
    const arrayHashes: Record<string, Hash> = {};
    // each array's bytes, checked against its digest; its hash is kept for the next write's
    const array = async <T extends Float64Array | Int32Array>(name: string, kind: ArrayKind<T>, length: number): Promise<T> => {
      const read = await readArray(path.join(dir, parts.arrays[name]), kind, length);
      const hash = createHash("sha256").update(new Uint8Array(read.buffer, 0, length * kind.BYTES_PER_ELEMENT));
      if (hash.copy().digest("hex") !== parts.digests[parts.arrays[name]]) throw new DamagedCache(`cache file ${parts.arrays[name]} does not match its digest`);
      arrayHashes[name] = hash;
      return read;
    };
    // every array at once: one after another, the ten coded columns alone took 0.2 s at 1M rows
    const codedNames = Object.keys(manifest.dictionaries);
    const [[time, csvStart, jsonStart, jsonEnd, hashIndex], rowArrays, codedArrays] = await Promise.all([
      Promise.all(
        [
          ["time", n],
          ["csvStart", n + 1],
          ["jsonStart", n],
          ["jsonEnd", n],
          ["hashIndex", n],
        ].map(([name, length]) => array(name as string, Float64Array, length as number)),
      ),
      Promise.all(ROW_ARRAYS.map((name) => array(name, Int32Array, n))),
      Promise.all(codedNames.map((name) => array(`coded.${name}`, Int32Array, n))),
    ]);
    const rows = Object.fromEntries(ROW_ARRAYS.map((name, i) => [name, rowArrays[i]])) as unknown as RowOrigins;
    const coded: Record<string, CodedColumn> = {};
    codedNames.forEach((name, i) => (coded[name] = new CodedColumn(codedArrays[i], manifest.dictionaries[name])));
    const [rejects, duplicates] = await Promise.all([parts.rejects, parts.duplicates].map((part) => readList(dir, part, parts.digests[part])));
    const csvFile = path.join(dir, parts.csv);
    const jsonFile = path.join(dir, parts.json);
    const trouble = await downloadsTrouble(dir, parts, csvStart[n], jsonRowsEnd(jsonEnd, n) + JSON_TAIL.length);
    if (trouble !== undefined) return trouble;
    const csvHeader = Buffer.from(csvLine(manifest.columns)); // what writeSourceData wrote first
    const spare = await intactSpare(dir, parts, n);
    const periodSpares = await intactPeriodSpares(dir, parts.periodSpares, parts.mtimes);
    return {
      dir,
      manifest,
      time,
      rows,
      hashIndex,
      coded,
      rejects,
      duplicates,
      arrayHashes,
      source: {csvFile, jsonFile, csvHeader, csvStart, jsonStart, jsonEnd},
      ...(spare ? {spare} : {}),
      periodSpares,
    };
  } catch (error) {
    if (error instanceof DamagedCache) return error.message;
    return "the cache is incomplete"; // a file missing or short: build from the inputs
  }
}

/** A rejects or duplicates list of the cache, checked against its digest. */
async function readList(dir: string, part: string, digest: string | undefined) {
  const text = await readFile(path.join(dir, part), "utf8");
  if (sha256(text) !== digest) throw new DamagedCache(`cache file ${part} does not match its digest`);
  return JSON.parse(text);
}

/** Why the cached downloads cannot serve (not the sizes the offsets say, or written to since), or undefined. */
async function downloadsTrouble(dir: string, parts: CacheManifest["parts"], csvSize: number, jsonSize: number): Promise<string | undefined> {
  const [csvInfo, jsonInfo] = await Promise.all([stat(path.join(dir, parts.csv)), stat(path.join(dir, parts.json))]);
  if (csvInfo.size !== csvSize || jsonInfo.size !== jsonSize) return "the cache is incomplete";
  for (const [part, info] of [
    [parts.csv, csvInfo],
    [parts.json, jsonInfo],
  ] as const) {
    if (info.mtimeMs !== parts.mtimes[part]) return `cache file ${part} was written to after the cache recorded it`;
  }
  return undefined;
}

/** The spare downloads the cache may lend, unless written to since (the build copies instead; checked again when taken). */
async function intactSpare(dir: string, parts: CacheManifest["parts"], rowCount: number): Promise<CachedLog["spare"]> {
  const {spare} = parts;
  if (spare === undefined || spare.rows > rowCount) return undefined;
  return (await unwritten(dir, [spare.csv, spare.json], parts.mtimes))
    ? {csvFile: path.join(dir, spare.csv), jsonFile: path.join(dir, spare.json), rows: spare.rows}
    : undefined;
}

type ArrayKind<T> = {new (buffer: ArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number};

/**
 * `length` entries of an array file, with room after them for the rows of an append (growable.ts),
 * in a few large reads: readFile reads in 512 KiB steps, which took 0.7 s for the 88 MB of a
 * million-row cache (this: ~0.05 s).
 */
async function readArray<T extends Float64Array | Int32Array>(file: string, kind: ArrayKind<T>, length: number): Promise<T> {
  const array = withRoom(kind, length, roomFor(length));
  const bytes = new Uint8Array(array.buffer, 0, array.byteLength);
  const handle = await open(file, "r");
  try {
    for (let at = 0; at < bytes.length;) {
      const {bytesRead} = await handle.read(bytes, at, Math.min(64 << 20, bytes.length - at), at);
      if (bytesRead === 0) throw new Error(`${file}: shorter than the manifest says`);
      at += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return array;
}

/** What a build hands writeCache. */
export interface CacheContent {
  manifest: Omit<CacheManifest, "version" | "dictionaries" | "rowCount" | "parts" | "digest">;
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
  /**
   * the staged downloads of the open calendar periods, hard-linked into the cache (period-spares.ts),
   * once they are written: the rest of the cache is written meanwhile
   */
  tailPeriods?: Promise<readonly TailPeriod[]>;
  /**
   * a build that read every input: where it copied each open period's downloads in the cache's folder
   * (periodSpareFilesFor), kept as the spares of the next append; ignored when `grows` is given
   */
  periodCopies?: (periodPath: string) => WholeLogFiles;
  /**
   * a copy of them already in the cache's folder (a cold build's, source-stream.ts), kept as the
   * spare of the next append; ignored when `grows` is given or the files are elsewhere
   */
  spare?: WholeLogFiles;
  /**
   * with `grows`: the hash of each array file's bytes as readCache read them (CachedLog.arrayHashes),
   * extended with the rows appended instead of hashing the whole array again
   */
  arrayHashes?: Record<string, Hash>;
  /**
   * with `grows`: the first row that is not the grown cache's row of the same number (rows read late
   * were merged in before its last rows); its rowCount, or undefined, when rows were only appended
   */
  firstChanged?: number;
  /** with `grows`: the cached rows' files or lines changed (inputs read again whole, or new ones among them), so those arrays are written anew */
  originsChanged?: boolean;
}

/** A name part no earlier write of a cache folder used, e.g. "hojyim669g" in `time.hojyim669g.bin`. */
const newGeneration = (): string => (Date.now() * 1000 + (process.pid % 1000)).toString(36);

/**
 * Where a cold build writes its spare copy of the whole-log downloads (CacheContent.spare) for a
 * cache in `dir` (made if missing): named as the cache names its downloads, so that a stray copy is
 * removed by the next cache write. Undefined when `dir` is not on the file system of `report`: the
 * next append could not move the copy into its report, only copy it, so it is not worth writing.
 */
export function spareFilesFor(dir: string, report: string): WholeLogFiles | undefined {
  mkdirSync(dir, {recursive: true});
  if (statSync(dir).dev !== statSync(report).dev) return undefined;
  const name = `activity.spare${newGeneration()}`;
  return {csvFile: path.resolve(dir, `${name}.csv`), jsonFile: path.resolve(dir, `${name}.json`)};
}

/**
 * Where a build that reads every input writes spare copies of its open periods' downloads
 * (CacheContent.periodCopies) for a cache in `dir` (made if missing), by period path: named as the
 * cache names its downloads (a stray copy is removed by the next cache write), e.g.
 * `activity.<generation>syear2025.csv`. Undefined when `dir` is not on the file system of `report`.
 */
export function periodSpareFilesFor(dir: string, report: string): ((periodPath: string) => WholeLogFiles) | undefined {
  mkdirSync(dir, {recursive: true});
  if (statSync(dir).dev !== statSync(report).dev) return undefined;
  const generation = newGeneration();
  return (periodPath) => {
    const name = `activity.${generation}s${periodPath.toLowerCase().replace(/[^0-9a-z]/g, "")}`;
    return {csvFile: path.resolve(dir, `${name}.csv`), jsonFile: path.resolve(dir, `${name}.json`)};
  };
}

/** Files of ours in a cache folder (this layout's and the first one's): the only ones ever removed. */
const OWN_FILE =
  /^(?:[\w.]+\.[0-9a-z]+\.bin|(?:rejects|duplicates)\.[0-9a-z]+\.json|activity\.[0-9a-z]+\.(?:csv|json)|manifest\.json\.tmp-\d+|columns\.bin|rejects\.json|duplicates\.json|activity\.(?:csv|json))$/;

/**
 * Makes `dir` the cache of `content`. `grows`: the manifest of the cache in `dir` that `content`
 * extends (an append: its rows are the first rows of `content`, unchanged), whose array files are
 * then appended to in place; without it every file is written anew. All or nothing: see above.
 */
export async function writeCache(dir: string, content: CacheContent, grows?: CacheManifest): Promise<void> {
  await (
    await stageCache(dir, content, grows)
  )();
}

/**
 * writeCache in two steps: writes everything but the manifest and returns what renames the manifest
 * into place (then removes the files it no longer names). Until then `dir` is the cache it was.
 */
export async function stageCache(dir: string, content: CacheContent, grows?: CacheManifest): Promise<() => Promise<void>> {
  const n = content.time.length;
  await mkdir(dir, {recursive: true});
  const generation = newGeneration();
  const dictionaries: Record<string, string[]> = {};
  const arrays: [string, Float64Array | Int32Array, boolean][] = [
    ["time", content.time, true],
    ["csvStart", content.source.csvStart.subarray(0, n + 1), true],
    ["jsonStart", content.source.jsonStart.subarray(0, n), true],
    ["jsonEnd", content.source.jsonEnd.subarray(0, n), true],
    ...ROW_ARRAYS.map((name) => [name, content.rows[name], (name !== "line" && name !== "file") || !content.originsChanged] as [string, Int32Array, boolean]),
    // sorted: new rows land anywhere in it
    ["hashIndex", content.hashIndex, false],
  ];
  for (const [name, column] of Object.entries(content.coded)) {
    dictionaries[name] = [...column.dictionary];
    // renumbered when a new value sorted among the old ones
    const same = grows?.dictionaries[name] !== undefined && JSON.stringify(grows.dictionaries[name]) === JSON.stringify(dictionaries[name]);
    arrays.push([`coded.${name}`, column.codes, same]);
  }
  const parts: CacheParts = {
    arrays: {},
    rejects: `rejects.${generation}.json`,
    duplicates: `duplicates.${generation}.json`,
    csv: `activity.${generation}.csv`,
    json: `activity.${generation}.json`,
    digests: {},
    mtimes: {},
  };
  for (const [name, array, appendable] of arrays) {
    const before = grows?.parts.arrays[name];
    // the old file's rows: the manifest's row count (one more for csvStart, which ends with the end)
    const oldLength = grows === undefined ? 0 : grows.rowCount + (name === "csvStart" ? 1 : 0);
    const read = content.arrayHashes?.[name];
    // rows merged among the old ones moved old entries: a new file (the cache as it was stays readable)
    const merged = grows !== undefined && (content.firstChanged ?? grows.rowCount) < grows.rowCount;
    if (appendable && !merged && before !== undefined && (await appendInPlace(path.join(dir, before), array, oldLength))) {
      parts.arrays[name] = before;
      // the bytes read, then the rows written after them
      const tail = bytesOf(array).subarray(oldLength * array.BYTES_PER_ELEMENT);
      parts.digests[before] = read ? read.copy().update(tail).digest("hex") : sha256(bytesOf(array));
    } else {
      await writeFile(path.join(dir, (parts.arrays[name] = `${name}.${generation}.bin`)), bytesOf(array));
      parts.digests[parts.arrays[name]] = sha256(bytesOf(array));
    }
  }
  for (const [part, list] of [
    [parts.rejects, content.rejects],
    [parts.duplicates, content.duplicates],
  ] as const) {
    const text = JSON.stringify(list);
    await writeFile(path.join(dir, part), text);
    parts.digests[part] = sha256(text);
  }
  await linkDownloads(dir, generation, content, parts, grows);
  // the manifest last, by a rename: a folder without one is not a cache
  const body: Omit<CacheManifest, "digest"> = {version: CACHE_VERSION, ...content.manifest, rowCount: n, dictionaries, parts};
  const manifest: CacheManifest = {...body, digest: manifestDigest(body)};
  const temporary = path.join(dir, `manifest.json.tmp-${process.pid}`);
  await writeFile(temporary, JSON.stringify(manifest));
  return async () => {
    await rename(temporary, path.join(dir, "manifest.json"));
    const named = new Set([
      ...Object.values(parts.arrays),
      parts.rejects,
      parts.duplicates,
      parts.csv,
      parts.json,
      parts.spare?.csv,
      parts.spare?.json,
      ...periodPartFiles(parts.periods, parts.periodSpares),
    ]);
    const stale = (await readdir(dir)).filter((name) => OWN_FILE.test(name) && !named.has(name));
    await Promise.all(stale.map((name) => rm(path.join(dir, name), {force: true})));
  };
}

/**
 * The downloads part of stageCache: links the published whole-log downloads and the open periods'
 * (`parts.csv`, `parts.json`, `parts.periods`) and names the spares: an append keeps the downloads it
 * appended to and the periods' links of the cache it grows; a cold build, its copy of the whole log.
 */
async function linkDownloads(dir: string, generation: string, content: CacheContent, parts: CacheParts, grows?: CacheManifest): Promise<void> {
  if (grows !== undefined) parts.spare = {csv: grows.parts.csv, json: grows.parts.json, rows: grows.rowCount};
  else if (
    content.spare !== undefined &&
    [content.spare.csvFile, content.spare.jsonFile].every((file) => path.dirname(path.resolve(file)) === path.resolve(dir))
  ) {
    parts.spare = {csv: path.basename(content.spare.csvFile), json: path.basename(content.spare.jsonFile), rows: content.time.length};
  }
  await link(content.csvFile, path.join(dir, parts.csv));
  await link(content.jsonFile, path.join(dir, parts.json));
  for (const part of [parts.csv, parts.json]) parts.mtimes[part] = (await stat(path.join(dir, part))).mtimeMs;
  if (parts.spare !== undefined) {
    for (const part of [parts.spare.csv, parts.spare.json]) parts.mtimes[part] = grows?.parts.mtimes[part] ?? (await stat(path.join(dir, part))).mtimeMs;
  }
  const tails = (await content.tailPeriods) ?? [];
  parts.periods = await linkTailPeriods(dir, generation, tails, parts.mtimes);
  if (grows !== undefined) {
    parts.periodSpares = carriedSpares(grows.parts.periods, content.firstChanged ?? grows.rowCount);
    for (const part of periodPartFiles(parts.periodSpares)) parts.mtimes[part] = grows.parts.mtimes[part];
  } else if (content.periodCopies !== undefined) {
    parts.periodSpares = await copiedSpares(dir, tails, content.periodCopies, parts.mtimes);
  }
}

const bytesOf = (array: Float64Array | Int32Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

/**
 * Writes entries [oldLength, end) of `array` into `file` after its first `oldLength` entries, which
 * are taken to be `array`'s first ones, and cuts what follows; false (nothing written) when the file
 * is shorter than that.
 */
async function appendInPlace(file: string, array: Float64Array | Int32Array, oldLength: number): Promise<boolean> {
  const handle = await open(file, "r+").catch(() => undefined);
  if (!handle) return false;
  try {
    const from = oldLength * array.BYTES_PER_ELEMENT;
    if ((await handle.stat()).size < from) return false;
    const tail = bytesOf(array).subarray(from);
    for (let at = 0; at < tail.length;) at += (await handle.write(tail, at, tail.length - at, from + at)).bytesWritten;
    await handle.truncate(array.byteLength);
    return true;
  } finally {
    await handle.close();
  }
}
