/**
 * The ingest stage: reads every input file (CSV, JSON, NDJSON) and returns the activity log as an
 * Arquero table sorted by time, with every row accounted for: rows = accepted + rejected +
 * duplicates. Bad rows are reported, not fatal; a file that cannot be read as a log throws an
 * InputError naming it. Duplicates are looked for among accepted rows only, so that every bad line
 * is reported for fixing. Does not compute periods or indicators.
 */
import {Info} from "luxon";
import {ConfigError, InputError} from "../errors.js";
import {acceptedTime, acceptRow, canonicalName, ColumnIndex} from "./accept-row.js";
import type {FieldSpans} from "./csv-bytes.js";
import {DuplicateIndex, rowHashPair, rowHashPairOfBytes} from "./deduplicate.js";
import {fieldValue} from "./field-bytes.js";
import type {RawRecord, ResumePoint} from "./raw-record.js";
import {findInputs, type FileSnapshot} from "./find-inputs.js";
import {LogRows} from "./log-rows.js";
import {recordFields, type RecordReader} from "./raw-record.js";
import {readCsv} from "./read-csv.js";
import {readCsvBytes, type CsvRowSink} from "./read-csv-bytes.js";
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
 * Whether a row read is one an earlier read already holds (cache/read-again.ts readAgain: a file
 * exported again): given its two hashes (rowHashPair) and line, true takes it as that row, which is
 * then neither stored nor checked again; counted in `rowCount`.
 */
export type KnownRow = (hash: number, hash2: number, line: number) => boolean;

