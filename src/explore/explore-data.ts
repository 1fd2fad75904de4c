/**
 * Writes the explorer's data files (data-format.ts) into a report folder: one pair per month of
 * counted rows (figures, then rows-table columns) and meta.js. A month whose rows, code and zone are
 * those of the published report is hard-linked from it, not written again: a build that adds a day
 * writes the current month only. It does not write the page or its script (write-explorer.ts).
 */
import {createHash} from "node:crypto";
import {link, mkdir, open, readFile, writeFile} from "node:fs/promises";
import path from "node:path";
import type {ColumnTable} from "arquero";
import {codedColumn} from "../indicators/coded-rows.js";
import {CodedColumn} from "../ingest/coded-column.js";
import {fieldText} from "../ingest/json-value.js";
import {parseDayKey} from "../periods/calendar-keys.js";
import type {SourceData} from "../downloads/whole-log.js";
import {
  codeWidth,
  DATA_FORMAT,
  DATA_GLOBAL,
  dataScript,
  EXPLORE_COLUMNS,
  packCodes,
  TARGET_COLUMNS,
  type ExploreColumn,
  type ExploreMeta,
  type MonthData,
  type MonthRows,
  type PackedColumn,
} from "./data-format.js";

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
  meta: Omit<ExploreMeta, "kind" | "format" | "months" | "subdomains">;
  /** the whole-log activity.json as staged, and where each row is in it */
  source: ExploreSource;
}

/** The staged whole-log activity.json (downloads/whole-log.ts SourceData): row i is bytes [jsonStart[i], jsonEnd[i]). */
export type ExploreSource = Pick<SourceData, "jsonFile" | "jsonStart" | "jsonEnd">;

/** A month of rows: its key and rows [lo, hi). */
interface MonthSpan {
  month: string;
  lo: number;
  hi: number;
}

/** The months of rows [0, counted), from the `month` key column (local months; rows in time order). */
function monthSpans(table: ColumnTable, counted: number): MonthSpan[] {
  const {codes, dictionary} = codedColumn(table, "month");
  const spans: MonthSpan[] = [];
  for (let row = 0; row < counted; row++) {
    if (row > 0 && codes[row] === codes[row - 1]) continue;
    if (spans.length > 0) spans[spans.length - 1].hi = row;
    spans.push({month: dictionary[codes[row]], lo: row, hi: counted});
  }
  return spans;
}

/**
 * A column's text per row (json-value.ts fieldText), "" when the table has no such column. A
 * CodedColumn's text is taken per code, not per row; the column is not encoded whole (an
 * incremental build writes one month).
 */
export function columnText(table: ColumnTable, name: string): (row: number) => string {
  const column = table.column(name);
  if (column instanceof CodedColumn && !table.isFiltered() && !table.isOrdered()) {
    const texts = column.dictionary.map(fieldText);
    const {codes} = column;
    return (row) => texts[codes[row]];
  }
  return column ? (row) => fieldText(String(column.at(row) ?? "")) : () => "";
}

/** Rows [lo, hi) of a column's text as a month's own dictionary ("" first, then by first use) and codes. */
function packSpan(textOf: (row: number) => string, lo: number, hi: number): PackedColumn {
  const codeOf = new Map<string, number>([["", 0]]);
  const values = [""];
  const out = new Int32Array(hi - lo);
  for (let row = lo; row < hi; row++) {
    const value = textOf(row);
    let code = codeOf.get(value);
    if (code === undefined) codeOf.set(value, (code = values.push(value) - 1));
    out[row - lo] = code;
  }
  const width = codeWidth(values.length);
  return {values, width, codes: packCodes(out, width)};
}

/**
 * What the table of an incremental build lacks (it holds the time, the coded columns and the period
 * keys only), read from the whole-log activity.json that every build writes (downloads/whole-log.ts):
 * rows [lo, hi)'s subdomain_id, target and diff, as text (a string as it is, null as "", any other
 * JSON value as JSON.stringify writes it). Cold and incremental builds read the same bytes.
 */
