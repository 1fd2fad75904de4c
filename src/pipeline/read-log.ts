/**
 * Step 1 of a build, ingest: reads only what was added since the cached build when that is all that
 * changed (cache/append-log.ts), else every input (ingest/). Every input is read up to the size its
 * snapshot found: rows appended meanwhile are the next build's. A cold read hands its rows to the
 * downloads stage as they are read.
 */
import {existsSync} from "node:fs";
import {rmdir} from "node:fs/promises";
import type {BuildConfig} from "../config.js";
import {InputError} from "../errors.js";
import {chartLabel} from "../charts/labels.js";
import {codeFingerprint, inputSnapshots, type InputSnapshot} from "../fingerprint.js";
import {ingest} from "../ingest/index.js";
import type {ActivityLog} from "../ingest/types.js";
import {periodSpareFilesFor, readCache, spareFilesFor, type CachedLog} from "../cache/build-cache.js";
import {appendToCachedLog} from "../cache/append-log.js";
import type {AppendResult} from "../cache/merged-log.js";
import {knownRows} from "../cache/known-rows.js";
import {firstChangedRow} from "../cache/merge-rows.js";
import {rowsBefore} from "../cache/period-spares.js";
import type {PeriodSpare} from "../downloads/period-spare.js";
import type {WholeLogFiles} from "../downloads/whole-log.js";
import type {Downloads, PreviousDownloads} from "../downloads/stage.js";
import type {BuildEffects} from "../build-summary.js";
import type {Output} from "./output.js";
import type {Runtime} from "./runtime.js";
import type {FoundInputs} from "./up-to-date.js";

/** What step 1 read. */
export interface LogRead {
  log: ActivityLog;
  /** the code's fingerprint (the cache is valid for this code only) */
  code: string;
  /** the cache read, when there was one to read */
  cache?: CachedLog;
  /** an append: the log with only the new rows read, its table with period keys, the new rows, the files' states */
  incremental?: Extract<AppendResult, {mode: "append"}>;
  /** why every input was read although a cache was asked for, e.g. "log.csv changed" */
  ingestReason?: string;
  /** a log read whole with a cache of the same columns: each row's cached row, or -1 (cache/known-rows.ts) */
  known?: Int32Array;
  snapshots: InputSnapshot[];
  /**
   * a build that reads every input with a cache: where the open periods' downloads are copied in the
   * cache's folder, as the first append's spares (cache/period-spares.ts)
   */
  periodCopies?: (periodPath: string) => WholeLogFiles;
}

/** Reads the log: appended to the cache's when it can be, else every input. */
export async function readLog(
  config: BuildConfig,
  effects: BuildEffects,
  run: Runtime,
  found: FoundInputs,
  output: Output,
  downloads: Downloads,
): Promise<LogRead> {
  const code = await codeFingerprint();
  const cached =
    config.cache !== null && !config.force
      ? await run.timed("ingest", () => found.cache ?? readCache(config.cache!, code))
      : config.cache === null
        ? "no cache used (--no-cache)"
        : "no cache used (--force)";
  const cache = typeof cached === "string" ? undefined : cached;
  if (!cache) run.expectColdBuild();
  const snapshots = await inputSnapshots(found.inputs);
  const ingestOptions = {
    inputs: config.inputs,
    format: config.format,
    timeZone: config.timeZone,
    onProgress: (done: number, total: number) => effects.progress("read", done, total),
  };
  const appended = cache ? await run.timed("ingest", () => appendToCachedLog(cache, ingestOptions, snapshots)) : undefined;
  const incremental = appended?.mode === "append" ? appended : undefined;
  const ingestReason = appended?.mode === "cold" ? appended.reason : (incremental?.reexport?.reason ?? (typeof cached === "string" ? cached : undefined));
  if (appended?.mode === "cold") {
    effects.log(`ingest: reading every input again: ${appended.reason}`);
    run.expectColdBuild();
  }
  // a cold read's downloads are formatted on a worker as the rows are read, and copied into the
  // cache folder (made if missing: removed again if this build fails) as the next append's spare
  const madeCache = !incremental && config.workers > 0 && config.cache !== null && !existsSync(config.cache) ? config.cache : undefined;
  if (madeCache !== undefined) run.onFailure(() => rmdir(madeCache)); // only when nothing is in it
  // no worker for a cold read with a cache: the downloads take the bytes of the rows it has (known)
  const onRows = incremental
    ? undefined
    : downloads.streamWhileReading(config.workers > 0 && config.cache !== null ? spareFilesFor(config.cache, output.dir) : undefined, !cache);
  const log = incremental?.log ?? (await run.timed("ingest", () => ingest({...ingestOptions, files: snapshots, onRows})));
  effects.log(
    `ingest: ${log.counts.rows} rows, ${log.counts.accepted} accepted, ${log.counts.rejected} rejected, ${log.counts.duplicates} duplicates` +
      (incremental?.reexport
        ? ` (${incremental.reexport.reason}: read again, ${incremental.reexport.known} rows known from the cache, ${incremental.newRows.length} new)`
        : incremental
          ? ` (${incremental.newRows.length} new rows read)`
          : ""),
  );
  if (log.counts.accepted === 0) throw new InputError(`${config.inputs.join(", ")}: no row was accepted (${log.counts.rejected} rejected); nothing to report`);
  checkRejectedShare(log, config.maxRejectedPercent);
  const known = cache && !incremental && sameColumns(cache.manifest, log) ? await run.timed("ingest", () => knownRows(cache, log.rows)) : undefined;
  if (known) effects.log(`ingest: ${known.filter((row) => row >= 0).length} rows known from the cache`);
  const periodCopies = !incremental && config.cache !== null ? periodSpareFilesFor(config.cache, output.dir) : undefined;
  return {log, code, cache, incremental, ingestReason, snapshots, known, ...(periodCopies ? {periodCopies} : {})};
}

