/**
 * Reads a file as UTF-8 text, chunk by chunk, so that no reader ever needs the whole file as one
 * string. Fails the file (InputError naming file and line) on a NUL byte (not a text file) or on
 * bytes that are not valid UTF-8: text is never silently mangled. A leading BOM is dropped.
 * Given the build's snapshot of the file (find-inputs.ts), reads that file's first `size` bytes only,
 * however much it has grown since. Does not parse anything.
 */
import {isUtf8} from "node:buffer";
import {createReadStream} from "node:fs";
import {open, type FileHandle} from "node:fs/promises";
import {InputError} from "../errors.js";
import {describeFileError, type FileSnapshot} from "./find-inputs.js";

/**
 * Default bytes per read: large enough to amortise parsing, small enough that its text is not a
 * large object for V8. Text with a non-ASCII character decodes to two bytes per character, and a
 * string of a 1 MiB chunk went to V8's large-object space, fresh memory each time (costly on this
 * machine, see docs/performance.md, "Where the time goes"): decoding the bench's 177 MB CSV (a third of its lines
 * hold an accented letter) in 1 MiB chunks took 1.2-1.4 s, in 64 KiB chunks 0.2 s, and the whole
 * ingest 7.0-10.0 s instead of 8.5-12.8 s (5 interleaved pairs). 1 MiB had beaten 8 MiB before.
 */
export const CHUNK_BYTES = 64 * 1024;

export interface TextReadOptions {
  chunkBytes?: number;
  /** byte offset to start at (a record boundary); defaults to 0 */
  start?: number;
  onBytes?: (bytes: number) => void;
  /** read only the first `size` bytes of this file (the build's snapshot of it), else up to its end */
  snapshot?: FileSnapshot;
}

/**
 * Yields the file's text in chunks; a multi-byte character is never split between chunks.
 * Validation (`isUtf8`) and decoding (`toString`) are native and fast; a streaming fatal
 * TextDecoder measured three times slower, so characters cut at a chunk's end are carried by hand.
 */
