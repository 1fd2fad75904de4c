/**
 * The build cache's spare downloads, whole log's (append.ts) and periods' (period-spare.ts): a spare
 * is taken only when it is ours alone and what the cache says, and is moved into the report as a pair.
 */
import {open, rename, stat} from "node:fs/promises";
import type {WholeLogFiles} from "./whole-log.js";

/** bytes compared at the end of a spare's rows, against the same rows' bytes in the files they come from */
export const SPARE_CHECK_BYTES = 64 << 10;

/**
 * Whether `file` is a file of `size` bytes with no other link (no report, the published one or
 * `<out>.previous`, still shows it), whose `length` bytes at `at` are `against`'s at `from`.
 */
export async function spareFits(file: string, size: number, at: number, against: string, from: number, length: number): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile() || info.nlink !== 1 || info.size !== size) return false;
  const [mine, theirs] = await Promise.all([readBytes(file, at, length), readBytes(against, from, length)]);
  return mine.equals(theirs);
}

async function readBytes(file: string, at: number, length: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const bytes = Buffer.alloc(length);
    const {bytesRead} = await handle.read(bytes, 0, length, at);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Renames both files of `spare` to `to`'s; false, with both where they were, when either rename
 * fails (a cache on another file system cannot lend its files: the caller copies then).
 */
export async function moveSpare(spare: WholeLogFiles, to: WholeLogFiles): Promise<boolean> {
  const moved = (from: string, target: string) =>
    rename(from, target).then(
      () => true,
      () => false,
    );
  if (!(await moved(spare.csvFile, to.csvFile))) return false;
  if (await moved(spare.jsonFile, to.jsonFile)) return true;
  await rename(to.csvFile, spare.csvFile).catch(() => {});
  return false;
}
