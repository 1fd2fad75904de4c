/**
 * The shape every reader yields: one raw record per CSV row / JSON element / NDJSON line, with the
 * line where it starts and its field names and values as strings (JSON values as json-value.ts
 * holds them). No validation here: readers only note what they alone can see (a CSV row with the
 * wrong number of fields, a JSON value that is not an object) in `problem`; accept-row decides the rest.
 */
import {fieldText} from "./json-value.js";
import type {FileSnapshot} from "./find-inputs.js";

/** One record as read, before validation. */
export interface RawRecord {
  /** 1-based line in its file where the record starts */
  line: number;
  /** field names as written in the file (a CSV file's rows share one header array) */
  names: string[];
  /** values, parallel to `names`: strings, or for JSON values that are not strings their marked JSON text (json-value.ts) */
  values: string[];
  /** set by the reader when the record cannot be used, e.g. `row has 14 fields, the header has 12` */
  problem?: string;
}

/** What every reader takes. */
export interface ReadOptions {
  /** called with the number of bytes just read, for progress */
  onBytes?: (bytes: number) => void;
  /** CSV only: called once with the header's names, before any record */
  onHeader?: (names: string[], line: number) => void;
  /** bytes per read; defaults to 1 MiB */
  chunkBytes?: number;
  /**
   * Read only the bytes from `start` on (what was appended since a previous read that ended there,
   * on a record boundary), numbering lines from `line`. CSV needs the file's `header` text (its
   * header line with the newline) to read them. Defaults to the whole file.
   */
  resume?: ResumePoint;
  /** read only the first `size` bytes of this file, the build's snapshot of it (read-text.ts) */
  snapshot?: FileSnapshot;
}

/** Where a previous read of a file ended, on a record boundary (build-cache.ts keeps it). */
export interface ResumePoint {
  /** byte offset of the first byte not read */
  start: number;
  /** the line number of that byte */
  line: number;
  /** CSV: the header line as text, with its newline, e.g. "timestamp,action\n" */
  header?: string;
}

/** A reader: yields records in batches (one batch per chunk read), in file order. */
export type RecordReader = (file: string, options?: ReadOptions) => AsyncGenerator<RawRecord[]>;

/** Values longer than this are cut in reports (1 KiB). */
export const REPORTED_VALUE_CHARS = 1024;

/** Cuts a value for a report, e.g. "aaaa… [cut: 52428800 characters]". */
export function cutValue(value: string, limit = REPORTED_VALUE_CHARS): string {
  if (value.length <= limit) return value;
  // do not leave half of a surrogate pair at the cut
  const end = isHighSurrogate(value.charCodeAt(limit - 1)) ? limit - 1 : limit;
  return detached(`${value.slice(0, end)}… [cut: ${value.length} characters]`);
}

/**
 * A copy of `value` that does not point into the string it was cut from. V8 makes a substring
 * of 13 characters or more a view on its parent: a kept 30-character value would otherwise keep
 * a 50 MB chunk (or a 50 MB rejected field) alive.
 */
export function detached(value: string): string {
  return value.length < 13 ? value : Buffer.from(value, "utf16le").toString("utf16le");
}

/**
 * The record as an object of name -> value (as text: fieldText), values cut to 1 KiB; safe for
 * names like "__proto__".
 */
export function recordFields(record: RawRecord, limit = REPORTED_VALUE_CHARS): Record<string, string> {
  const fields: Record<string, string> = {};
  record.names.forEach((name, i) => {
    const value = cutValue(fieldText(record.values[i] ?? ""), limit);
    Object.defineProperty(fields, name, {value, enumerable: true, writable: true, configurable: true});
  });
  return fields;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
