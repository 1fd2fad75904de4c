/**
 * Each period's "See source data" files: its header, then the byte range of its rows copied out of
 * the whole log's files (whole-log.ts); the all-time period links the whole files instead.
 */
import {link, mkdir, open, stat, type FileHandle} from "node:fs/promises";
import path from "node:path";
import {withPath} from "../errors.js";
import {CHUNK_BYTES, JSON_TAIL, type SourceData} from "./whole-log.js";

/** A downloadable file of a period, e.g. {href: "activity.csv", rows: 120, bytes: 40960} */
export interface DownloadInfo {
  /** relative to the period's folder */
  href: string;
  rows: number;
  bytes: number;
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
export async function copyRange(source: FileHandle, target: FileHandle, start: number, end: number, at?: number): Promise<void> {
  const buffer = copyBuffers.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    await copyWith(buffer, source, target, start, end, at);
  } finally {
    copyBuffers.push(buffer);
  }
}

async function copyWith(buffer: Buffer, source: FileHandle, target: FileHandle, start: number, end: number, to?: number): Promise<void> {
  for (let at = start; at < end;) {
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
      : await writeSlice(
          source.jsonFile,
          path.join(dir, "activity.json"),
          Buffer.from("[\n"),
          source.jsonStart[lo],
          source.jsonEnd[hi - 1],
          Buffer.from(JSON_TAIL),
        );
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
