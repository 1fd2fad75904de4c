/**
 * The shape of the log once read: what ingest promises every later stage. No parsing here.
 */
import type {ColumnTable} from "arquero";
import type {LogRows, RowOrigins} from "./log-rows.js";
import type {ColumnIndex} from "./accept-row.js";
import type {InputFile} from "./find-inputs.js";

export {END_TIME, FIRST_TIME, FIRST_YEAR, InputFormat, isInputFormat, LAST_YEAR, LOG_FIELDS, type LogField} from "./log-fields.js";
import type {InputFormat} from "./log-fields.js";

/** A row that did not make it into the report, with why. */
export interface RejectedRow {
  /** the input file's path as given on the command line (or found in a given directory) */
  file: string;
  /** 1-based line in that file where the row starts */
  line: number;
  /** one short sentence, e.g. `timestamp "2025-02-30T10:00:00Z" is not a valid date` */
  reason: string;
  /** the raw fields as read (values longer than 1 KiB are cut and marked) */
  fields: Record<string, string>;
}

/** rows = accepted + rejected + duplicates, always. */
export interface IngestCounts {
  files: number;
  rows: number;
  accepted: number;
  rejected: number;
  duplicates: number;
}

/** Where a duplicate was seen: reported, not an error. */
export interface DuplicateRow {
  file: string;
  line: number;
  /** file:line of the first occurrence */
  firstSeen: string;
}

export interface ActivityLog {
  /**
   * Accepted, de-duplicated rows sorted by time ascending (ties keep input order: file, then line).
   * Columns: `time` (epoch milliseconds, number) and every name in `columns` as a string, as
   * json-value.ts holds it: a CSV value or a JSON string as it is, another JSON value (a number,
   * null...) as its marked JSON text ("" where a file has no such column). addPeriodKeys turns the
   * columns the indicators count into their text.
   */
  table: ColumnTable;
  /** each table row's file, line and hashes, in table order */
  rows: RowOrigins;
  /**
   * Output column order: the known LOG_FIELDS that appear in any input, in LOG_FIELDS order, then
   * unknown extra columns in order of first appearance. Known fields use their canonical lowercase
   * name whatever the header said ("  User_ID " -> "user_id").
   */
  columns: string[];
  /** the column numbering of the row hashes (accept-row.ts ColumnIndex names, in number order) */
  columnNames: string[];
  rejects: RejectedRow[];
  duplicates: DuplicateRow[];
  counts: IngestCounts;
  /** the files read, in order */
  files: string[];
}

export interface IngestOptions {
  /** files or directories (every .csv/.json/.ndjson/.jsonl file inside, in name order) */
  inputs: string[];
  /** overrides the format taken from each file's extension */
  format?: InputFormat;
  /**
   * the files of `inputs` as the build found them (findInputs, with the sizes its snapshot read):
   * each is read up to that size; defaults to finding them now
   */
  files?: InputFile[];
  /** IANA zone used to read timestamps that carry no offset */
  timeZone: string;
  /** called as bytes are read, for a progress bar */
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
  /**
   * sees the accepted rows while they are read: called after each batch read with every row accepted
   * so far, in input order (rows are only ever added), and the columns' names and numbers
   */
  onRows?: (rows: LogRows, columns: ColumnIndex) => void;
}