/**
 * What the downloads start from: for an append, the cached build's files and, once `<out>.previous`
 * is gone, their spare copy; for a cold read with a cache of the same columns, the cached files and
 * each row's cached row; else undefined.
 */
export function previousDownloads(read: LogRead, output: Output): PreviousDownloads | undefined {
  const {cache, incremental, known} = read;
  if (!cache || (!incremental && !known)) return undefined;
  // the spare is free once the downloads of <out>.previous, which link it too, are gone
  const spare = output.sparesFree.then(() => cache.spare);
  if (known) return {previous: cache.source, known, spare};
  if (!incremental) return undefined;
  return {
    previous: cache.source,
    spare,
    newRows: incremental.newRows,
    places: incremental.places,
  };
}

/**
 * The cache's spare downloads of periods an append may extend (downloads/period-spare.ts): those
 * that begin before the first row this append moved or added, their rows counted up to it. None for
 * other builds.
 */
export function periodSpares(read: LogRead): Record<string, PeriodSpare> {
  const {cache, incremental} = read;
  if (!cache || !incremental) return {};
  return rowsBefore(cache.periodSpares, firstChangedRow(incremental.places, cache.manifest.rowCount));
}

/** Whether a log read whole has the cached build's columns, in the same order: its rows' bytes are then the same. */
const sameColumns = (manifest: CachedLog["manifest"], log: ActivityLog): boolean =>
  JSON.stringify([manifest.columns, manifest.columnNames]) === JSON.stringify([log.columns, log.columnNames]);

/**
 * Fails the build when more than `maxPercent` of the rows were rejected, in one line: the most common
 * reasons (values left out, so that alike rows count together), the first rejected row's file, line
 * and reason, and the --max-rejected that would let the build go on and list every rejected row in
 * rejects.csv. Reasons may quote the log (a value, a field name): each is shown as a chart label
 * shows it (no control or invisible characters, at most 100 characters), so that it cannot break the
 * line or the terminal.
 */
export function checkRejectedShare(log: ActivityLog, maxPercent: number): void {
  const {rows, rejected} = log.counts;
  const share = (rejected / rows) * 100;
  if (rows === 0 || share <= maxPercent) return;
  const reasons = new Map<string, number>();
  for (const reject of log.rejects) {
    const reason = reject.reason.replace(/"[^"]*"/g, "…");
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const top = [...reasons].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
  const first = log.rejects[0];
  const enough = Math.ceil(share * 10) / 10;
  throw new InputError(
    `${rejected} of ${rows} rows rejected (${share.toFixed(1)} %, above --max-rejected ${maxPercent} %): ` +
      top.map(([reason, count]) => `${count} × ${chartLabel(reason)}`).join("; ") +
      (first ? `. First: ${first.file} line ${first.line}: ${chartLabel(first.reason)}` : "") +
      `. With --max-rejected ${enough} the build goes on and rejects.csv lists every rejected row with its file, line and reason`,
  );
}
