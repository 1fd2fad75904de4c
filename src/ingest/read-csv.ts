/**
 * Reads a CSV log with papaparse's parser, chunk by chunk: `,` or `;` separator (whichever the header
 * line has more of, outside quotes), LF or CRLF (from the header line), RFC 4180 quoting with
 * newlines inside quoted fields. Yields records with the line where each starts. Rows with a wrong
 * field count or malformed quotes get a `problem`; a quote left open at the end of the file and a
 * file without a header throw. Does not look at what the fields mean.
 */
import Papa from "papaparse";
import {InputError} from "../errors.js";
import {detached, type RawRecord, type ReadOptions} from "./raw-record.js";
import {readTextChunks} from "./read-text.js";

/** An unfinished record may grow to this many characters (V8 strings stop near 512 Mi). */
export const MAX_PENDING_CHARS = 400 * 1024 * 1024;

/**
 * Text is parsed in pieces of this many characters, whatever the read size: the rows of a piece
 * are handed on before the next is parsed, so they die young instead of being copied by the
 * garbage collector (8 MB at once made GC half of the run time).
 */
const PIECE_CHARS = 512 * 1024;

interface ParseResult {
  data: string[][];
  errors: {code: string; row: number; index: number}[];
  meta: {cursor: number};
}

/** Yields the records of a CSV file, one batch per chunk parsed. */
export async function* readCsv(file: string, options: ReadOptions = {}): AsyncGenerator<RawRecord[]> {
  let rest = ""; // the unparsed start of an unfinished row
  let fresh: string[] = [];
  let freshLength = 0;
  let parser: Papa.Parser | undefined;
  let header: string[] | undefined;
  let line = 1; // where the next row starts

  function parseSome(final: boolean): RawRecord[] {
    const input = rest + fresh.join("");
    fresh = [];
    freshLength = 0;
    rest = "";
    if (input.length > MAX_PENDING_CHARS) {
      throw new InputError(`${file}:${line}: a record of more than 400 MB starts here; is this really a CSV log?`);
    }
    if (parser === undefined) {
      const headerStart = Math.max(0, input.search(/[^\r\n]/)); // blank lines may come first
      const newline = input.indexOf("\n", headerStart);
      if (newline === -1 && !final) {
        rest = input;
        return [];
      }
      parser = headerParser(input, headerStart, newline);
    }
    if (input === "") return [];
    const result: ParseResult = parser.parse(input, 0, !final);
    const rows = result.data;
    const cursor = result.meta.cursor;
    if (!final) rest = input.slice(cursor);
    const malformed = new Set<number>();
    let unclosed: {row: number; index: number} | undefined;
    for (const error of result.errors) {
      if (error.row >= rows.length) continue; // the held-back row: parsed again with more text
      if (error.code === "MissingQuotes") unclosed ??= error;
      else malformed.add(error.row);
    }
    // every row ends with one newline (in the final call, all but the last): more means a quoted
    // field holds newlines, and only then are fields searched for them
    const inFields = countNewlines(input, cursor) - (final ? rows.length - 1 : rows.length);
    const firstLine = line;
    const oversized = input.length > 4 * PIECE_CHARS;
    const records: RawRecord[] = [];
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const start = line;
      line += 1 + (inFields > 0 ? newlinesInRow(row) : 0);
      if (unclosed?.row === r) throw unclosedQuote(file, input, unclosed.index - 1, firstLine);
      if (row.length === 1 && row[0].trim() === "") continue; // a blank line
      if (header === undefined) {
        header = row;
        options.onHeader?.(header, start);
        continue;
      }
      // rows parsed with a huge field would keep it alive through their values: copy them
      records.push(toRecord(oversized ? row.map(detachedUnlessHuge) : row, start, header, malformed.has(r)));
    }
    return records;
  }

  for await (const text of readTextChunks(file, options)) {
    for (let start = 0; start < text.length; start += PIECE_CHARS) {
      fresh.push(text.length <= PIECE_CHARS ? text : text.slice(start, start + PIECE_CHARS));
      freshLength += Math.min(PIECE_CHARS, text.length - start);
      // parse when the new text is at least as long as the unfinished row, so that a 50 MB field
      // is scanned a few times in all, not once per piece
      if (freshLength < rest.length) continue;
      const records = parseSome(false);
      if (records.length > 0) yield records;
    }
  }
  const records = parseSome(true);
  if (records.length > 0) yield records;
  if (header === undefined) throw new InputError(`${file}: the file is empty (expected a CSV header line)`);
}

/** `;` when the header line has more semicolons than commas outside quotes, else `,`. */
export function detectSeparator(headerLine: string): "," | ";" {
  let commas = 0, semicolons = 0, quoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ",") commas++;
    else if (!quoted && c === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

function headerParser(input: string, start: number, newline: number): Papa.Parser {
  const headerLine = input.slice(start, newline === -1 ? input.length : newline);
  return new Papa.Parser({
    delimiter: detectSeparator(headerLine),
    newline: newline > 0 && input[newline - 1] === "\r" ? "\r\n" : "\n",
  });
}

/** Values over 1 MiB are rejected (and cut when reported): copying them would be waste. */
function detachedUnlessHuge(value: string): string {
  return value.length > 1024 * 1024 ? value : detached(value);
}

function toRecord(row: string[], line: number, header: string[], malformed: boolean): RawRecord {
  if (row.length !== header.length) {
    const names = header.slice(0, row.length);
    for (let i = header.length; i < row.length; i++) names.push(`#${i + 1}`);
    return {line, names, values: row, problem: `row has ${row.length} fields, the header has ${header.length}`};
  }
  if (malformed) return {line, names: header, values: row, problem: "malformed quotes: a quoted field has text after its closing quote"};
  return {line, names: header, values: row};
}

function unclosedQuote(file: string, input: string, quoteIndex: number, firstLine: number): InputError {
  const line = firstLine + countNewlines(input, quoteIndex);
  const column = quoteIndex - input.lastIndexOf("\n", quoteIndex - 1);
  return new InputError(`${file}:${line}:${column}: the quoted field opened here is not closed before the end of the file`);
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

function newlinesInRow(row: string[]): number {
  let count = 0;
  for (const field of row) {
    if (field.indexOf("\n") !== -1) count += countNewlines(field, field.length);
  }
  return count;
}
