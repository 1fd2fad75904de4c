/**
 * Reads an NDJSON / JSON Lines log: one JSON record per line, LF or CRLF. Streams: only the current
 * line is held whole, however long it is. A line that is not valid JSON fails the file with
 * file:line:column (saying so when lines seem to end with CR alone); a line holding something other
 * than an object, or only spaces and tabs, becomes a record with a `problem`; a line with nothing on
 * it (or a lone CR) is skipped, as in CSV. Does not validate fields.
 */
import {InputError} from "../errors.js";
import {detached, type RawRecord, type ReadOptions} from "./raw-record.js";
import {checkedJsonRecord, parseJson} from "./read-json.js";
import {readTextChunks} from "./read-text.js";

/** A line may grow to this many characters (V8 strings stop near 512 Mi). */
export const MAX_LINE_CHARS = 400 * 1024 * 1024;

/** Yields the records of an NDJSON file, one batch per chunk read. */
export async function* readNdjson(file: string, options: ReadOptions = {}): AsyncGenerator<RawRecord[]> {
  let line = options.resume?.line ?? 1; // the line that `pending` belongs to
  let pending: string[] = []; // the start of a line split across chunks
  let pendingLength = 0;
  let seenText = false;

  const toRecord = (text: string, records: RawRecord[]) => {
    if (text === "" || text === "\r") return; // an empty line
    seenText = true;
    if (text.trim() === "") records.push({line, names: ["record"], values: [detached(text)], problem: "blank line (only spaces or tabs)"});
    else records.push(checkedJsonRecord(parseNdjsonLine(text, file, line), text, line));
  };

  for await (const chunk of readTextChunks(file, {...options, start: options.resume?.start})) {
    const records: RawRecord[] = [];
    let start = 0;
    for (let end = chunk.indexOf("\n"); end !== -1; end = chunk.indexOf("\n", start)) {
      let text = chunk.slice(start, end);
      if (pending.length > 0) {
        text = pending.join("") + text;
        pending = [];
        pendingLength = 0;
      }
      toRecord(text, records);
      line++;
      start = end + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.slice(start));
      pendingLength += chunk.length - start;
      if (pendingLength > MAX_LINE_CHARS) {
        throw new InputError(`${file}:${line}: this line is longer than 400 MB; is this really an NDJSON log?`);
      }
    }
    if (records.length > 0) yield records;
  }
  const last: RawRecord[] = [];
  if (pending.length > 0) toRecord(pending.join(""), last);
  if (!seenText && !options.resume) throw new InputError(`${file}: the file is empty`);
  if (last.length > 0) yield last;
}

/** parseJson, saying so when a CR ends a valid record and another follows (CR-only line ends). */
function parseNdjsonLine(text: string, file: string, line: number): unknown {
  try {
    return parseJson(text, file, line);
  } catch (error) {
    const cr = text.indexOf("\r");
    if (cr === -1 || cr === text.length - 1 || !isJson(text.slice(0, cr))) throw error;
    throw new InputError(
      `${file}:${line}: a carriage return (CR) ends a record without a line feed: are the lines ended by CR alone (classic Mac OS)? Save the file with LF or CRLF line ends`,
      {cause: error},
    );
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
