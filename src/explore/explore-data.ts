/**
 * Writes the explorer's data files (data-format.ts) into a report folder: one pair per month of
 * counted rows (figures, then rows-table columns) and meta.js. A month whose rows, code and zone are
 * those of the published report is hard-linked from it, not written again: a build that adds a day
 * writes the current month only. It does not write the page or its script (write-explorer.ts).
 */
import {createHash} from "node:crypto";
import {link, mkdir, readFile, writeFile} from "node:fs/promises";
import path from "node:path";
import type {ColumnTable} from "arquero";
import {codedColumn} from "../indicators/coded-rows.js";
import {fieldText} from "../ingest/json-value.js";
import {parseDayKey} from "../periods/calendar-keys.js";
import {codeWidth, DATA_FORMAT, DATA_GLOBAL, dataScript, EXPLORE_COLUMNS, packCodes, TARGET_COLUMNS, type ExploreMeta, type MonthData, type MonthRows, type PackedColumn} from "./data-format.js";

/** The folder of the data files, relative to the report's root. */
export const DATA_DIR = "explore/data";

/** What the data files are made from. */
export interface ExploreDataInput {
  /** the log after addPeriodKeys: time-sorted, with its `day` key column */
  table: ColumnTable;
  /** epoch ms per row */
  time: Float64Array;
  /** rows [0, counted) are counted (up to the end of the as-of day) */
  counted: number;
  /** rowsDigest of rows [lo, hi) (cache/period-keys.ts) */
  digest: (lo: number, hi: number) => string;
  /** the tool's code fingerprint: a new version writes every month again */
  code: string;
  meta: Omit<ExploreMeta, "kind" | "format" | "months">;
}

/** A month of rows: its key and rows [lo, hi). */
interface MonthSpan {
  month: string;
  lo: number;
  hi: number;
}

/** The months of rows [0, counted), from the `day` key column (local days). */
function monthSpans(table: ColumnTable, counted: number): MonthSpan[] {
  const {codes, dictionary} = codedColumn(table, "day");
  const spans: MonthSpan[] = [];
  for (let row = 0; row < counted; row++) {
    const month = dictionary[codes[row]].slice(0, 7);
    if (spans.length > 0 && spans[spans.length - 1].month === month) continue;
    if (spans.length > 0) spans[spans.length - 1].hi = row;
    spans.push({month, lo: row, hi: counted});
  }
  return spans;
}

/** Codes [lo, hi) of a coded column renumbered into the span's own dictionary ("" first). */
function packSpan(codes: ArrayLike<number>, dictionary: readonly string[], lo: number, hi: number): PackedColumn {
  const local = new Map<number, number>([[0, 0]]);
  const values = [""];
  const out = new Int32Array(hi - lo);
  for (let row = lo; row < hi; row++) {
    let code = local.get(codes[row]);
    if (code === undefined) {
      code = values.push(fieldText(dictionary[codes[row]])) - 1;
      local.set(codes[row], code);
    }
    out[row - lo] = code;
  }
  const width = codeWidth(values.length);
  return {values, width, codes: packCodes(out, width)};
}

/** A column's text per row, "" when the table has no such column. */
function textAt(table: ColumnTable, name: string): (row: number) => string {
  const column = table.column(name);
  return column ? (row) => fieldText(String(column.at(row) ?? "")) : () => "";
}

function monthData(table: ColumnTable, {month, lo, hi}: MonthSpan): MonthData {
  const day = codedColumn(table, "day");
  const days: [number, number][] = [];
  for (let row = lo; row < hi; row++) {
    const number = parseDayKey(day.dictionary[day.codes[row]])!;
    if (days.length > 0 && days[days.length - 1][0] === number) days[days.length - 1][1]++;
    else days.push([number, 1]);
  }
  const columns = Object.fromEntries(EXPLORE_COLUMNS.map((name) => {
    const {codes, dictionary} = codedColumn(table, name);
    return [name, packSpan(codes, dictionary, lo, hi)];
  })) as MonthData["columns"];
  return {kind: "month", format: DATA_FORMAT, month, rows: hi - lo, days, columns};
}

function monthRows(table: ColumnTable, time: Float64Array, {month, lo, hi}: MonthSpan): MonthRows {
  const targets = TARGET_COLUMNS.map((name) => textAt(table, name));
  const target = (row: number) => targets.map((at) => at(row)).find((value) => value !== "") ?? "";
  const dictionary = new Map<string, number>([["", 0]]);
  const codes = new Int32Array(hi - lo);
  const diffAt = textAt(table, "diff");
  const diff: string[] = [];
  const deltas: number[] = [];
  for (let row = lo; row < hi; row++) {
    deltas.push(row === lo ? time[row] : time[row] - time[row - 1]);
    const value = target(row);
    let code = dictionary.get(value);
    if (code === undefined) dictionary.set(value, (code = dictionary.size));
    codes[row - lo] = code;
    diff.push(diffAt(row));
  }
  const width = codeWidth(dictionary.size);
  return {kind: "rows", format: DATA_FORMAT, month, time: deltas, target: {values: [...dictionary.keys()], width, codes: packCodes(codes, width)}, diff};
}

/** The months of the explorer published in `out` (its meta.js), or none. */
export async function publishedMonths(out: string): Promise<ExploreMeta["months"]> {
  const text = await readFile(path.join(out, DATA_DIR, "meta.js"), "utf8").catch(() => "");
  const prefix = `(self.${DATA_GLOBAL}=self.${DATA_GLOBAL}||[]).push(`;
  if (!text.startsWith(prefix)) return [];
  try {
    const meta = JSON.parse(text.slice(prefix.length, text.lastIndexOf(")"))) as ExploreMeta;
    return meta.format === DATA_FORMAT && Array.isArray(meta.months) ? meta.months : [];
  } catch {
    return [];
  }
}

/** The file names of a month: its figures, its rows. */
export const monthFiles = (month: string): [string, string] => [`${month}.js`, `rows-${month}.js`];

/**
 * Writes `<staging>/explore/data/`: each month's pair of files (linked from `<out>` when unchanged)
 * and meta.js. Returns how many months were written and how many were kept, and meta.js's months.
 */
export async function writeExploreData(staging: string, out: string, input: ExploreDataInput): Promise<{written: number; kept: number; months: ExploreMeta["months"]}> {
  const dir = path.join(staging, DATA_DIR);
  await mkdir(dir, {recursive: true});
  const previous = new Map((await publishedMonths(out)).map((entry) => [entry.month, entry.digest]));
  const months: ExploreMeta["months"] = [];
  let kept = 0;
  for (const span of monthSpans(input.table, input.counted)) {
    const digest = createHash("sha256").update(JSON.stringify([DATA_FORMAT, input.code, input.meta.timeZone, input.digest(span.lo, span.hi)])).digest("hex").slice(0, 24);
    months.push({month: span.month, rows: span.hi - span.lo, digest});
    const names = monthFiles(span.month);
    if (previous.get(span.month) === digest) {
      const linked = await Promise.all(names.map((name) => link(path.join(out, DATA_DIR, name), path.join(dir, name)).then(() => true, () => false)));
      if (linked.every(Boolean)) {
        kept++;
        continue;
      }
    }
    await writeFile(path.join(dir, names[0]), dataScript(monthData(input.table, span)));
    await writeFile(path.join(dir, names[1]), dataScript(monthRows(input.table, input.time, span)));
  }
  const meta: ExploreMeta = {kind: "meta", format: DATA_FORMAT, ...input.meta, months};
  await writeFile(path.join(dir, "meta.js"), dataScript(meta));
  return {written: months.length - kept, kept, months};
}
