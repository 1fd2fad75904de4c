/**
 * The ingest stage: reads every input file (CSV, JSON, NDJSON) and returns the activity log as an
 * Arquero table sorted by time, with every row accounted for: rows = accepted + rejected +
 * duplicates. Bad rows are reported, not fatal; a file that cannot be read as a log throws an
 * InputError naming it. Duplicates are looked for among accepted rows only, so that every bad line
 * is reported for fixing. Does not compute periods or indicators.
 */
import {Info} from "luxon";
import {ConfigError, InputError} from "../errors.js";
import {acceptRow, canonicalName, ColumnIndex} from "./accept-row.js";
import {DuplicateIndex, rowHash} from "./deduplicate.js";
import {findInputs} from "./find-inputs.js";
import {LogRows} from "./log-rows.js";
import {recordFields, type RecordReader} from "./raw-record.js";
import {readCsv} from "./read-csv.js";
import {readJson} from "./read-json.js";
import {readNdjson} from "./read-ndjson.js";
import type {ActivityLog, DuplicateRow, InputFormat, IngestOptions, RejectedRow} from "./types.js";

export type {ActivityLog, IngestOptions} from "./types.js";

const READERS: Record<InputFormat, RecordReader> = {csv: readCsv, json: readJson, ndjson: readNdjson};

/** Reads the inputs into one time-sorted, de-duplicated table, with rejects and duplicates. */
export async function ingest(options: IngestOptions): Promise<ActivityLog> {
  if (!Info.isValidIANAZone(options.timeZone)) {
    throw new ConfigError(`time zone "${options.timeZone}" is not an IANA zone name (e.g. "Europe/Paris")`);
  }
  const inputs = await findInputs(options.inputs, options.format);
  const files = inputs.map((input) => input.path);
  const bytesTotal = inputs.reduce((sum, input) => sum + input.size, 0);
  let bytesRead = 0;
  const onBytes = (bytes: number) => {
    bytesRead += bytes;
    options.onProgress?.(bytesRead, bytesTotal);
  };

  const columns = new ColumnIndex();
  const rows = new LogRows();
  const duplicateIndex = new DuplicateIndex(rows.columns);
  const rejects: RejectedRow[] = [];
  const duplicates: DuplicateRow[] = [];
  let rowCount = 0;

  for (const [fileNumber, input] of inputs.entries()) {
    const file = input.path;
    const onHeader = (names: string[], line: number) => checkHeader(file, line, names, columns);
    for await (const batch of READERS[input.format](file, {onBytes, onHeader})) {
      for (const record of batch) {
        rowCount++;
        const result = acceptRow(record, columns, options.timeZone);
        if ("reason" in result) {
          rejects.push({file, line: record.line, reason: result.reason, fields: recordFields(record)});
          continue;
        }
        const hash = rowHash(result.values);
        const first = duplicateIndex.find(result.values, hash);
        if (first !== -1) {
          duplicates.push({file, line: record.line, firstSeen: `${files[rows.file[first]]}:${rows.line[first]}`});
          continue;
        }
        duplicateIndex.remember(hash, rows.add(result.values, result.time, fileNumber, record.line));
      }
    }
  }

  const outputColumns = columns.outputOrder();
  return {
    table: rows.toTable(outputColumns, (name) => columns.find(name)),
    columns: outputColumns,
    rejects,
    duplicates,
    counts: {files: files.length, rows: rowCount, accepted: rows.count, rejected: rejects.length, duplicates: duplicates.length},
    files,
  };
}

/** A CSV header must name `timestamp` and `action`, and no column twice. */
function checkHeader(file: string, line: number, names: string[], columns: ColumnIndex): void {
  const canonical = names.map(canonicalName);
  for (const required of ["timestamp", "action"]) {
    if (!canonical.includes(required)) {
      const found = names.map((name) => name.trim()).join(", ");
      throw new InputError(`${file}:${line}: the header has no "${required}" column (found: ${found.length > 200 ? `${found.slice(0, 200)}…` : found})`);
    }
  }
  const twice = canonical.find((name, i) => canonical.indexOf(name) !== i);
  if (twice !== undefined) throw new InputError(`${file}:${line}: column "${twice}" appears twice in the header`);
  columns.numbersOf(names);
}
