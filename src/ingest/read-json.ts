/**
 * Reads a JSON log: an array of records, or an object whose `results` array holds them (the
 * OpenDataSoft API v2 shape). The text is read whole (up to 400 MB: NDJSON reads any size), but
 * parsed record by record (see json-records.ts), each validated by JSON.parse. Also turns a parsed
 * JSON record into a raw record, for the NDJSON reader too. Does not validate fields.
 */
import {stat} from "node:fs/promises";
import {InputError} from "../errors.js";
import {recordSpans, skeleton} from "./json-records.js";
import {MAX_JSON_DEPTH, nestingDepth} from "./json-depth.js";
import {findJsonSyntaxError, lineColumn} from "./json-syntax.js";
import {heldValues} from "./json-value.js";
import type {RawRecord, ReadOptions} from "./raw-record.js";
import {readText} from "./read-text.js";
import {describeFileError} from "./find-inputs.js";

/** Larger JSON files are refused with a hint to use NDJSON. */
export const MAX_JSON_BYTES = 400 * 1024 * 1024;
const BATCH_RECORDS = 10_000;

/** Yields the records of a JSON file, in batches. */
export async function* readJson(file: string, options: ReadOptions = {}): AsyncGenerator<RawRecord[]> {
  const size = options.snapshot?.size ?? (await fileSize(file));
  if (size > MAX_JSON_BYTES) {
    throw new InputError(
      `${file}: ${Math.round(size / 2 ** 20)} MB is too large for one JSON document (limit 400 MB); convert it to NDJSON, one record per line`,
    );
  }
  const text = await readText(file, options);
  const first = text.search(/\S/);
  if (first === -1) throw new InputError(`${file}: the file is empty`);
  if (text[first] !== "[" && text[first] !== "{") {
    const document = parseJson(text, file, 1); // throws, or is a lone value
    throw new InputError(`${file}: expected an array of records or an object with a "results" array, found ${kindOf(document)}`);
  }
  // each record is parsed alone, and the frame around them once, records replaced by 0
  const spans = recordSpans(text, text[first] === "[" ? undefined : "results");
  let frame: unknown;
  try {
    frame = JSON.parse(skeleton(text, spans));
  } catch {
    throw locatedError(text, file);
  }
  const slots = Array.isArray(frame) ? frame : resultsOf(frame);
  if (slots === undefined) {
    throw new InputError(`${file}: expected an array of records or an object with a "results" array, found ${kindOf(frame)}`);
  }
  if (slots.length !== spans.starts.length) throw locatedError(text, file);
  if (spans.repeatedKey !== undefined) {
    const {line, column} = lineColumn(text, spans.repeatedKey.offset);
    throw new InputError(
      `${file}:${line}:${column}: key ${JSON.stringify(spans.repeatedKey.name)} appears a second time in the top-level object (JSON keeps only the last: rows would be lost)`,
    );
  }
  for (let start = 0; start < spans.starts.length; start += BATCH_RECORDS) {
    const batch: RawRecord[] = [];
    for (let i = start; i < Math.min(spans.starts.length, start + BATCH_RECORDS); i++) {
      const recordText = text.slice(spans.starts[i], spans.ends[i]);
      let record: unknown;
      try {
        record = JSON.parse(recordText);
      } catch {
        throw locatedError(text, file);
      }
      batch.push(checkedJsonRecord(record, recordText, spans.lines[i]));
    }
    yield batch;
  }
}

/** The error for text that did not parse in pieces: located by a full parse. */
function locatedError(text: string, file: string): InputError {
  try {
    parseJson(text, file, 1);
  } catch (error) {
    return error as InputError;
  }
  return new InputError(`${file}: invalid JSON`); // the pieces disagree with the whole: not expected
}

/**
 * JSON.parse, or an InputError naming `file:line:column` and what was expected.
 * `firstLine` is the line of the text's first character in the file (NDJSON passes its line).
 */
export function parseJson(text: string, file: string, firstLine: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const found = findJsonSyntaxError(text);
    if (found === undefined) {
      throw new InputError(`${file}:${firstLine}: invalid JSON: ${(error as Error).message}`, {cause: error});
    }
    const {line, column} = lineColumn(text, found.offset);
    throw new InputError(`${file}:${firstLine + line - 1}:${column}: invalid JSON: ${found.message}`, {cause: error});
  }
}

/**
 * jsonRecord for a record parsed from `text`, or a rejected record holding that text when it nests
 * deeper than MAX_JSON_DEPTH: JSON.stringify of its nested fields would overflow the stack. A name
 * repeated inside a record is not looked for: JSON's own rule (the last value wins, as in
 * JSON.parse, jq or Python) applies, since finding one costs a scan of every record's text,
 * measured at 0.6-0.8 times JSON.parse's own time.
 */
export function checkedJsonRecord(value: unknown, text: string, line: number): RawRecord {
  if (text.length > 2 * MAX_JSON_DEPTH && nestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    const problem = `record nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep`;
    return {line, names: ["record"], values: [text.trim()], problem}; // over 2,000 characters: cut when reported
  }
  return jsonRecord(value, line, text);
}

/**
 * A parsed record as a raw record, each value as written (json-value.ts): a string as it is, a
 * number, true, false, null, an object or an array (e.g. a `diff`) as its JSON text, marked.
 * `source` is the record's JSON text, which JSON.parse read into `record`.
 */
export function jsonRecord(record: unknown, line: number, source: string): RawRecord {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    return {line, names: ["record"], values: [jsonText(record)], problem: `record is not a JSON object but ${kindOf(record)}`};
  }
  const names = Object.keys(record);
  return {line, names, values: heldValues(record as Record<string, unknown>, names, source)};
}

/** One JSON value as text, e.g. for a record that is not an object (for its reject). */
export function jsonText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function resultsOf(document: unknown): unknown[] | undefined {
  if (document === null || typeof document !== "object") return undefined;
  const results = (document as {results?: unknown}).results;
  return Object.hasOwn(document, "results") && Array.isArray(results) ? results : undefined;
}

/** e.g. "a number", "an array", "an object without a results array" */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return 'an object without a "results" array';
  return `a ${typeof value}`;
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    throw new InputError(`${file}: ${describeFileError(error)}`, {cause: error});
  }
}
