/**
 * Inputs read whole again, and new files among the cached ones (append-log.ts decides when): the
 * incremental ingest's second way, after the plain append.
 */
import type {InputSnapshot} from "../fingerprint.js";
import {KnownRows} from "./known-rows.js";
import {ColumnIndex} from "../ingest/accept-row.js";
import type {DuplicateRow, IngestOptions, RejectedRow} from "../ingest/types.js";
import type {CachedLog} from "./build-cache.js";
import {cold, mergedLog, newColumns, oldRowReader, readingOf, type AppendResult, type ReadPlan, type ToRead} from "./merged-log.js";

/**
 * Inputs read whole again (a nightly full export: yesterday's rows in another order, with new ones
 * among them; a daily file downloaded again, complete) or new files among the cached ones (a missed
 * day's file): a row with the hashes of a row the cache read from the same file is that row
 * (known-rows.ts), given its new line and not parsed further; the others are read as an append's new
 * rows (rejects, duplicates of rows read before them, new rows). Rows are in the same order whatever
 * the files' (ingest/log-rows.ts RowKeys, with hashes that walk the columns by name), and files are
 * read in input order, so the result is the one a full read gives, provided that:
 * - every row the cache read from a file read again is in it;
 * - each file read whole has the cached columns, which a full read would write out in the same order
 *   (ColumnIndex.outputOrder: the log's fields first, then the others in the order first met);
 * - no row read repeats a cached row of a later file (a full read keeps the first, this one), and no
 *   row repeats a cached row of its own file not met yet (the same text written otherwise).
 * Otherwise everything is read again, and the reason says which file.
 */
export async function readAgain(cache: CachedLog, options: IngestOptions, inputs: readonly InputSnapshot[], plan: ReadPlan): Promise<AppendResult> {
  const {manifest} = cache;
  const files = inputs.map((input) => input.path);
  const known = new KnownRows(cache);
  const fileOf = Int32Array.from(cache.rows.file, (file) => plan.inputOf[file]);
  const lines = Int32Array.from(cache.rows.line);
  const rowsOfFile = new Int32Array(manifest.files.length);
  for (const file of cache.rows.file) rowsOfFile[file]++;
  const oldRows = oldRowReader(cache);
  let reading: ToRead = plan.reads[0];
  let problem: string | undefined;
  try {
    const log = readingOf(cache, options, inputs, plan, {
      columnsByFile: true,
      known: (hash, hash2, line) => {
        if (reading.again === undefined) return false;
        const row = known.take(hash, hash2, reading.again);
        if (row !== -1) lines[row] = line;
        return row !== -1;
      },
      earlierDuplicate: (values, hash) => {
        const row = oldRows.find(values, hash);
        if (row === -1) return undefined;
        const at = fileOf[row];
        if (at > reading.fileNumber) problem ??= `a row of ${files[reading.fileNumber]} repeats one of ${files[at]}, which comes after it`;
        // a cached row of this file not met yet: the same text held otherwise (a JSON null, a key left
        // out), which a full read would keep as the first of the two
        else if (at === reading.fileNumber && reading.again !== undefined && known.taken[row] === 0)
          problem ??= `${files[at]} changed: a row read before comes after a row of the same text written otherwise`;
        return `${files[at]}:${lines[row]}`;
      },
    });
    for (const read of plan.reads) {
      reading = read;
      const found = known.found;
      await log.read(read.fileNumber, inputs[read.fileNumber].format, read.resume, inputs[read.fileNumber]);
      const file = files[read.fileNumber];
      if (read.resume === undefined && !sameColumns(log.columnsByFile!.get(read.fileNumber) ?? [], manifest)) {
        return cold(read.again === undefined ? `${file} is new, and its columns are not the others'` : `${file} changed, and its columns with it`);
      }
      if (problem !== undefined) return cold(problem);
      if (read.again !== undefined && known.found - found < rowsOfFile[read.again]) {
        return cold(`${file} changed: ${rowsOfFile[read.again] - (known.found - found)} rows read before are not in it`);
      }
    }
    const columns = newColumns(log, cache);
    if (columns !== undefined) return cold(columns);
    const again = plan.reads.flatMap((read) => (read.again === undefined ? [] : [read]));
    const kept = keptRecords(cache, files, plan, lines, again);
    const merged = await mergedLog(cache, options, inputs, plan, log.finish(), {rows: {...cache.rows, file: fileOf, line: lines}, ...kept});
    if (merged.mode === "cold" || again.length === 0) return merged;
    const names = again.map((read) => files[read.fileNumber]);
    return {
      ...merged,
      reexport: {reason: `${names.slice(0, 3).join(", ")}${names.length > 3 ? ` and ${names.length - 3} more` : ""} changed`, known: known.found},
    };
  } finally {
    oldRows.close();
  }
}

/**
 * The cached rejects and duplicates of the files not read whole again, in a full read's order
 * (input order, then line), with where a duplicate was first seen in a file read again moved to that
 * row's new line.
 */
function keptRecords(
  cache: CachedLog,
  files: readonly string[],
  plan: ReadPlan,
  lines: Int32Array,
  again: readonly ToRead[],
): {rejects: RejectedRow[]; duplicates: DuplicateRow[]} {
  const readAgainPaths = new Set(again.map((read) => files[read.fileNumber]));
  const kept = cache.duplicates.filter((duplicate) => !readAgainPaths.has(duplicate.file));
  // the duplicates first seen in a file read again, by that file's cached number and the line they name
  const pointing = new Map<number, Map<number, DuplicateRow[]>>();
  const oldNumber = new Map(again.map((read) => [files[read.fileNumber], read.again!]));
  for (const duplicate of kept) {
    const colon = duplicate.firstSeen.lastIndexOf(":");
    const file = oldNumber.get(duplicate.firstSeen.slice(0, colon));
    if (file === undefined) continue;
    const byLine = pointing.get(file) ?? new Map<number, DuplicateRow[]>();
    pointing.set(file, byLine);
    const line = Number(duplicate.firstSeen.slice(colon + 1));
    byLine.set(line, [...(byLine.get(line) ?? []), duplicate]);
  }
  // each moves to the new line of the row it names (one pass over the cached rows, when any)
  const moved = new Map<DuplicateRow, string>();
  if (pointing.size > 0) {
    for (let row = 0; row < cache.rows.file.length; row++) {
      for (const duplicate of pointing.get(cache.rows.file[row])?.get(cache.rows.line[row]) ?? []) {
        moved.set(duplicate, `${files[plan.inputOf[cache.rows.file[row]]]}:${lines[row]}`);
      }
    }
  }
  const duplicates = kept.map((duplicate) => (moved.has(duplicate) ? {...duplicate, firstSeen: moved.get(duplicate)!} : duplicate));
  return {rejects: cache.rejects.filter((reject) => !readAgainPaths.has(reject.file)), duplicates};
}

/** Whether columns met in this order (LogReading.metColumns) are the cached ones, written out in the cached order. */
function sameColumns(met: readonly string[], manifest: CachedLog["manifest"]): boolean {
  const index = new ColumnIndex();
  for (const name of met) index.numberOf(name);
  const sorted = (names: readonly string[]) => JSON.stringify([...names].sort());
  return sorted(met) === sorted(manifest.columnNames) && JSON.stringify(index.outputOrder()) === JSON.stringify(manifest.columns);
}
