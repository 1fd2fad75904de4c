/**
 * Makes the rejected record of a CSV row with text after a closing quote (`2025-…,"edit"x,1`), once
 * read-csv has cut the row at its next newline. The malformed field is kept as written, quotes
 * included; the fields before and after it are read as usual, so the report shows the row as the
 * user sees it. Does not decide where the row ends (quote-scan does).
 */
import Papa from "papaparse";
import type {RawRecord} from "./raw-record.js";

/** Where the malformed field is in the row's text (indexes into that text). */
export interface MalformedQuote {
  openQuote: number;
  closeQuote: number;
}

/**
 * The record of a row whose field at `quote` has text after its closing quote, with a problem
 * such as `field 2 ("action"): text after the closing quote`.
 */
export function malformedRowRecord(
  rowText: string,
  quote: MalformedQuote,
  header: string[],
  line: number,
  separator: string,
  newline: "\n" | "\r\n",
): RawRecord {
  const fieldsOf = (text: string) => new Papa.Parser({delimiter: separator, newline}).parse(text, 0, false).data.flat() as string[];
  // the text before the quote is "" or ends with the separator: its last field is the bad one
  const before = quote.openQuote === 0 ? [] : fieldsOf(rowText.slice(0, quote.openQuote)).slice(0, -1);
  const fieldEnd = rowText.indexOf(separator, quote.closeQuote + 1);
  const values = [...before, rowText.slice(quote.openQuote, fieldEnd === -1 ? rowText.length : fieldEnd)];
  if (fieldEnd !== -1) {
    const after = rowText.slice(fieldEnd + 1);
    values.push(...(after === "" ? [""] : fieldsOf(after)));
  }
  const names = header.slice(0, values.length);
  for (let i = header.length; i < values.length; i++) names.push(`#${i + 1}`);
  const number = before.length + 1;
  return {line, names, values, problem: `field ${number} ("${names[number - 1]}"): text after the closing quote`};
}
