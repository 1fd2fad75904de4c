/**
 * The "See source data" files: a period's accepted rows as CSV and JSON, and rejects.csv.
 * CSV cells are all quoted and defused against spreadsheet formulas (OWASP CSV injection); JSON keeps
 * the raw values. Rows are written in chunks so a million-row download never becomes one string.
 */
import type {ColumnTable} from "arquero";
import type {RejectedRow} from "../ingest/types.js";

/** Characters that make a spreadsheet read a cell as a formula, with their full-width forms. */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Quotes one CSV cell and prefixes `'` to a text that a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

/** One CSV line (CRLF-terminated, as RFC 4180 says). */
export const csvLine = (values: readonly string[]): string => values.map(csvCell).join(",") + "\r\n";

/** A sink that takes text chunks, e.g. a file write stream; resolves when the chunk is accepted. */
export type TextSink = (chunk: string) => Promise<void>;

const CHUNK_CHARS = 1 << 20;

/** Copies the rows' named columns out of an Arquero table (filtered tables included). */
function columnArrays(rows: ColumnTable, columns: readonly string[]): string[][] {
  return columns.map((name) => rows.array(name) as string[]);
}

/**
 * Writes the rows as CSV: a header of `columns`, then one line per row, in table order.
 * @returns the number of data rows written
 */
export async function writeActivityCsv(rows: ColumnTable, columns: readonly string[], sink: TextSink): Promise<number> {
  const data = columnArrays(rows, columns);
  const count = rows.numRows();
  let chunk = csvLine(columns);
  for (let i = 0; i < count; i++) {
    chunk += csvLine(data.map((column) => column[i] ?? ""));
    if (chunk.length > CHUNK_CHARS) {
      await sink(chunk);
      chunk = "";
    }
  }
  await sink(chunk);
  return count;
}

/**
 * Writes the rows as a JSON array of objects with the raw string values (not defused: JSON readers
 * do not evaluate formulas). One record per line, so the file can be read line by line too.
 */
export async function writeActivityJson(rows: ColumnTable, columns: readonly string[], sink: TextSink): Promise<number> {
  const data = columnArrays(rows, columns);
  const count = rows.numRows();
  const keys = columns.map((name) => JSON.stringify(name) + ":");
  let chunk = "[";
  for (let i = 0; i < count; i++) {
    let record = i === 0 ? "\n{" : ",\n{";
    for (let c = 0; c < keys.length; c++) record += (c === 0 ? "" : ",") + keys[c] + JSON.stringify(data[c][i] ?? "");
    chunk += record + "}";
    if (chunk.length > CHUNK_CHARS) {
      await sink(chunk);
      chunk = "";
    }
  }
  await sink(chunk + "\n]\n");
  return count;
}

/** rejects.csv: file, line, reason, then the union of the rejected rows' raw fields. */
export function rejectsCsv(rejects: readonly RejectedRow[]): string {
  const fieldNames: string[] = [];
  const seen = new Set<string>();
  for (const reject of rejects) {
    for (const name of Object.keys(reject.fields)) {
      if (!seen.has(name)) {
        seen.add(name);
        fieldNames.push(name);
      }
    }
  }
  const lines = [csvLine(["file", "line", "reason", ...fieldNames])];
  for (const reject of rejects) {
    lines.push(csvLine([reject.file, String(reject.line), reject.reason, ...fieldNames.map((name) => reject.fields[name] ?? "")]));
  }
  return lines.join("");
}