/** What a LogReading may be given besides its files: see its members. */
export interface LogReadingOptions {
  /** the column numbering of an earlier read, so that hashes stay comparable with its rows */
  columnNames?: readonly string[];
  earlierDuplicate?: EarlierDuplicate;
  known?: KnownRow;
  onRows?: IngestOptions["onRows"];
  /** note the columns of each file apart (columnsByFile) */
  columnsByFile?: boolean;
}

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
    options: LogReadingOptions = {},
  ) {
    this.columnsByFile = options.columnsByFile ? new Map() : undefined;
    this.columns = new ColumnIndex();
    for (const name of options.columnNames ?? []) this.columns.numberOf(name);
    this.#earlierDuplicate = options.earlierDuplicate;
    this.#known = options.known;
    this.#onRows = options.onRows;
  }

  /**
   * the columns (canonical names) in the order this read met them: a CSV header's, the keys of JSON
   * records as they first appear; the order `columns` numbers them in when it did not start with names
   */
  readonly metColumns: string[] = [];
  readonly #metNames = new Set<string>();
  /** with options.columnsByFile: the columns met in each file, by file number, in the order met */
  readonly columnsByFile: Map<number, string[]> | undefined;
  /** with columnsByFile: the names (as written) met in the file being read */
  #fileNames = new Set<string>();

  #meet(names: readonly string[], fileNumber: number): void {
    for (const name of names) {
      if (this.#metNames.has(name)) continue;
      this.#metNames.add(name);
      const canonical = canonicalName(name);
      if (!this.metColumns.includes(canonical)) this.metColumns.push(canonical);
    }
    if (this.columnsByFile === undefined) return;
    // as above, for this file: a name is made canonical once, not once a record
    for (const name of names) {
      if (this.#fileNames.has(name)) continue;
      this.#fileNames.add(name);
      const canonical = canonicalName(name);
      const met = this.columnsByFile.get(fileNumber) ?? [];
      this.columnsByFile.set(fileNumber, met);
      if (!met.includes(canonical)) met.push(canonical);
    }
  }
  readonly #earlierDuplicate: EarlierDuplicate | undefined;
  readonly #known: KnownRow | undefined;
  readonly #onRows: IngestOptions["onRows"];

  /**
   * Reads file number `fileNumber` (whole, or from `resume` on; up to its `snapshot` size when given).
   * A CSV file is read from its bytes (read-csv-bytes.ts) unless `how.byText` (tests compare the two,
   * with `how.chunkBytes` bytes read at once).
   */
  async read(
    fileNumber: number,
    format: InputFormat,
    resume?: ResumePoint,
    snapshot?: FileSnapshot,
    how: {byText?: boolean; chunkBytes?: number} = {},
  ): Promise<void> {
    const file = this.files[fileNumber];
    this.#fileNames = new Set();
    const onHeader = (names: string[], line: number) => {
      this.#meet(names, fileNumber);
      checkHeader(file, line, names, this.columns);
    };
    const options = {onBytes: this.onBytes, onHeader, resume, snapshot, chunkBytes: how.chunkBytes};
    if (format === "csv" && !how.byText) return readCsvBytes(file, options, this.#csvRowSink(fileNumber));
    for await (const batch of READERS[format](file, options)) {
      for (const record of batch) this.#take(record, fileNumber);
      this.#onRows?.(this.rows, this.columns);
    }
  }

  /** Accepts, rejects or finds a duplicate of one record of file number `fileNumber` (`knownChecked`: options.known already said no). */
  #take(record: RawRecord, fileNumber: number, knownChecked = false): void {
    const {columns, rows, files} = this;
    const file = files[fileNumber];
    this.rowCount++;
    this.#meet(record.names, fileNumber);
    const result = acceptRow(record, columns, this.timeZone);
    if ("reason" in result) {
      this.rejects.push({file, line: record.line, reason: result.reason, fields: recordFields(record)});
      return;
    }
    const hashes = rowHashPair(result.values, columns.hashLayout);
    const hash = hashes[0];
    if (!knownChecked && this.#known?.(hash, hashes[1], record.line)) return;
    const earlier = this.#earlierDuplicate?.(result.values, hash);
    if (earlier !== undefined) {
      this.duplicates.push({file, line: record.line, firstSeen: earlier});
      return;
    }
    const first = this.#duplicateIndex.find(result.values, hash);
    if (first !== -1) {
      this.duplicates.push({file, line: record.line, firstSeen: `${files[rows.file(first)]}:${rows.line(first)}`});
      return;
    }
    this.#duplicateIndex.remember(hash, rows.add(result.values, result.time, fileNumber, record.line, hashes));
  }

  /**
   * Where read-csv-bytes hands a CSV file's rows: a row surely accepted and new is stored from its
   * bytes; any other (a reject, a possible duplicate) becomes the record read-csv would have made
   * and goes through #take, so that what happens to it does not depend on how it was read.
   */
  #csvRowSink(fileNumber: number): CsvRowSink {
    let names: string[] = [];
    let fieldOf = new Int32Array(0); // column number -> field number, or -1
    let timestamp = 0,
      action = 0;
    const asRecord = (bytes: Buffer, fields: FieldSpans, line: number): RawRecord => {
      const values = names.map((_, f) => fieldValue(bytes, fields.starts[f], fields.ends[f], fields.flags[f]));
      return {line, names, values};
    };
    return {
      header: (header) => {
        names = header;
        const numbers = this.columns.numbersOf(header);
        fieldOf = new Int32Array(this.columns.names.length).fill(-1);
        numbers.forEach((column, field) => (fieldOf[column] = field));
        timestamp = fieldOf[this.columns.find("timestamp")];
        action = fieldOf[this.columns.find("action")];
      },
      row: (bytes, fields, line) => {
        if (this.#known) {
          // a known row's values are a cached row's: accepted, not a duplicate, not stored again
          const hashes = rowHashPairOfBytes(bytes, fields, fieldOf, this.columns.hashLayout);
          if (this.#known(hashes[0], hashes[1], line)) {
            this.rowCount++;
            return;
          }
          return this.#take(asRecord(bytes, fields, line), fileNumber, true);
        }
        const time = this.#earlierDuplicate ? undefined : acceptedTime(bytes, fields, timestamp, action, this.timeZone);
        if (time === undefined) return this.#take(asRecord(bytes, fields, line), fileNumber);
        const hashes = rowHashPairOfBytes(bytes, fields, fieldOf, this.columns.hashLayout);
        const hash = hashes[0];
        if (this.#duplicateIndex.holds(hash)) return this.#take(asRecord(bytes, fields, line), fileNumber);
        this.rowCount++;
        this.#duplicateIndex.remember(hash, this.rows.addBytes(bytes, fields, fieldOf, time, fileNumber, line, hash, hashes[1]));
      },
      records: (batch) => {
        for (const record of batch) this.#take(record, fileNumber);
      },
      flush: () => this.#onRows?.(this.rows, this.columns),
    };
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