async function sourceFields(source: ExploreSource, lo: number, hi: number): Promise<{subdomain: string[]; target: string[]; diff: string[]}> {
  const fields = {subdomain: [] as string[], target: [] as string[], diff: [] as string[]};
  if (hi <= lo) return fields;
  const start = source.jsonStart[lo];
  const bytes = Buffer.alloc(source.jsonEnd[hi - 1] - start);
  const file = await open(source.jsonFile, "r");
  try {
    await file.read(bytes, 0, bytes.length, start);
  } finally {
    await file.close();
  }
  const text = (value: unknown): string => (typeof value === "string" ? value : value === null || value === undefined ? "" : JSON.stringify(value));
  for (const record of JSON.parse(`[${bytes.toString("utf8")}]`) as Record<string, unknown>[]) {
    fields.subdomain.push(text(record.subdomain_id));
    fields.diff.push(text(record.diff));
    fields.target.push(TARGET_COLUMNS.map((name) => text(record[name])).find((value) => value !== "") ?? "");
  }
  return fields;
}

function monthData(table: ColumnTable, {month, lo, hi}: MonthSpan, subdomain: readonly string[]): MonthData {
  const day = codedColumn(table, "day");
  const days: [number, number][] = [];
  for (let row = lo; row < hi; row++) {
    const number = parseDayKey(day.dictionary[day.codes[row]])!;
    if (days.length > 0 && days[days.length - 1][0] === number) days[days.length - 1][1]++;
    else days.push([number, 1]);
  }
  const textOf = (name: ExploreColumn) => (name === "subdomain_id" ? (row: number) => subdomain[row - lo] : columnText(table, name));
  const columns = Object.fromEntries(EXPLORE_COLUMNS.map((name) => [name, packSpan(textOf(name), lo, hi)])) as MonthData["columns"];
  return {kind: "month", format: DATA_FORMAT, month, rows: hi - lo, days, columns};
}

function monthRows(time: Float64Array, {month, lo, hi}: MonthSpan, fields: {target: string[]; diff: string[]}): MonthRows {
  const deltas: number[] = [];
  for (let row = lo; row < hi; row++) deltas.push(row === lo ? time[row] : time[row] - time[row - 1]);
  return {kind: "rows", format: DATA_FORMAT, month, time: deltas, target: packSpan((row) => fields.target[row - lo], lo, hi), diff: fields.diff};
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
export async function writeExploreData(
  staging: string,
  out: string,
  input: ExploreDataInput,
): Promise<{written: number; kept: number; months: ExploreMeta["months"]}> {
  const dir = path.join(staging, DATA_DIR);
  await mkdir(dir, {recursive: true});
  const previous = new Map((await publishedMonths(out)).map((entry) => [entry.month, entry]));
  const months: ExploreMeta["months"] = [];
  let kept = 0;
  for (const span of monthSpans(input.table, input.counted)) {
    const digest = createHash("sha256")
      .update(JSON.stringify([DATA_FORMAT, input.code, input.meta.timeZone, input.digest(span.lo, span.hi)]))
      .digest("hex")
      .slice(0, 24);
    const names = monthFiles(span.month);
    const before = previous.get(span.month);
    if (before?.digest === digest && Array.isArray(before.subdomains)) {
      const linked = await Promise.all(
        names.map((name) =>
          link(path.join(out, DATA_DIR, name), path.join(dir, name)).then(
            () => true,
            () => false,
          ),
        ),
      );
      if (linked.every(Boolean)) {
        months.push(before);
        kept++;
        continue;
      }
    }
    const fields = await sourceFields(input.source, span.lo, span.hi);
    months.push({month: span.month, rows: span.hi - span.lo, digest, subdomains: [...new Set(fields.subdomain)].filter((value) => value !== "").sort()});
    await writeFile(path.join(dir, names[0]), dataScript(monthData(input.table, span, fields.subdomain)));
    await writeFile(path.join(dir, names[1]), dataScript(monthRows(input.time, span, fields)));
  }
  // every subdomain of the counted rows, from each month's (a kept month's from the published meta.js)
  const subdomains = [...new Set(months.flatMap((entry) => entry.subdomains))].sort();
  const meta: ExploreMeta = {kind: "meta", format: DATA_FORMAT, ...input.meta, subdomains, months};
  await writeFile(path.join(dir, "meta.js"), dataScript(meta));
  return {written: months.length - kept, kept, months};
}
