/**
 * The whole log's downloads of a log read whole again (a nightly full export), written from the
 * cached build's files: the rows it had are their bytes copied (splice.ts), only the others are
 * formatted. Gives the bytes writeSourceData gives for the table, as long as `known` names for each
 * row a previous row of the same values (cache/known-rows.ts) and the columns are the previous ones.
 * With a spare (the build cache's copy, as writeSourceData writes one), the next append extends it.
 */
import {open} from "node:fs/promises";
import path from "node:path";
import type {ColumnTable} from "arquero";
import {csvLine} from "./csv.js";
import {writeSpliced} from "./splice.js";
import {ChunkedWriter, JSON_TAIL, SourceWriter, type SourceData, type WholeLogFiles} from "./whole-log.js";

/**
 * Writes `dir`/activity.csv and activity.json for `table`'s rows in `columns` order: row m is
 * `previous`'s row `known[m]`, copied, or formatted from the table when that is -1.
 */
export async function reuseSourceData(
  dir: string,
  previous: SourceData,
  table: ColumnTable,
  columns: readonly string[],
  known: Int32Array,
  spare?: WholeLogFiles,
): Promise<SourceData> {
  const n = known.length;
  const csvFile = path.join(dir, "activity.csv");
  const jsonFile = path.join(dir, "activity.json");
  const merged = {csvStart: new Float64Array(n + 1), jsonStart: new Float64Array(n), jsonEnd: new Float64Array(n)};
  const data = columns.map((name) => table.column(name));
  const values = (row: number) => data.map((column) => (column === undefined ? "" : String(column.at(row) ?? "")));
  const rows = Int32Array.from(known, (old, m) => (old >= 0 ? old : -1 - m));
  const header = csvLine(columns);
  // with `spare`, the same bytes go to a copy for the build cache, as SourceWriter writes one
  const handles = await Promise.all([csvFile, jsonFile, ...(spare ? [spare.csvFile, spare.jsonFile] : [])].map((file) => open(file, "w")));
  try {
    const csv = new ChunkedWriter(handles[0], undefined, handles[2], csvFile);
    const json = new ChunkedWriter(handles[1], undefined, handles[3], jsonFile);
    csv.add(header);
    json.add("[");
    await writeSpliced({previous, old: previous, base: 0, rows, values}, {csv, json}, SourceWriter.jsonKeys(columns), merged, 0);
    json.add(JSON_TAIL);
    await Promise.all([csv.flush(), json.flush()]);
  } finally {
    await Promise.all(handles.map((handle) => handle.close()));
  }
  return {csvFile, jsonFile, csvHeader: Buffer.from(header), ...merged, ...(spare ? {spare} : {})};
}
