/**
 * Reads a CSV log with papaparse's parser, chunk by chunk: `,` or `;` separator (whichever the header
 * line has more of, outside quotes), RFC 4180 quoting with newlines inside quoted fields. A line ends
 * at LF, a CR before it included, line by line (a CRLF file with one LF-only line is read as it
 * looks); a file whose lines end with CR alone is refused. Yields records with the line where each
 * starts. Every line after the header that holds a character is a record: only lines with nothing
 * on them (or a lone CR) are skipped; a line of spaces or `""` is a record with a `problem`, like
 * rows with a wrong field count or malformed quotes. A quote left open at the end of the file and a
 * file without a header throw. Does not look at what the fields mean.
 */
import Papa from "papaparse";
import {InputError} from "../errors.js";
import {detached, type RawRecord, type ReadOptions} from "./raw-record.js";
import {HugeRecord} from "./huge-record.js";
import {MAX_FIELD_CHARS} from "./accept-row.js";
import {malformedRowRecord} from "./malformed-row.js";
import {scanQuotes} from "./quote-scan.js";
import {readTextChunks} from "./read-text.js";

/** An unfinished record may grow to this many characters (V8 strings stop near 512 Mi). */
export const MAX_PENDING_CHARS = 400 * 1024 * 1024;

/**
 * Text is parsed in pieces of this many characters, whatever the read size: the rows of a piece
 * are handed on before the next is parsed, so they die young instead of being copied by the
 * garbage collector (8 MB at once made GC half of the run time).
 */
const PIECE_CHARS = 512 * 1024;

/**
 * A valid field holds at most 1 MiB, written as at most 2 MiB of doubled quotes, its two quotes and
 * a separator: a pending record longer than this per header field is read past (huge-record.ts).
 */
const MAX_RECORD_CHARS_PER_FIELD = 2 * MAX_FIELD_CHARS + 3;

interface ParseResult {
  data: string[][];
  errors: {code: string; row: number; index: number}[];
  meta: {cursor: number};
}

/** Yields the records of a CSV file, one batch per chunk parsed. */
export async function* readCsv(file: string, options: ReadOptions = {}): AsyncGenerator<RawRecord[]> {
  const resume = options.resume;
  yield* parseCsvText(
    file,
    resume ? afterHeader(resume.header ?? "", readTextChunks(file, {...options, start: resume.start})) : readTextChunks(file, options),
    options,
  );
}

/**
 * readCsv of the file's text, given in chunks (from `options.resume` on, after its header text,
 * when resuming): read-csv-bytes hands it the records it leaves to papaparse this way.
 */
