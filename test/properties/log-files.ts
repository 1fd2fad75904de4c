/**
 * Writes generated logs as files the way a user's tools would (an RFC 4180 CSV writer with `,` or
 * `;`, LF or CRLF or both mixed, an optional BOM and blank lines; NDJSON), remembering the line each record starts
 * on, and predicts by hand what ingest must return for them: accepted rows in time order, rejects
 * and duplicates with file and line. Uses none of the code under test.
 */
import {LOG_FIELDS} from "../../src/ingest/types.js";
import {EXTRA_COLUMNS, expectedTime, type GeneratedLog, type LogRecord} from "./log-model.js";

export interface CsvStyle {
  separator: "," | ";";
  newline: "\n" | "\r\n";
  bom: boolean;
  /** record indexes preceded by a blank line */
  blankBefore: number[];
  /** record indexes whose line ends with the other newline (LF in a CRLF file, CRLF in an LF file) */
  otherNewlineAfter?: number[];
  /** lines written as they are before record `before` (or at the end), e.g. a row with 40 fields */
  raw?: RawLine[];
}

/** A line written as it is, that ingest must reject for a reason matching `reason`. */
export interface RawLine {
  before: number;
  text: string;
  reason: RegExp;
}

/** A written file: its text and the 1-based line each record and each raw line starts on. */
export interface WrittenLog {
  text: string;
  lines: number[];
  /** parallel to the style's `raw` */
  rawLines: number[];
}

const countLf = (text: string) => text.split("\n").length - 1;

/** One RFC 4180 cell: quoted when it holds the separator, a quote, CR or LF. */
export function csvCell(value: string, separator: string): string {
  const needsQuotes = value.includes(separator) || value.includes('"') || value.includes("\r") || value.includes("\n");
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Writes `head`, then each record's text, with the blank and raw lines of `style` in between,
 * and notes the line each record and raw line starts on.
 */
function writeLines(head: string, records: string[], style: Pick<CsvStyle, "newline" | "blankBefore" | "raw" | "otherNewlineAfter">): WrittenLog {
  const other = style.newline === "\n" ? "\r\n" : "\n";
  let text = head;
  const lines: number[] = [];
  const rawLines: number[] = [];
  const addRaw = (before: number) => {
    for (const [k, raw] of (style.raw ?? []).entries()) {
      if (raw.before !== before && !(before === records.length && raw.before > before)) continue;
      rawLines[k] = countLf(text) + 1;
      text += raw.text + style.newline;
    }
  };
  records.forEach((record, i) => {
    if (style.blankBefore.includes(i)) text += style.newline;
    addRaw(i);
    lines.push(countLf(text) + 1);
    text += record + (style.otherNewlineAfter?.includes(i) ? other : style.newline);
  });
  addRaw(records.length);
  return {text, lines, rawLines};
}

/** The log as CSV: a header of the written names, then one row per record ("" for absent values). */
export function writeCsv(log: GeneratedLog, style: CsvStyle): WrittenLog {
  const row = (cells: string[]) => cells.map((cell) => csvCell(cell, style.separator)).join(style.separator);
  const header = (style.bom ? "\ufeff" : "") + row(log.columns.map((name) => log.written[name])) + style.newline;
  return writeLines(
    header,
    log.records.map((record) => row(log.columns.map((name) => record.values[name] ?? ""))),
    style,
  );
}

/** The log as NDJSON: one object per line keyed by the written names, absent values left out. */
export function writeNdjson(log: GeneratedLog, style: Pick<CsvStyle, "newline" | "blankBefore" | "raw" | "otherNewlineAfter">): WrittenLog {
  const line = (record: LogRecord) => {
    const object: Record<string, string> = {};
    for (const name of log.columns) {
      if (Object.hasOwn(record.values, name)) object[log.written[name]] = record.values[name];
    }
    return JSON.stringify(object);
  };
  return writeLines("", log.records.map(line), style);
}

/** One file of a test: where it is, what was written and how. */
export interface LogFile {
  path: string;
  log: GeneratedLog;
  written: WrittenLog;
  format: "csv" | "ndjson";
  /** the raw lines written in it, parallel to written.rawLines */
  raw?: RawLine[];
}

export interface ExpectedRow {
  file: string;
  line: number;
  time: number;
  /** by output column name, "" where absent */
  values: Record<string, string>;
}

export interface ExpectedIngest {
  columns: string[];
  /** in table order: by time, ties in input order */
  accepted: ExpectedRow[];
  /** in input order; a raw line has no record, only the reason it must be refused for */
  rejects: {file: string; line: number; format: "csv" | "ndjson"; record?: LogRecord; log?: GeneratedLog; reason?: RegExp}[];
  duplicates: {file: string; line: number; firstSeen: string}[];
}

/** Output name of a canonical column: extra columns as ingest renames them. */
const outputName = (name: string) => EXTRA_COLUMNS[name] ?? name;

/** What ingest must return for these files, read in this order, in a zone with this fixed offset. */
export function expectIngest(files: LogFile[], zoneOffsetMinutes: number): ExpectedIngest {
  const extras: string[] = [];
  for (const {log, format} of files) {
    for (const name of log.columns) {
      if (Object.hasOwn(EXTRA_COLUMNS, name) && !extras.includes(outputName(name))) {
        // a CSV header declares the column; NDJSON only when a record has the key
        if (format === "csv" || log.records.some((r) => Object.hasOwn(r.values, name))) extras.push(outputName(name));
      }
    }
  }
  // every record holds the twelve fields: they appear with a CSV header or any NDJSON record
  const anyFields = files.some(({log, format}) => format === "csv" || log.records.length > 0);
  const columns = [...(anyFields ? LOG_FIELDS : []), ...extras];
  const accepted: (ExpectedRow & {order: number})[] = [];
  const rejects: ExpectedIngest["rejects"] = [];
  const duplicates: ExpectedIngest["duplicates"] = [];
  const firstByKey = new Map<string, string>();
  for (const {path, log, written, format, raw = []} of files) {
    const fileRejects: ExpectedIngest["rejects"] = raw.map(({reason}, k) => ({file: path, line: written.rawLines[k], format, reason}));
    log.records.forEach((record, i) => {
      const line = written.lines[i];
      const time = expectedTime(record, zoneOffsetMinutes);
      if (time === undefined || record.blankAction) {
        fileRejects.push({file: path, line, record, log, format});
        return;
      }
      const values: Record<string, string> = Object.fromEntries(columns.map((c) => [c, ""]));
      for (const [name, value] of Object.entries(record.values)) values[outputName(name)] = value;
      const key = JSON.stringify(columns.map((c) => values[c]));
      const first = firstByKey.get(key);
      if (first !== undefined) {
        duplicates.push({file: path, line, firstSeen: first});
        return;
      }
      firstByKey.set(key, `${path}:${line}`);
      accepted.push({file: path, line, time, values, order: accepted.length});
    });
    rejects.push(...fileRejects.sort((a, b) => a.line - b.line));
  }
  accepted.sort((a, b) => a.time - b.time || a.order - b.order);
  return {columns, accepted: accepted.map(({order: _, ...row}) => row), rejects, duplicates};
}
