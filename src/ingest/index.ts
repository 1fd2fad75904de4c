/**
 * The ingest stage: reads every input file (CSV, JSON, NDJSON) and returns the activity log as an
 * Arquero table sorted by time, with every row accounted for: rows = accepted + rejected +
 * duplicates. Bad rows are reported, not fatal; a file that cannot be read as a log throws an
 * InputError naming it. Duplicates are looked for among accepted rows only, so that every bad line
 * is reported for fixing. Does not compute periods or indicators.
 */
import {Info} from "luxon";
import {ConfigError, InputError} from "../errors.js";
import {acceptRow, canonicalName, ColumnIndex} from "./accept-row.js";
import {DuplicateIndex, rowHashPair} from "./deduplicate.js";
import type {ResumePoint} from "./raw-record.js";
import {findInputs, type FileSnapshot} from "./find-inputs.js";
import {LogRows} from "./log-rows.js";
import {recordFields, type RecordReader} from "./raw-record.js";
import {readCsv} from "./read-csv.js";
import {readJson} from "./read-json.js";
import {readNdjson} from "./read-ndjson.js";
import type {ActivityLog, DuplicateRow, InputFormat, IngestOptions, RejectedRow} from "./types.js";

export type {ActivityLog, IngestOptions} from "./types.js";

const READERS: Record<InputFormat, RecordReader> = {csv: readCsv, json: readJson, ndjson: readNdjson};

/** Reads the inputs into one time-sorted, de-duplicated table, with rejects and duplicates. */
export async function ingest(options: IngestOptions): Promise<ActivityLog> {
  assertZone(options.timeZone);
  const inputs = options.files ?? (await findInputs(options.inputs, options.format));
  const reading = new LogReading(
    inputs.map((input) => input.path),
    options.timeZone,
    progress(inputs, options),
    {onRows: options.onRows},
  );
  for (const [fileNumber, input] of inputs.entries()) await reading.read(fileNumber, input.format, undefined, input);
  return reading.finish();
}

/** A ConfigError unless `timeZone` is an IANA zone name. */
export function assertZone(timeZone: string): void {
  if (!Info.isValidIANAZone(timeZone)) {
    throw new ConfigError(`time zone "${timeZone}" is not an IANA zone name (e.g. "Europe/Paris")`);
  }
}

/** Sums the bytes read across files for options.onProgress. */
export function progress(inputs: {size: number}[], options: Pick<IngestOptions, "onProgress">): (bytes: number) => void {
  const bytesTotal = inputs.reduce((sum, input) => sum + input.size, 0);
  let bytesRead = 0;
  return (bytes) => {
    bytesRead += bytes;
    options.onProgress?.(bytesRead, bytesTotal);
  };
}

/**
 * Finds an accepted row among rows read by an earlier build (build-cache.ts): returns where it was
 * first seen ("file:line") or undefined. Those rows all come before the ones being read.
 */
export type EarlierDuplicate = (values: string[], hash: number) => string | undefined;

/**
 * One ingest in progress: files are read into it in input order, each whole or (resuming) from
 * where a previous read ended; `finish` sorts what was accepted. `columns` may start with the column
 * numbers of an earlier read so that hashes stay comparable with its rows.
 */
export class LogReading {
  readonly columns: ColumnIndex;
  readonly rows = new LogRows();
  readonly rejects: RejectedRow[] = [];
  readonly duplicates: DuplicateRow[] = [];
  rowCount = 0;
  readonly #duplicateIndex = new DuplicateIndex(this.rows);

  constructor(
    readonly files: string[],
    readonly timeZone: string,
    readonly onBytes?: (bytes: number) => void,
    options: {columnNames?: readonly string[]; earlierDuplicate?: EarlierDuplicate; onRows?: IngestOptions["onRows"]} = {},
  ) {
    this.columns = new ColumnIndex();
    for (const name of options.columnNames ?? []) this.columns.numberOf(name);
    this.#earlierDuplicate = options.earlierDuplicate;
    this.#onRows = options.onRows;
  }

  readonly #earlierDuplicate: EarlierDuplicate | undefined;
  readonly #onRows: IngestOptions["onRows"];

  /** Reads file number `fileNumber` (whole, or from `resume` on; up to its `snapshot` size when given). */
  async read(fileNumber: number, format: InputFormat, resume?: ResumePoint, snapshot?: FileSnapshot): Promise<void> {
    const file = this.files[fileNumber];
    const {columns, rows, rejects, duplicates} = this;
    const onHeader = (names: string[], line: number) => checkHeader(file, line, names, columns);
    for await (const batch of READERS[format](file, {onBytes: this.onBytes, onHeader, resume, snapshot})) {
      for (const record of batch) {
        this.rowCount++;
        const result = acceptRow(record, columns, this.timeZone);
        if ("reason" in result) {
          rejects.push({file, line: record.line, reason: result.reason, fields: recordFields(record)});
          continue;
        }
        const hashes = rowHashPair(result.values);
        const hash = hashes[0];
        const earlier = this.#earlierDuplicate?.(result.values, hash);
        if (earlier !== undefined) {
          duplicates.push({file, line: record.line, firstSeen: earlier});
          continue;
        }
        const first = this.#duplicateIndex.find(result.values, hash);
        if (first !== -1) {
          duplicates.push({file, line: record.line, firstSeen: `${this.files[rows.file(first)]}:${rows.line(first)}`});
          continue;
        }
        this.#duplicateIndex.remember(hash, rows.add(result.values, result.time, fileNumber, record.line, hashes));
      }
      this.#onRows?.(rows, columns);
    }
  }

  /** What was read, as the ingest stage's result (accepted rows sorted by time). */
  finish(): ActivityLog {
    const outputColumns = this.columns.outputOrder();
    const sorted = this.rows.sorted(outputColumns, (name) => this.columns.find(name));
    return {
      table: sorted.table,
      rows: sorted.rows,
      columns: outputColumns,
      columnNames: [...this.columns.names],
      rejects: this.rejects,
      duplicates: this.duplicates,
      counts: {files: this.files.length, rows: this.rowCount, accepted: this.rows.count, rejected: this.rejects.length, duplicates: this.duplicates.length},
      files: this.files,
    };
  }
}

/** A CSV header must name `timestamp` and `action`, and no column twice. */
function checkHeader(file: string, line: number, names: string[], columns: ColumnIndex): void {
  const canonical = names.map(canonicalName);
  for (const required of ["timestamp", "action"]) {
    if (!canonical.includes(required)) {
      const found = names.map((name) => name.trim()).join(", ");
      throw new InputError(`${file}:${line}: the header has no "${required}" column (found: ${found.length > 200 ? `${found.slice(0, 200)}…` : found})`);
    }
  }
  const twice = canonical.find((name, i) => canonical.indexOf(name) !== i);
  if (twice !== undefined) throw new InputError(`${file}:${line}: column "${twice}" appears twice in the header`);
  columns.numbersOf(names);
}
