/**
 * Step 6 of a build, the cache: what the next build starts from (the parsed log, its period keys, the
 * whole log's downloads), written while the pages render. It takes effect (its manifest is renamed
 * into place) only once the report is published (cache/build-cache.ts stageCache): step 8.
 */
import path from "node:path";
import type {BuildConfig} from "../config.js";
import {stageCache} from "../cache/build-cache.js";
import {CACHED_COLUMNS} from "../cache/merged-log.js";
import {fileStates} from "../cache/file-states.js";
import {hashIndexOf, spliceHashIndex, MAX_INDEXED_ROWS} from "../cache/hash-index.js";
import {firstChangedRow} from "../cache/merge-rows.js";
import type {SourceData} from "../downloads/whole-log.js";
import type {CodedColumn} from "../ingest/coded-column.js";
import type {LogRead} from "./read-log.js";
import {tailPeriods, type Plan} from "./plan.js";

/**
 * Writes the cache's files beside the current ones and resolves with the commit that makes them the
 * cache; undefined without a cache (--no-cache) or for a log too large to index. `periodFiles`: the
 * staging folder, and when the periods' downloads are written in it (the open ones are linked then).
 */
export function stageBuildCache(
  config: BuildConfig,
  read: LogRead,
  plan: Plan,
  source: SourceData,
  fingerprint: string,
  periodFiles: {dir: string; written: Promise<void>},
): (() => Promise<() => Promise<void>>) | undefined {
  const {log, incremental, cache, code, snapshots} = read;
  if (config.cache === null || log.counts.accepted >= MAX_INDEXED_ROWS) return undefined;
  return async () => {
    const tails = periodFiles.written.then(() => tailPeriods(plan, periodFiles.dir));
    tails.catch(() => {}); // a failed copy fails the build; the cache, if still writing, fails with it when it awaits them
    const files =
      incremental?.files ??
      (await fileStates(
        snapshots,
        snapshots.map(() => ({})),
      ));
    const coded = Object.fromEntries(
      CACHED_COLUMNS.flatMap((name) => (plan.table.columnNames().includes(name) ? [[name, plan.table.column(name) as CodedColumn]] : [])),
    );
    const periods = Object.fromEntries(
      plan.periods.map(({period, indicators}, i) => [
        period.path,
        {key: plan.keys[i], rows: plan.digests[i], pageRows: plan.pageDigests[i], totals: indicators.totals},
      ]),
    );
    const manifest = {
      code,
      out: path.resolve(config.out),
      fingerprint,
      timeZone: config.timeZone,
      format: config.format ?? null,
      columns: log.columns,
      columnNames: log.columnNames,
      files,
      counts: log.counts,
      periods,
    };
    return stageCache(
      config.cache!,
      {
        manifest,
        time: plan.time,
        rows: log.rows,
        hashIndex: incremental ? spliceHashIndex(cache!.hashIndex, log.rows.hash, incremental.places) : hashIndexOf(log.rows.hash),
        coded,
        source,
        rejects: log.rejects,
        duplicates: log.duplicates,
        // the staged whole-log downloads: the files about to be published
        csvFile: source.csvFile,
        jsonFile: source.jsonFile,
        spare: source.spare,
        // the open periods' downloads: the nights after extend them instead of copying (cache/period-spares.ts)
        tailPeriods: tails,
        ...(read.periodCopies ? {periodCopies: read.periodCopies} : {}),
        arrayHashes: incremental ? cache!.arrayHashes : undefined,
        firstChanged: incremental ? firstChangedRow(incremental.places, cache!.manifest.rowCount) : undefined,
        originsChanged: incremental?.originsChanged === true,
      },
      incremental ? cache!.manifest : undefined,
    );
  };
}
