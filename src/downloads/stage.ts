/**
 * The downloads stage: the whole log's activity.csv and activity.json, then each rendered period's
 * files copied out of them (period-files.ts). One interface whatever the strategy behind it:
 * - streamed while reading: a cold build with worker threads posts the rows as they are read to a
 *   worker that formats them (source-stream.ts), and may write a spare copy for the build cache;
 * - appended: a build that read only the rows added since the cached build extends the cached
 *   build's files (append.ts), taking the cache's spare copy when it is still what the cache says;
 *   rows older than the newest cached one are placed among the old rows' bytes, copied around them;
 * - reused: a log read whole again (a nightly full export) takes the bytes of the rows the cached
 *   build had from its files (reuse.ts), and formats the others;
 * - fresh: otherwise, or when the streamed rows cannot give the table's files, the files are
 *   formatted from the table (whole-log.ts).
 * The build cache is not imported here: the build hands over what it holds (`previous`, `spare`).
 */
import {rm} from "node:fs/promises";
import type {ActivityLog, IngestOptions} from "../ingest/types.js";
import {appendSourceData} from "./append.js";
import {reuseSourceData} from "./reuse.js";
import {periodDownloads, writePeriodsSourceData, type DownloadInfo, type PeriodRows} from "./period-files.js";
import {SourceStream} from "./source-stream.js";
import {writeSourceData, type SourceData, type SpareSource, type WholeLogFiles} from "./whole-log.js";

/**
 * What the downloads of a build with a cache start from: the cached build's files and, if kept, their
 * spare copy, extended by the new rows (an append); or, for a log read whole again, the cached
 * build's row of each row (`known`: -1 for a row to format).
 */
export type PreviousDownloads = AppendedDownloads | ReexportedDownloads;

/** What the downloads of a log read whole again start from: the cached build's files, each row's cached row, and the spare when kept. */
export interface ReexportedDownloads {
  previous: SourceData;
  /** for each row, its row in `previous`'s files, or -1 (a row to format) */
  known: Int32Array;
  /** as AppendedDownloads.spare: when the rows mostly keep their place, the files are these, patched */
  spare?: Promise<SpareSource | undefined>;
}

/** What the downloads of an appending build start from: the cached build's files and, if kept, their spare copy. */
export interface AppendedDownloads {
  previous: SourceData;
  /** settles when the spare is free to take (the report that links it too is gone), with the spare or undefined */
  spare: Promise<SpareSource | undefined>;
  /** the log's new rows, in the previous files' columns */
  newRows: readonly (readonly string[])[];
  /** for each new row, how many of the previous files' rows precede it (rows read late go among them); all of them by default */
  places?: Int32Array;
}

export interface Downloads {
  /**
   * a cold read's rows go to the source worker as they are read: returns the ingest's onRows.
   * `spare`: where the files get a copy for the build cache (undefined: no copy), whoever writes
   * them; `stream` false: no worker (the files are written after the read: fresh or reused)
   */
  streamWhileReading(spare: WholeLogFiles | undefined, stream?: boolean): IngestOptions["onRows"];
  /** the whole log's files and where each row lies in them: appended to `previous`'s, else as streamed, else fresh from `log`'s table */
  wholeLog(log: ActivityLog, previous?: PreviousDownloads): Promise<SourceData>;
  /** a period's activity.csv and activity.json, rows [lo, hi), as the page shows them (sizes), without writing them */
  periodFiles(source: SourceData, lo: number, hi: number): {csv: DownloadInfo; json: DownloadInfo};
  /** writes each period's files, `lanes` at a time, copied out of the whole log's, or extended from their spares; and the copies for the cache asked for */
  writePeriods(source: SourceData, periods: readonly PeriodRows[], lanes: number): Promise<void>;
  /** removes the spare copies written for the cache (whole log, open periods): for when no cache that names them takes effect */
  discardSpare(): Promise<void>;
  /** after a failure: stops the source worker; settles once nothing of this stage writes any more */
  stop(reason: string): Promise<void>;
}

/** The downloads of a build writing into `dir` (the staging folder); `workers` 0: no source worker. */
export function createDownloads(dir: string, workers: number): Downloads {
  let streamed: SourceStream | undefined;
  let whole: Promise<SourceData> | undefined;
  let spareFiles: WholeLogFiles | undefined;
  // the open periods' copies for the cache (PeriodRows.copyTo)
  const periodCopies: WholeLogFiles[] = [];
  const discardSpare = async () => {
    const files = [...(spareFiles ? [spareFiles] : []), ...periodCopies].flatMap((pair) => [pair.csvFile, pair.jsonFile]);
    await Promise.all(files.map((file) => rm(file, {force: true})));
  };
  return {
    streamWhileReading: (spare, stream = true) => {
      spareFiles = spare;
      if (workers === 0 || !stream) return undefined;
      streamed = new SourceStream(dir, spare);
      return streamed.onRows;
    },
    wholeLog: (log, previous) => {
      whole =
        previous === undefined
          ? Promise.resolve(streamed?.finish(log)).then((source) => source ?? writeSourceData(dir, log.table, log.columns, spareFiles))
          : "known" in previous
            ? reuseSourceData(dir, previous.previous, log.table, log.columns, previous.known, spareFiles, previous.spare)
            : previous.spare.then((spare) => appendSourceData(dir, previous.previous, log.columns, previous.newRows, spare, previous.places));
      return whole;
    },
    periodFiles: periodDownloads,
    writePeriods: (source, periods, lanes) => {
      periodCopies.push(...periods.flatMap((period) => (period.copyTo ? [period.copyTo] : [])));
      return writePeriodsSourceData(source, periods, lanes);
    },
    discardSpare,
    stop: async (reason) => {
      streamed?.stop(reason);
      await streamed?.stopped(); // its writes into the staging folder end first
      await whole?.catch(() => {});
      await discardSpare().catch(() => {});
    },
  };
}
