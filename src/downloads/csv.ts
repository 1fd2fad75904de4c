/**
 * CSV formatting for the downloads (source-data.ts writes the files) and rejects.csv. Every cell is
 * quoted and defused against spreadsheet formulas (OWASP CSV injection); JSON downloads keep the raw
 * values, since JSON readers do not evaluate formulas. Values are as ingest holds them (json-value.ts).
 */
import {fieldText} from "../ingest/json-value.js";
import type {RejectedRow} from "../ingest/types.js";

/** First characters that make a spreadsheet read a cell as a formula, with their full-width forms. */
const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r", "\n", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]);

/**
 * Quotes one CSV cell and prefixes `'` to a text that a spreadsheet would run as a formula. A NUL
 * becomes U+FFFD: CSV readers stop at it (Python's csv module: "line contains NUL", spreadsheets cut
 * the cell); the JSON download keeps it (as \u0000).
 */
export function csvCell(held: string): string {
  let value = fieldText(held); // a JSON null is an empty cell, a number its digits as written
  if (value.includes("\0")) value = value.replaceAll("\0", "\uFFFD");
  const text = value.length > 0 && FORMULA_START.has(value[0]) ? `'${value}` : value;
  return text.includes('"') ? `"${text.replaceAll('"', '""')}"` : `"${text}"`;
}

/** One CSV line (CRLF-terminated, as RFC 4180 says). */
export const csvLine = (values: readonly string[]): string => csvLineOf(values.map(csvCell));

/** csvLine from each value's cell (csvCell of the value), e.g. for values formatted once. */
export const csvLineOf = (cells: readonly string[]): string => cells.join(",") + "\r\n";

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
