/**
 * The whole log's downloads (whole-log.ts), written while the log is read. A cold build reads the
 * log on one core and leaves the other idle; formatting the downloads afterwards took ~6 CPU-s at a
 * million rows, beside the charts, with both cores busy. Here the ingest posts each batch of accepted
 * rows (ingest's onRows) to a worker thread (source-worker.ts), which formats and writes them.
 *
 * The files are those of writeSourceData only when the table's rows are the rows read, in the same
 * order: the log was in time order (as an appended log is) and kept its columns. `finish` checks
 * that and otherwise gives nothing; the build then writes the files from the table, as before.
 * Repeated values travel as codes (log-rows.ts ColumnSlice) and are formatted once per value.
 *
 * Given spare files (in the build cache's folder, build-cache.ts spareFilesFor), the worker also
 * writes a copy of both files there: the cache keeps it as the spare that the next build, an append,
 * extends in place.
 * Without it, the first night after a cold build copied the 535 MB of a million-row log's files
 * (the published ones must not change). At 1M rows, 4 interleaved pairs: first nights 2.71-3.64 s
 * (median 3.18) against 4.14-5.04 s (4.31); the cold builds that wrote the copy 22.7-27.4 s
 * (median 25.8) against 23.0-25.7 s (23.4). The cold build has more room under its target (30 s)
 * than the first night under its own (3 s).
 */
import {mkdirSync} from "node:fs";
import {rename, rm} from "node:fs/promises";
import path from "node:path";
import type {Worker} from "node:worker_threads";
import type {ColumnIndex} from "../ingest/accept-row.js";
import type {ColumnSlice, LogRows} from "../ingest/log-rows.js";
import type {ActivityLog} from "../ingest/types.js";
import {trace} from "../trace.js";
import {startWorker} from "../workers.js";
import {csvCell, csvLineOf} from "./csv.js";
import {fieldJson} from "../ingest/json-value.js";
import {jsonRecordOf, SourceWriter, type SourceData, type WholeLogFiles} from "./whole-log.js";

/** The folder, inside the one given, where the worker writes until the build takes its files. */
const STREAM_FOLDER = ".source-stream";

/** What the build posts to the source worker: the columns first, then rows, then the end. */
export type StreamMessage = {columns: string[]} | {rows: number; slices: ColumnSlice[]} | {end: true};
export type StreamReply = {source: SourceData} | {error: string};

/**
 * Formats rows given as column slices (in the log's output columns) into a SourceWriter: each
 * distinct value of a coded column is formatted once, when it first arrives.
 */
export class SliceFormatter {
  readonly #keys: string[];
  /** per column, the CSV cell and the JSON text of each distinct value, by code */
  readonly #cells: string[][];
  readonly #json: string[][];
  #rows = 0;

  constructor(
    private readonly writer: SourceWriter,
    columns: readonly string[],
  ) {
    this.#keys = SourceWriter.jsonKeys(columns);
    this.#cells = columns.map(() => []);
    this.#json = columns.map(() => []);
  }