export async function* parseCsvText(file: string, chunks: AsyncIterable<string>, options: ReadOptions): AsyncGenerator<RawRecord[]> {
  let rest = ""; // the unparsed start of an unfinished row
  let fresh: string[] = [];
  let freshLength = 0;
  let parser: Papa.Parser | undefined;
  let separator = ",";
  const newline = "\n"; // a CR before it ends the line too: stripped from the row's last field (parseRows)
  let header: string[] | undefined;
  const resume = options.resume;
  // resuming: the header text is parsed first, numbered so that the first new byte is on resume.line
  let line = resume ? resume.line - countNewlines(resume.header ?? "", Infinity) : 1; // where the next row starts
  let huge: HugeRecord | undefined; // a record too long to be valid, being read past

  /** Parses text made of whole rows (all ending with a newline unless `final`). */
  function parseRows(text: string, final: boolean, records: RawRecord[]): void {
    if (text === "" || parser === undefined) return;
    const result: ParseResult = parser.parse(text, 0, !final);
    const rows = result.data;
    const malformed = new Set(result.errors.map((error) => error.row)); // none expected: quote-scan saw to it
    // every row ends with one newline (in the final call, all but the last): more means a quoted
    // field holds newlines, and only then are fields searched for them
    const inFields = countNewlines(text, text.length) - (final ? rows.length - 1 : rows.length);
    const oversized = text.length > 4 * PIECE_CHARS;
    const lines = new LineCursor(text, line);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const start = line;
      line += 1 + (inFields > 0 ? newlinesInRow(row) : 0);
      const last = row[row.length - 1];
      if (last.charCodeAt(last.length - 1) === 13 && !lines.endsQuoted(line - 1)) row[row.length - 1] = last.slice(0, -1); // CRLF
      if (header === undefined) {
        if (row.length === 1 && row[0].trim() === "") continue; // blank lines before the header
        header = row;
        options.onHeader?.(header, start);
        continue;
      }
      if (row.length === 1 && row[0] === "" && lines.isEmpty(start)) continue; // not `""`
      // rows parsed with a huge field would keep it alive through their values: copy them
      records.push(toRecord(oversized ? row.map(detachedUnlessHuge) : row, start, header, malformed.has(r)));
    }
  }

  function parseSome(final: boolean): RawRecord[] {
    let input = rest + fresh.join("");
    fresh = [];
    freshLength = 0;
    rest = "";
    const records: RawRecord[] = [];
    if (huge !== undefined) {
      const after = huge.feed(input, final);
      if (after === undefined) return records;
      if (huge.unclosed) {
        throw new InputError(`${file}:${huge.line}: a quoted field in the record starting here is not closed before the end of the file`);
      }
      records.push(huge.record());
      line += huge.newlines;
      huge = undefined;
      input = after;
    }
    if (input.length > MAX_PENDING_CHARS) {
      throw new InputError(`${file}:${line}: a record of more than 400 MB starts here; is this really a CSV log?`);
    }
    if (parser === undefined) {
      const headerStart = Math.max(0, input.search(/[^\r\n]/)); // blank lines may come first
      const newlineAt = input.indexOf("\n", headerStart);
      if (newlineAt === -1 && !final) {
        rest = input;
        return [];
      }
      const headerLine = input.slice(headerStart, newlineAt === -1 ? input.length : newlineAt);
      const cr = headerLine.indexOf("\r");
      if (cr !== -1 && cr < headerLine.length - 1) {
        // papaparse would read the whole file as one header line ('column "unnamed" appears twice')
        throw new InputError(
          `${file}:${line + countNewlines(input, headerStart)}: the header line holds a carriage return (CR) that does not end it: are the lines ended by CR alone (classic Mac OS)? Save the file with LF or CRLF line ends`,
        );
      }
      separator = detectSeparator(headerLine);
      parser = new Papa.Parser({delimiter: separator, newline});
    }
    for (let at = 0; ;) {
      const scan = scanQuotes(input, at, separator, newline, final);
      if (scan.malformed !== undefined) {
        const {rowStart, openQuote, closeQuote} = scan.malformed;
        const rowEnd = input.indexOf(newline, closeQuote + 1);
        parseRows(input.slice(at, rowStart), false, records);
        if (rowEnd === -1 && !final) {
          rest = input.slice(rowStart); // the row's newline is still to come
          return records;
        }
        const rowText = input.slice(rowStart, rowEnd === -1 ? input.length : rowEnd).replace(/\r$/, "");
        if (header === undefined) {
          throw new InputError(`${file}:${line}: the header line has text after a closing quote (expected a CSV header line)`);
        }
        const quote = {openQuote: openQuote - rowStart, closeQuote: closeQuote - rowStart};
        records.push(malformedRowRecord(rowText, quote, header, line, separator, newline));
        line += 1 + countNewlines(rowText, rowText.length);
        if (rowEnd === -1) return records;
        at = rowEnd + newline.length;
        continue;
      }
      if (final && scan.openQuote !== undefined) throw unclosedQuote(file, input.slice(at), scan.openQuote - at, line);
      parseRows(input.slice(at, scan.pendingStart), final, records);
      rest = input.slice(scan.pendingStart);
      if (header !== undefined && rest.length > header.length * MAX_RECORD_CHARS_PER_FIELD) {
        // no valid row is this long: read past it without papaparse (see huge-record.ts)
        huge = new HugeRecord(line, header, separator, newline);
        return [...records, ...parseSome(final)];
      }
      return records;
    }
  }

  for await (const text of chunks) {
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

/** The header text, then `chunks`. */
export async function* afterHeader(header: string, chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string> {
  if (header !== "") yield header;
  yield* chunks;
}

/** `;` when the header line has more semicolons than commas outside quotes, else `,`. */
export function detectSeparator(headerLine: string): "," | ";" {
  let commas = 0,
    semicolons = 0,
    quoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ",") commas++;
    else if (!quoted && c === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

/** The problem of a line holding only spaces, tabs or `""` (a line with nothing on it is skipped). */
export const BLANK_LINE = 'blank line (only spaces, tabs or "")';

/** Values over 1 MiB are rejected (and cut when reported): copying them would be waste. */
function detachedUnlessHuge(value: string): string {
  return value.length > 1024 * 1024 ? value : detached(value);
}

function toRecord(row: string[], line: number, header: string[], malformed: boolean): RawRecord {
  if (row.length !== header.length) {
    if (row.length === 1 && row[0].trim() === "") return {line, names: header.slice(0, 1), values: row, problem: BLANK_LINE};
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

/**
 * Reads lines of a text parsed at once, for the rare row that needs its raw text: lines are asked
 * for in increasing order, so that all of them cost one pass over the text.
 */
class LineCursor {
  #line: number; // the line that starts at #at
  #at = 0;
  #quotedCr: boolean | undefined; // the text holds `\r"`, a CR that may end a quoted field

  constructor(
    readonly text: string,
    firstLine: number,
  ) {
    this.#line = firstLine;
  }

  /** True when line `line` is empty or a lone CR (an empty line of a CRLF file). */
  isEmpty(line: number): boolean {
    const [start, end] = this.#span(line);
    return end === start || (end === start + 1 && this.text.charCodeAt(start) === 13);
  }

  /**
   * True when line `line` ends (before its LF and any spaces) with a closing quote: a CR at the end
   * of the row's last value is then the quoted field's own, e.g. `"note\r"`, not a CRLF's.
   */
  endsQuoted(line: number): boolean {
    this.#quotedCr ??= this.text.includes('\r"');
    if (!this.#quotedCr) return false;
    const [start, end] = this.#span(line);
    let i = end - 1;
    while (i >= start && /\s/.test(this.text[i])) i--;
    return i >= start && this.text.charCodeAt(i) === 34;
  }

  /** [start, end) of line `line`, its LF excluded. */
  #span(line: number): [number, number] {
    const text = this.text;
    while (this.#line < line) {
      const lf = text.indexOf("\n", this.#at);
      if (lf === -1) break;
      this.#at = lf + 1;
      this.#line++;
    }
    const lf = text.indexOf("\n", this.#at);
    return [this.#at, lf === -1 ? text.length : lf];
  }
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
