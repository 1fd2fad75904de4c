/**
 * Turns the inputs given by the user (files or directories) into the list of log files to read,
 * each with its format and the size it has now: the build's snapshot of it, which every later read
 * (hash, parse, the cache's record) stops at, so that rows appended meanwhile wait for the next build
 * (read-text.ts openSnapshot). A directory contributes every .csv/.json/.ndjson/.jsonl file directly
 * inside it (not in sub-directories), in name order; an entry with such a name that is not a regular
 * file (a FIFO, a socket, a device, a folder) is skipped, and skippedInputs names it for the summary.
 * An input given directly must be a regular file or a directory: a FIFO would block the build for
 * ever. Does not read the files.
 */
import type {Stats} from "node:fs";
import {readdir, stat} from "node:fs/promises";
import {extname, join} from "node:path";
import {InputError} from "../errors.js";
import type {InputFormat} from "./log-fields.js";

/** One file to read. */
export interface InputFile {
  /** as given, or joined to the directory it was found in */
  path: string;
  format: InputFormat;
  /** bytes when it was found: what the build reads of it (a snapshot: a growing log has more by then) */
  size: number;
  /** its modification time then, kept in the build cache's record */
  mtimeMs: number;
  /** which file it was (device and inode): a file put in its place meanwhile is not read instead */
  dev: number;
  ino: number;
}

/** The part of an InputFile that says which bytes a build reads: the first `size` bytes of that file. */
export type FileSnapshot = Pick<InputFile, "path" | "size" | "dev" | "ino">;

const FORMAT_BY_EXTENSION: Record<string, InputFormat> = {
  ".csv": "csv",
  ".json": "json",
  ".ndjson": "ndjson",
  ".jsonl": "ndjson",
};

/** The format a file name implies, e.g. "log.jsonl" -> "ndjson"; undefined when unknown. */
export function formatOf(path: string): InputFormat | undefined {
  return FORMAT_BY_EXTENSION[extname(path).toLowerCase()];
}

/**
 * Lists the files to read, in order: inputs in the order given, a directory's files by name.
 * `format` overrides the format taken from each file's extension.
 */
export async function findInputs(inputs: string[], format?: InputFormat): Promise<InputFile[]> {
  if (inputs.length === 0) throw new InputError("no input file given");
  const files: InputFile[] = [];
  for (const input of inputs) {
    const info = await statOrFail(input);
    if (info.isDirectory()) files.push(...(await filesIn(input, format)));
    else if (info.isFile()) files.push(inputFile(input, format ?? knownFormat(input), info));
    else throw new InputError(`${input}: ${kindOf(info)}, not a regular file: give a log file or a folder of them`);
  }
  return files;
}

/**
 * What findInputs skips in the directories among `inputs`, for the summary, e.g.
 * ["logs/pipe.csv (a FIFO, not a regular file)"]; [] when nothing is skipped.
 */
export async function skippedInputs(inputs: string[]): Promise<string[]> {
  const skipped: string[] = [];
  for (const input of inputs) {
    if ((await statOrFail(input)).isDirectory()) skipped.push(...(await entriesOf(input)).skipped);
  }
  return skipped;
}

async function filesIn(directory: string, format?: InputFormat): Promise<InputFile[]> {
  const {files: found, skipped} = await entriesOf(directory);
  const files = found.map(({path, info}) => inputFile(path, format ?? knownFormat(path), info));
  if (files.length === 0) {
    const also = skipped.length > 0 ? `; skipped: ${skipped.join(", ")}` : "";
    throw new InputError(`${directory}: no log file in this directory (expected .csv, .json, .ndjson or .jsonl)${also}`);
  }
  return files;
}

/** The regular files with a log's name in `directory`, in name order, and the other entries with such a name. */
async function entriesOf(directory: string): Promise<{files: {path: string; info: Stats}[]; skipped: string[]}> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    throw new InputError(`${directory}: ${describeFileError(error)}`, {cause: error});
  }
  const files: {path: string; info: Stats}[] = [];
  const skipped: string[] = [];
  // code-unit order, not locale order: the same on every machine
  for (const name of names.filter((n) => formatOf(n) !== undefined).sort()) {
    const path = join(directory, name);
    const info = await statOrFail(path);
    if (info.isFile()) files.push({path, info});
    else skipped.push(`${path} (${kindOf(info)}, not a regular file)`);
  }
  return {files, skipped};
}

/** e.g. "a FIFO", "a folder" */
function kindOf(info: Stats): string {
  if (info.isFIFO()) return "a FIFO";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  if (info.isDirectory()) return "a folder";
  return "neither a file nor a folder";
}

const inputFile = (path: string, format: InputFormat, {size, mtimeMs, dev, ino}: {size: number; mtimeMs: number; dev: number; ino: number}): InputFile => ({
  path,
  format,
  size,
  mtimeMs,
  dev,
  ino,
});

function knownFormat(path: string): InputFormat {
  const format = formatOf(path);
  if (format === undefined) {
    throw new InputError(`${path}: cannot tell the format from the extension (expected .csv, .json, .ndjson or .jsonl); give the format explicitly`);
  }
  return format;
}

async function statOrFail(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    throw new InputError(`${path}: ${describeFileError(error)}`, {cause: error});
  }
}

/** A file-system error in words: "no such file", "permission denied"... */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory, expected a file";
  if (code === "ENOTDIR") return "a part of this path is not a directory";
  return `cannot read: ${error instanceof Error ? error.message : String(error)}`;
}
