/**
 * Each period's "See source data" files: its header, then the byte range of its rows copied out of
 * the whole log's files (whole-log.ts); the all-time period links the whole files instead, and an
 * open period with a spare in the build cache extends it (period-spare.ts). After a build that read
 * every input, the open periods' files are also copied into the cache, as the first night's spares.
 */
import {copyFile, link, mkdir, open, stat} from "node:fs/promises";
import path from "node:path";
import {withPath} from "../errors.js";
import {trace} from "../trace.js";
import {copyRange} from "./copy-range.js";
import {extendPeriodSpare, type PeriodSpare} from "./period-spare.js";
import {JSON_TAIL, type SourceData, type WholeLogFiles} from "./whole-log.js";

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
 * Writes rows [lo, hi) as `dir`/activity.csv and activity.json, copied from the whole-log files, or
 * extended from `spare` when it serves (period-spare.ts); a period holding every row (all time) gets
 * hard links to the whole-log files instead of a copy.
 */
export async function writePeriodSourceData(
  dir: string,
  source: SourceData,
  lo: number,
  hi: number,
  spare?: PeriodSpare,
): Promise<{csv: DownloadInfo; json: DownloadInfo}> {
  const rows = hi - lo;
  const extended = spare && (await extendPeriodSpare(dir, source, lo, hi, spare));
  if (spare) trace(`downloads: ${dir} ${extended ? "extended from its spare" : "copied, its spare not usable"}`);
  if (extended) return {csv: {href: "activity.csv", rows, bytes: extended.csv}, json: {href: "activity.json", rows, bytes: extended.json}};
  if (isWholeLog({lo, hi}, source)) {
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

/** Whether rows [lo, hi) are every row: the whole log's files, linked. */
const isWholeLog = (period: Pick<PeriodRows, "lo" | "hi">, source: SourceData) => period.lo === 0 && period.hi === source.jsonStart.length && period.hi > 0;

/** One period's downloads to write: its folder and its rows [lo, hi) of the whole log. */
export interface PeriodRows {
  dir: string;
  lo: number;
  hi: number;
  /** the build cache's copy of its downloads to extend, when it has one */
  spare?: PeriodSpare;
  /** where to copy its downloads once written, as the build cache's spare (cache/period-spares.ts) */
  copyTo?: WholeLogFiles;
}

/**
 * Writes each period's downloads (writePeriodSourceData, its folder made first), `lanes` periods at
 * a time, in order. After a failure no further period starts, and the promise rejects with the
 * first error once the copies under way have ended: nothing writes into the folders after it
 * settles, so the caller may remove them.
 */
export async function writePeriodsSourceData(source: SourceData, periods: readonly PeriodRows[], lanes: number): Promise<void> {
  // the periods of every row first: hard links, done before the copies keep the file system busy
  const todo = [...periods].sort((a, b) => Number(isWholeLog(b, source)) - Number(isWholeLog(a, source)));
  let failed = false;
  const lane = async () => {
    for (let next = todo.shift(); next !== undefined && !failed; next = todo.shift()) {
      try {
        await mkdir(next.dir, {recursive: true});
        await writePeriodSourceData(next.dir, source, next.lo, next.hi, next.spare);
        trace(`downloads: ${next.dir} written`);
        const copyTo = next.copyTo;
        if (copyTo !== undefined) {
          // by the kernel (copy_file_range): ~0.1 s for the 215 MB of an open year at 1M rows
          await Promise.all([copyFile(path.join(next.dir, "activity.csv"), copyTo.csvFile), copyFile(path.join(next.dir, "activity.json"), copyTo.jsonFile)]);
        }
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
