/**
 * Writes the explorer's data files (data-format.ts) into a report folder: one pair per month of
 * counted rows (figures, then rows-table columns) and meta.js. A month whose rows, code and zone are
 * those of the published report is hard-linked from it, not written again: a build that adds a day
 * writes the current month only. The rows' text comes from the table, or from the staged
 * activity.json for the columns an incremental build's table lacks (month-columns.ts). It does not
 * write the page or its script (write-explorer.ts).
 */
import {createHash} from "node:crypto";
import {link, mkdir, readFile, writeFile} from "node:fs/promises";
import path from "node:path";
import type {ColumnTable} from "arquero";
import {codedColumn} from "../indicators/coded-rows.js";
import {parseDayKey} from "../periods/calendar-keys.js";
import {
  DATA_FORMAT,
  DATA_GLOBAL,
  dataScript,
  EXPLORE_COLUMNS,
  monthSections,
  rowsSections,
  TARGET_COLUMNS,
  type ExploreMeta,
  type MonthData,
  type MonthRows,
} from "./data-format.js";
import {writePacked} from "./data-writer.js";
import {jsonColumns, MONTH_COLUMNS, packSpan, tableColumns, textAt, type ColumnSource, type ExploreSource} from "./month-columns.js";

export type {ExploreSource} from "./month-columns.js";

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
  /** the log's columns (ActivityLog.columns): those the table lacks are read from `source` */
  columns: readonly string[];
  /** the whole-log activity.json as staged, and where each row is in it */
  source: ExploreSource;
}

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

/** A month's columns (month-columns.ts MONTH_COLUMNS) by name. */
type MonthColumns = ReadonlyMap<string, ColumnSource>;

function monthData(table: ColumnTable, {month, lo, hi}: MonthSpan, columns: MonthColumns): MonthData {
  const day = codedColumn(table, "day");
  const days: [number, number][] = [];
  for (let row = lo; row < hi; row++) {
    if (row > lo && day.codes[row] === day.codes[row - 1]) days[days.length - 1][1]++;
    else days.push([parseDayKey(day.dictionary[day.codes[row]])!, 1]);
  }
  const coded = Object.fromEntries(EXPLORE_COLUMNS.map((name) => [name, packSpan(columns.get(name)!, lo, hi)])) as MonthData["columns"];
  return {kind: "month", month, rows: hi - lo, days, columns: coded};
}

/** The target columns the month file lacks (TARGET_COLUMNS but dataset_id and page_id). */
const OTHER_TARGETS = TARGET_COLUMNS.filter((name) => name !== "dataset_id" && name !== "page_id");

function monthRows(time: Float64Array, {month, lo, hi}: MonthSpan, columns: MonthColumns): MonthRows {
  const [dataset, page] = [columns.get("dataset_id")!, columns.get("page_id")!];
  const others = OTHER_TARGETS.map((name) => columns.get(name)!);
  // a row's target is the first of its target columns that is not empty: "" when that is its dataset or page
  const otherTarget = (row: number) => {
    if (textAt(dataset, row) !== "" || textAt(page, row) !== "") return "";
    for (const column of others) {
      const text = textAt(column, row);
      if (text !== "") return text;
    }
    return "";
  };
  return {
    kind: "rows",
    month,
    rows: hi - lo,
    time: time.slice(lo, hi),
    otherTarget: packSpan({text: otherTarget}, lo, hi),
    diff: packSpan(columns.get("diff")!, lo, hi),
  };
}

/** The distinct subdomains of rows [lo, hi) but "", sorted. */
function subdomainsOf(column: ColumnSource, lo: number, hi: number): string[] {
  const seen = new Set<string>();
  for (let row = lo; row < hi; row++) seen.add(textAt(column, row));
  seen.delete("");
  return [...seen].sort();
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
  const {fromTable, missing} = tableColumns(input.table, input.columns);
  const empty: ColumnSource = {text: () => ""};
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
    const fromJson = await jsonColumns(input.source, missing, span.lo, span.hi);
    const columns: MonthColumns = new Map(MONTH_COLUMNS.map((name) => [name, fromTable.get(name) ?? fromJson.get(name) ?? empty]));
    months.push({month: span.month, rows: span.hi - span.lo, digest, subdomains: subdomainsOf(columns.get("subdomain_id")!, span.lo, span.hi)});
    await writePacked(path.join(dir, names[0]), "month", span.month, monthSections(monthData(input.table, span, columns)));
    await writePacked(path.join(dir, names[1]), "rows", span.month, rowsSections(monthRows(input.time, span, columns)));
  }
  // every subdomain of the counted rows, from each month's (a kept month's from the published meta.js)
  const subdomains = [...new Set(months.flatMap((entry) => entry.subdomains))].sort();
  const meta: ExploreMeta = {kind: "meta", format: DATA_FORMAT, ...input.meta, subdomains, months};
  await writeFile(path.join(dir, "meta.js"), dataScript(meta));
  return {written: months.length - kept, kept, months};
}