export async function* readTextChunks(file: string, options: TextReadOptions = {}): AsyncGenerator<string> {
  const start = options.start ?? 0;
  const {snapshot} = options;
  const stop = snapshot?.size ?? Number.POSITIVE_INFINITY;
  const handle = snapshot && (await openSnapshot(snapshot));
  const highWaterMark = options.chunkBytes ?? CHUNK_BYTES;
  // the stream's end is inclusive and may not come before its start: a byte past the snapshot is cut below
  const stream = !handle ? createReadStream(file, {highWaterMark, start}) : handle.createReadStream({highWaterMark, start, end: Math.max(start, stop - 1)});
  let offset = start; // bytes before the current chunk
  let carried: Buffer = Buffer.alloc(0); // the start of a character cut at the previous chunk's end
  let started = start > 0; // a first non-empty text was yielded (the BOM is looked for there)
  const decode = async (bytes: Buffer, at: number): Promise<string> => {
    if (!isUtf8(bytes)) throw await invalidUtf8(file, at, bytes);
    let text = bytes.toString("utf8");
    if (!started && text !== "") {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  };
  try {
    for await (const whole of stream as AsyncIterable<Buffer>) {
      const chunk = offset + whole.length > stop ? whole.subarray(0, Math.max(0, stop - offset)) : whole;
      if (chunk.length === 0) continue;
      const nul = chunk.indexOf(0);
      if (nul !== -1) {
        throw new InputError(`${file}:${await lineAt(file, offset + nul)}: NUL byte: this is not a text file`);
      }
      options.onBytes?.(chunk.length);
      let bytes = chunk;
      let at = offset;
      offset += chunk.length;
      if (carried.length > 0) {
        const need = sequenceLength(carried[0]) - carried.length;
        if (bytes.length < need) {
          carried = Buffer.concat([carried, bytes]);
          continue;
        }
        const head = await decode(Buffer.concat([carried, bytes.subarray(0, need)]), at - carried.length);
        if (head) yield head;
        bytes = bytes.subarray(need);
        at += need;
      }
      const end = completeEnd(bytes);
      carried = bytes.subarray(end);
      const text = await decode(bytes.subarray(0, end), at);
      if (text) yield text;
    }
    if (offset < stop && snapshot) throw new InputError(`${file}: it was cut to ${offset} bytes while the build read it (it had ${stop}); run the build again`);
    if (carried.length > 0) throw await invalidUtf8(file, offset - carried.length, carried);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: ${describeFileError(error)}`, {cause: error});
  } finally {
    stream.destroy();
  }
}

/**
 * Opens the file of a snapshot to read its first `snapshot.size` bytes: an InputError when another
 * file took its place (a log rotation) or it lost bytes since (truncated): what was found is gone,
 * and the next build starts from what is there then.
 */
export async function openSnapshot(snapshot: FileSnapshot): Promise<FileHandle> {
  const fail = (error: unknown) => new InputError(`${snapshot.path}: ${describeFileError(error)}`, {cause: error});
  const handle = await open(snapshot.path, "r").catch((error) => Promise.reject(fail(error)));
  let problem: string | undefined;
  try {
    const now = await handle.stat();
    if (now.dev !== snapshot.dev || now.ino !== snapshot.ino) problem = "another file took its place while the build read it (a log rotation?)";
    else if (now.size < snapshot.size) problem = `it was cut to ${now.size} bytes while the build read it (it had ${snapshot.size})`;
  } catch (error) {
    await handle.close();
    throw fail(error);
  }
  if (problem === undefined) return handle;
  await handle.close();
  throw new InputError(`${snapshot.path}: ${problem}; run the build again`);
}

/** Reads the whole file as one string (for whole-array JSON). */
export async function readText(file: string, options: TextReadOptions = {}): Promise<string> {
  const parts: string[] = [];
  for await (const text of readTextChunks(file, options)) parts.push(text);
  return parts.join("");
}

async function invalidUtf8(file: string, start: number, bytes: Uint8Array): Promise<InputError> {
  const at = firstInvalidUtf8(bytes, true);
  const where = start + Math.max(0, at);
  const line = await lineAt(file, where);
  const byte = at >= 0 ? ` (byte 0x${bytes[at].toString(16).toUpperCase().padStart(2, "0")})` : "";
  return new InputError(`${file}:${line}: bytes that are not valid UTF-8${byte}; save the file as UTF-8`);
}

/** Bytes in a UTF-8 sequence that starts with `lead` (1 for a byte that cannot start one). */
function sequenceLength(lead: number): number {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

/** Where the last complete character of `bytes` ends: before a sequence cut by the chunk's end. */
function completeEnd(bytes: Buffer): number {
  let lead = bytes.length - 1;
  while (lead >= 0 && lead > bytes.length - 4 && (bytes[lead] & 0xc0) === 0x80) lead--;
  if (lead < 0 || bytes[lead] < 0x80) return bytes.length;
  return lead + sequenceLength(bytes[lead]) > bytes.length ? lead : bytes.length;
}

/**
 * Index of the first byte of an invalid (or, when `atEnd`, truncated) UTF-8 sequence, or -1.
 * Leading continuation bytes are skipped: `bytes` may start inside a character.
 */
export function firstInvalidUtf8(bytes: Uint8Array, atEnd: boolean): number {
  let i = 0;
  while (i < 3 && i < bytes.length && (bytes[i] & 0xc0) === 0x80) i++;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number,
      low = 0x80,
      high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0; // overlong
      if (b === 0xed) high = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90; // overlong
      if (b === 0xf4) high = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return atEnd ? i : -1;
      const c = bytes[i + k];
      if (c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** 1-based line of a byte offset: counts "\n" bytes before it (only on error paths). */
export async function lineAt(file: string, offset: number): Promise<number> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(1, offset)));
    let line = 1;
    for (let position = 0; position < offset;) {
      const {bytesRead} = await handle.read(buffer, 0, Math.min(buffer.length, offset - position), position);
      if (bytesRead === 0) break;
      for (let i = buffer.indexOf(10); i !== -1 && i < bytesRead; i = buffer.indexOf(10, i + 1)) line++;
      position += bytesRead;
    }
    return line;
  } finally {
    await handle.close();
  }
}
