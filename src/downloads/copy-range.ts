/**
 * Byte ranges copied from one file to another through reused buffers: the period downloads
 * (period-files.ts), the whole log's appended rows (append.ts) and extended spares (period-spare.ts).
 */
import type {FileHandle} from "node:fs/promises";
import {CHUNK_BYTES} from "./whole-log.js";

/** copy buffers not in use: as many are made as copies ever ran at once, and reused by later copies */
const copyBuffers: Buffer[] = [];

/** Copies bytes [start, end) of `source` to `target`: at its current end, or from offset `at` on. */
export async function copyRange(source: FileHandle, target: FileHandle, start: number, end: number, at?: number): Promise<void> {
  const buffer = copyBuffers.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    await copyWith(buffer, source, target, start, end, at);
  } finally {
    copyBuffers.push(buffer);
  }
}

async function copyWith(buffer: Buffer, source: FileHandle, target: FileHandle, start: number, end: number, to?: number): Promise<void> {
  for (let at = start; at < end;) {
    const {bytesRead} = await source.read(buffer, 0, Math.min(buffer.length, end - at), at);
    if (bytesRead === 0) throw new Error(`bytes ${at} to ${end} are missing: the file is shorter than its offsets say`);
    await target.write(buffer, 0, bytesRead, to === undefined ? null : to + (at - start));
    at += bytesRead;
  }
}
