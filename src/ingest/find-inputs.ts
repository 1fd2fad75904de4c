/**
 * Turns the inputs given by the user (files or directories) into the list of log files to read,
 * each with its format and size. A directory contributes every .csv/.json/.ndjson/.jsonl file
 * directly inside it (not in sub-directories), in name order. Does not open the files.
 */
import {readdir, stat} from "node:fs/promises";
import {extname, join} from "node:path";
import {InputError} from "../errors.js";
import type {InputFormat} from "./types.js";
import {describeFileError} from "./read-text.js";

/** One file to read. */
export interface InputFile {
  /** as given, or joined to the directory it was found in */
  path: string;
  format: InputFormat;
  /** bytes, for progress */
  size: number;
}

const FORMAT_BY_EXTENSION: Record<string, InputFormat> = {
  ".csv": "csv", ".json": "json", ".ndjson": "ndjson", ".jsonl": "ndjson",
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
    if (info.isDirectory()) files.push(...await filesIn(input, format));
    else files.push({path: input, format: format ?? knownFormat(input), size: info.size});
  }
  return files;
}

async function filesIn(directory: string, format?: InputFormat): Promise<InputFile[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    throw new InputError(`${directory}: ${describeFileError(error)}`, {cause: error});
  }
  const files: InputFile[] = [];
  // code-unit order, not locale order: the same on every machine
  for (const name of names.filter((n) => formatOf(n) !== undefined).sort()) {
    const path = join(directory, name);
    const info = await statOrFail(path);
    if (info.isFile()) files.push({path, format: format ?? knownFormat(path), size: info.size});
  }
  if (files.length === 0) {
    throw new InputError(`${directory}: no log file in this directory (expected .csv, .json, .ndjson or .jsonl)`);
  }
  return files;
}

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