  /** Adds `count` rows, one slice per column; writes them once a chunk's worth has gathered. */
  async add(count: number, slices: readonly ColumnSlice[]): Promise<void> {
    const k = slices.length;
    const codes: (Int32Array | undefined)[] = new Array(k);
    const values: (string[] | undefined)[] = new Array(k);
    for (let c = 0; c < k; c++) {
      const slice = slices[c];
      if ("codes" in slice) {
        codes[c] = slice.codes;
        for (const value of slice.distinct) {
          this.#cells[c].push(csvCell(value));
          this.#json[c].push(fieldJson(value));
        }
      } else values[c] = slice.values;
    }
    const cells: string[] = new Array(k);
    const json: string[] = new Array(k);
    for (let r = 0; r < count; r++) {
      for (let c = 0; c < k; c++) {
        const coded = codes[c];
        if (coded !== undefined) {
          cells[c] = this.#cells[c][coded[r]];
          json[c] = this.#json[c][coded[r]];
        } else {
          const value = values[c]![r];
          cells[c] = csvCell(value);
          json[c] = fieldJson(value);
        }
      }
      this.writer.add(csvLineOf(cells), jsonRecordOf(json, this.#keys));
      if ((++this.#rows & 1023) === 0) await this.writer.flushIfFull();
    }
  }
}

/**
 * The main thread's side: posts the rows as they are read (`onRows`) to a worker that writes
 * `dir`/activity.csv and activity.json, and stops when the rows cannot give the table's files.
 */
export class SourceStream {
  readonly #worker: Worker;
  readonly #reply: Promise<StreamReply>;
  #names: string[] | undefined;
  #numbers: number[] = [];
  /** per column, how many of its distinct values the worker has */
  #known: number[] = [];
  #sent = 0;
  /** the rows onRows was last given (the reading's, which only grow) */
  #rows: LogRows | undefined;
  #stopped: string | undefined;
  #terminating: Promise<number> | undefined;

  /** where the worker writes: a folder of its own, so that nothing it may still write after a stop reaches the files the build writes instead */
  readonly #own: string;

  /**
   * `dir`: where the files go (the staging folder); `spare`: where a copy of them goes too, for the
   * build cache (build-cache.ts spareFilesFor)
   */
  constructor(
    private readonly dir: string,
    private readonly spare?: WholeLogFiles,
  ) {
    this.#own = path.join(dir, STREAM_FOLDER);
    mkdirSync(this.#own, {recursive: true});
    this.#worker = startWorker(import.meta.url, "./source-worker", {dir: this.#own, spare});
    this.#reply = new Promise<StreamReply>((resolve) => {
      this.#worker.once("message", resolve);
      this.#worker.once("error", (error) => resolve({error: error.message}));
      this.#worker.once("exit", () => resolve({error: "the source worker stopped"}));
    });
  }

  /** IngestOptions.onRows: posts the rows accepted since the last call. */
  readonly onRows = (rows: LogRows, columns: ColumnIndex): void => {
    if (this.#stopped !== undefined) return;
    if (!rows.inTimeOrder) return this.stop("the log is not in time order");
    this.#rows = rows;
    const names = columns.outputOrder();
    if (this.#names === undefined) {
      this.#names = names;
      this.#numbers = names.map((name) => columns.find(name));
      this.#known = names.map(() => 0);
      this.#post({columns: names});
    } else if (names.length !== this.#names.length || names.some((name, i) => name !== this.#names![i])) {
      return this.stop("a file added columns");
    }
    // the rows of the last instant read wait: more of them may come, and an instant's rows go by
    // their hashes (ingest/log-rows.ts RowKeys), not in the order they were read
    let to = rows.count;
    while (to > this.#sent && rows.time(to - 1) === rows.time(rows.count - 1)) to--;
    this.#postRows(rows, to);
  };

  /** The rows read since the last post, up to row `to`; `to` ends an instant. */
  #postRows(rows: LogRows, to: number): void {
    const from = this.#sent;
    if (to === from) return;
    const order = rows.instantOrder(from, to);
    const slices = this.#numbers.map((column, i) => {
      const slice = rows.columnSlice(column, from, to, this.#known[i]);
      if ("codes" in slice) this.#known[i] += slice.distinct.length;
      if (order === undefined) return slice;
      return "codes" in slice ? {...slice, codes: Int32Array.from(order, (row) => slice.codes[row])} : {values: order.map((row) => slice.values[row])};
    });
    this.#sent = to;
    this.#post(
      {rows: to - from, slices},
      slices.flatMap((slice) => ("codes" in slice ? [slice.codes.buffer as ArrayBuffer] : [])),
    );
  }

  #post(message: StreamMessage, transfer: ArrayBuffer[] = []): void {
    this.#worker.postMessage(message, transfer);
  }

  /**
   * The whole log's files, moved into the folder given, when the rows posted are `log`'s table's
   * rows in order, with its columns; else undefined (the worker stopped, its folder removed).
   */
  async finish(log: ActivityLog): Promise<SourceData | undefined> {
    // the last instant's rows, held back by onRows
    if (this.#stopped === undefined && this.#rows !== undefined) this.#postRows(this.#rows, this.#rows.count);
    const names = this.#names ?? [];
    if (this.#stopped === undefined && this.#sent !== log.counts.accepted) this.stop(`${this.#sent} rows posted, ${log.counts.accepted} accepted`);
    if (this.#stopped === undefined && (names.length !== log.columns.length || names.some((name, i) => name !== log.columns[i]))) this.stop("other columns");
    if (this.#stopped === undefined) this.#post({end: true});
    const reply = this.#stopped === undefined ? await this.#reply : {error: this.#stopped};
    await this.#worker.terminate();
    if ("error" in reply) {
      trace(`downloads: written from the table (${reply.error})`);
      // a write of the stopped worker may still land: in its folder, unlinked by then
      await rm(this.#own, {recursive: true, force: true});
      await this.discardSpare();
      return undefined;
    }
    const csvFile = path.join(this.dir, path.basename(reply.source.csvFile));
    const jsonFile = path.join(this.dir, path.basename(reply.source.jsonFile));
    await Promise.all([rename(reply.source.csvFile, csvFile), rename(reply.source.jsonFile, jsonFile)]);
    await rm(this.#own, {recursive: true, force: true});
    // a Buffer crosses threads as a plain Uint8Array
    const {csvHeader} = reply.source;
    return {
      ...reply.source,
      csvFile,
      jsonFile,
      csvHeader: Buffer.from(csvHeader.buffer, csvHeader.byteOffset, csvHeader.byteLength),
      ...(this.spare ? {spare: this.spare} : {}),
    };
  }

  /** Removes the spare copy: for when no cache that names it takes effect. */
  async discardSpare(): Promise<void> {
    if (this.spare === undefined) return;
    await Promise.all([rm(this.spare.csvFile, {force: true}), rm(this.spare.jsonFile, {force: true})]);
  }

  /** Stops the worker (a failed build, or rows that cannot give the table's files). */
  stop(reason: string): void {
    this.#stopped ??= reason;
    this.#terminating ??= this.#worker.terminate();
  }

  /** Settles once a stopped worker has ended: nothing it writes lands after that. */
  async stopped(): Promise<void> {
    await this.#terminating?.catch(() => {});
  }
}
