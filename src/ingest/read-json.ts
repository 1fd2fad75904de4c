/**
 * Reads a JSON log: an array of records, or an object whose `results` array holds them (the
 * OpenDataSoft API v2 shape). The file is read whole (up to 400 MB: NDJSON reads any size) and
 * validated by JSON.parse; a small scanner finds the line where each record starts. Also turns a
 * parsed JSON record into a raw record, for the NDJSON reader too. Does not validate fields.
 */
import {stat} from "node:fs/promises";
import {InputError} from "../errors.js";
import {findJsonSyntaxError, lineColumn} from "./json-syntax.js";
import type {RawRecord, ReadOptions} from "./raw-record.js";
import {describeFileError, readText} from "./read-text.js";

/** Larger JSON files are refused with a hint to use NDJSON. */
export const MAX_JSON_BYTES = 400 * 1024 * 1024;
const BATCH_RECORDS = 10_000;

/** Yields the records of a JSON file, in batches. */
export async function* readJson(file: string, options: ReadOptions = {}): AsyncGenerator<RawRecord[]> {
  const size = await fileSize(file);
  if (size > MAX_JSON_BYTES) {
    throw new InputError(`${file}: ${Math.round(size / 2 ** 20)} MB is too large for one JSON document (limit 400 MB); convert it to NDJSON, one record per line`);
  }
  const text = await readText(file, options);
  if (text.trim() === "") throw new InputError(`${file}: the file is empty`);
  const document = parseJson(text, file, 1);
  const records = Array.isArray(document) ? document : resultsOf(document);
  if (records === undefined) {
    throw new InputError(`${file}: expected an array of records or an object with a "results" array, found ${kindOf(document)}`);
  }
  const lines = recordStartLines(text, Array.isArray(document) ? undefined : "results");
  for (let start = 0; start < records.length; start += BATCH_RECORDS) {
    const batch = records.slice(start, start + BATCH_RECORDS);
    yield batch.map((record, i) => jsonRecord(record, lines[start + i]));
  }
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
 * A parsed record as a raw record: strings as they are, null -> "", numbers and booleans
 * -> String(v), objects and arrays (e.g. a `diff`) -> JSON.stringify(v).
 */
export function jsonRecord(record: unknown, line: number): RawRecord {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    return {line, names: ["record"], values: [jsonText(record)], problem: `record is not a JSON object but ${kindOf(record)}`};
  }
  const names = Object.keys(record);
  const values = names.map((name) => jsonText((record as Record<string, unknown>)[name]));
  return {line, names, values};
}

/** One JSON value as a field's text. */
export function jsonText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * The 1-based line where each element of the records array starts: the top-level array, or the
 * array under `key` in the top-level object (the last one, as JSON.parse keeps the last). Expects
 * valid JSON, where newlines only occur between tokens.
 */
export function recordStartLines(text: string, key?: string): number[] {
  let lines: number[] = [];
  const stack: number[] = [];
  let line = 1, recordsDepth = -1, awaiting = false, keyNext = false;
  let lastKey: string | undefined; // the last property name read in the top-level object
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (c === 10 || c === 32 || c === 13 || c === 9) continue;
    if (awaiting && stack.length === recordsDepth && c !== 93) {
      lines.push(line);
      awaiting = false;
    }
    if (c === 34) {
      const end = closingQuote(text, i);
      if (keyNext && stack.length === 1) {
        const raw = text.slice(i + 1, end);
        lastKey = raw.includes("\\") ? JSON.parse(text.slice(i, end + 1)) : raw;
      }
      keyNext = false;
      i = end;
    } else if (c === 123 || c === 91) {
      stack.push(c);
      keyNext = c === 123;
      if (c === 91 && (key === undefined ? stack.length === 1 : stack.length === 2 && lastKey === key)) {
        recordsDepth = stack.length;
        awaiting = true;
        lines = [];
      }
    } else if (c === 125 || c === 93) {
      stack.pop();
      if (stack.length < recordsDepth) recordsDepth = -1;
    } else if (c === 44) {
      if (stack.length === recordsDepth) awaiting = true;
      keyNext = stack[stack.length - 1] === 123;
    }
  }
  return lines;
}

function closingQuote(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  while (end !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return text.length; // not reached on valid JSON
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
  if (typeof value === "object") return "an object without a \"results\" array";
  return `a ${typeof value}`;
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    throw new InputError(`${file}: ${describeFileError(error)}`, {cause: error});
  }
}
