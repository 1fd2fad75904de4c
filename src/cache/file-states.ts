/**
 * The state of each input file a build read, for the next build (build-cache.ts): size, mtime and
 * SHA-256 of the snapshot read, and where a later read can resume (the end of a CSV or NDJSON file
 * ending with a newline, with a CSV file's header text). append-log.ts compares the next build's
 * inputs with them.
 */
import type {FileHandle} from "node:fs/promises";
import type {InputSnapshot} from "../fingerprint.js";
import {openSnapshot} from "../ingest/read-text.js";
import type {ResumePoint} from "../ingest/raw-record.js";
import type {InputFormat} from "../ingest/types.js";
import type {CachedFile} from "./build-cache.js";

/**
 * Each input's state for the next build, by input number: `how[i]` keeps a file not read (its cached
 * state), or gives where the read of a file resumed (`from`; none when it was read whole): the state
 * then covers the snapshot read.
 */
export async function fileStates(inputs: readonly InputSnapshot[], how: readonly ({keep: CachedFile} | {from?: ResumePoint})[]): Promise<CachedFile[]> {
  const states: CachedFile[] = [];
  // one file at a time: a folder of a thousand daily files must not open them all at once
  for (const [i, input] of inputs.entries()) {
    const state = how[i];
    states.push("keep" in state ? state.keep : await fileState(input, state.from));
  }
  return states;
}

/** A file's state after reading its snapshot (from `from` on, when it was resumed): what the read covered. */
export async function fileState(input: InputSnapshot, from?: ResumePoint): Promise<CachedFile> {
  const handle = await openSnapshot(input);
  try {
    const {path, format, size, mtimeMs, sha256} = input;
    return {path, format, size, mtimeMs, sha256, resume: await resumePoint(handle, format, size, from)};
  } finally {
    await handle.close();
  }
}

/**
 * Where a later read can resume: the end of the file when it ends with a newline (a CSV or NDJSON
 * record boundary, since the read succeeded: an open quote at the end fails it), else null. JSON
 * arrays cannot be resumed: a grown array is a changed file.
 */
async function resumePoint(handle: FileHandle, format: InputFormat, size: number, from?: ResumePoint): Promise<ResumePoint | null> {
  if (format === "json" || size === 0) return null;
  const start = from?.start ?? 0;
  let line = from?.line ?? 1;
  const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(8 << 20, size - start)));
  let last = -1;
  for (let at = start; at < size;) {
    const {bytesRead} = await handle.read(buffer, 0, Math.min(buffer.length, size - at), at);
    if (bytesRead === 0) break;
    for (let i = buffer.indexOf(10); i !== -1 && i < bytesRead; i = buffer.indexOf(10, i + 1)) line++;
    last = buffer[bytesRead - 1];
    at += bytesRead;
  }
  if (last !== 10) return null;
  if (format === "ndjson") return {start: size, line};
  const header = from?.header ?? (await csvHeaderText(handle, size));
  return header === undefined ? null : {start: size, line, header};
}

/** A CSV file's header line with its newline (BOM and blank lines before it dropped), unless it holds quotes. */
async function csvHeaderText(handle: FileHandle, size: number): Promise<string | undefined> {
  const length = Math.min(size, 1 << 20);
  const {buffer, bytesRead} = await handle.read(Buffer.alloc(length), 0, length, 0);
  const text = buffer
    .subarray(0, bytesRead)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  const match = /^[\r\n]*([^\r\n]*\r?\n)/.exec(text);
  if (!match || match[1].includes('"')) return undefined;
  // the blank lines before the header count as lines: keep them so that line numbers stay right
  return match[0];
}
