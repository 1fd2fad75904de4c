/**
 * Runs in the page: the explorer's selection (days and filters, as in the URL) and its figures. The
 * selected rows are copied into coded columns (the store's sorted dictionaries, plus the `day`,
 * `week` and `month` keys) and handed to computeIndicators, the build's own code: one
 * implementation of the indicators. No Arquero verb runs here (they compile code, which the CSP
 * forbids): only aq.table over typed arrays.
 */
import * as aq from "arquero";
import type {ColumnTable} from "arquero";
import {CodedColumn} from "../../ingest/coded-column.js";
import {computeIndicators} from "../../indicators/compute-indicators.js";
import type {PeriodIndicators} from "../../indicators/types.js";
import {dayKeys, parseDayKey} from "../../periods/calendar-keys.js";
import {makePeriod} from "../../periods/period-bounds.js";
import type {Period, PeriodType} from "../../periods/types.js";
import type {ExploreColumn, ExploreMeta} from "../data-format.js";
import type {ExploreStore, LoadedMonth} from "./load-data.js";

/** The filters of the URL: null is "any"; subdomain "" is the rows without one. */
export interface Selection {
  /** YYYY-MM-DD, inclusive */
  from: string;
  to: string;
  subdomain: string | null;
  action: string | null;
  user: string | null;
  dataset: string | null;
  page: string | null;
}

/** URL parameter -> log column. */
export const FILTERS = {subdomain: "subdomain_id", action: "action", user: "user_id", dataset: "dataset_id", page: "page_id"} as const satisfies Record<
  string,
  ExploreColumn
>;
export type FilterName = keyof typeof FILTERS;
export const FILTER_NAMES = Object.keys(FILTERS) as FilterName[];

const isDay = (text: string | null): text is string => text !== null && parseDayKey(text) !== undefined;

/** The last `days` days up to the as-of day. */
export function lastDays(meta: ExploreMeta, days: number): {from: string; to: string} {
  const asOf = parseDayKey(meta.asOf)!;
  return {from: dayKeys(asOf - days + 1).day, to: meta.asOf};
}

/** The selection a query string asks for; days missing or not real dates give the last 30 days. */
export function selectionFromQuery(query: string, meta: ExploreMeta): Selection {
  const params = new URLSearchParams(query);
  const fallback = lastDays(meta, 30);
  let from = params.get("from");
  let to = params.get("to");
  if (!isDay(from) || !isDay(to)) ({from, to} = fallback);
  if (from > to) [from, to] = [to, from];
  const filter = (name: FilterName) => params.get(name);
  // an empty user, dataset, page or action is no filter; an empty subdomain is the main domain
  const some = (name: FilterName) => filter(name) || null;
  return {from, to, subdomain: filter("subdomain"), action: some("action"), user: some("user"), dataset: some("dataset"), page: some("page")};
}

/** The query string of a selection, e.g. "?from=2025-03-01&to=2025-03-31&subdomain=culture". */
export function selectionQuery(selection: Selection): string {
  const params = new URLSearchParams({from: selection.from, to: selection.to});
  for (const name of FILTER_NAMES) if (selection[name] !== null) params.set(name, selection[name]!);
  return `?${params}`;
}

/** The figures of a selection as `#download-figures` gives them: indicators.json's shape, `selection` for `period`. */
export type SelectionFigures = {selection: Selection} & Omit<PeriodIndicators, "period" | "comparison" | "dataFrom" | "previousAction">;

/** A computed selection: its rows (as month and row numbers, for the rows table) and figures. */
export interface SelectionResult {
  selection: Selection;
  period: Period;
  table: ColumnTable;
  figures: SelectionFigures;
  /** the same as a period's (with the selection's `period`): what the chart builders take */
  indicators: PeriodIndicators;
  months: LoadedMonth[];
  /** per selected row: its month's index in `months`, its row in that month */
  monthOf: Int32Array;
  rowOf: Int32Array;
}

/**
 * The Period the indicators get: a baked period's own type when the days are one's (same buckets
 * as its page), else by length: days up to 92 days, ISO weeks up to 400, months beyond.
 */
export function selectionPeriod(meta: ExploreMeta, from: string, to: string): Period {
  const first = parseDayKey(from)!;
  const last = parseDayKey(to)!;
  const asOf = parseDayKey(meta.asOf)!;
  const baked = meta.periods.find((period) => period.from === from && period.to === to);
  const days = last - first + 1;
  const type: PeriodType = (baked?.type as PeriodType | undefined) ?? (days <= 92 ? "rolling" : days <= 400 ? "quarter" : "year");
  return makePeriod(type, baked?.key ?? `${from}..${to}`, first, last + 1, meta.timeZone, Math.max(first, Math.min(last, asOf) + 1));
}

/**
 * The column of bucket keys `unit` of rows whose local days are `day` (ascending): a dictionary of
 * the keys of `days` (the distinct days, ascending; keys sort as their days), "" first.
 */
function keyColumn(day: Int32Array, days: number[], unit: "day" | "week" | "month"): CodedColumn {
  const dictionary = ["", ...new Set(days.map((d) => dayKeys(d)[unit]))];
  const codeOf = new Map(dictionary.map((key, code) => [key, code]));
  const first = days[0] ?? 0;
  const codeOfDay = new Int32Array(days.length === 0 ? 0 : days[days.length - 1] - first + 1);
  for (const d of days) codeOfDay[d - first] = codeOf.get(dayKeys(d)[unit])!;
  const codes = new Int32Array(day.length);
  for (let row = 0; row < day.length; row++) codes[row] = codeOfDay[day[row] - first];
  return new CodedColumn(codes, dictionary);
}

/** Copies the selected rows' codes: the rows of `months` in the days and filters of `selection`. */
function selectRows(months: LoadedMonth[], selection: Selection, first: number, last: number) {
  const size = months.reduce((sum, month) => sum + month.rows, 0);
  const out = {action: new Int32Array(size), user_id: new Int32Array(size), dataset_id: new Int32Array(size), page_id: new Int32Array(size)};
  const day = new Int32Array(size);
  const monthOf = new Int32Array(size);
  const rowOf = new Int32Array(size);
  let n = 0;
  months.forEach((month, m) => {
    const picked = FILTER_NAMES.filter((name) => selection[name] !== null);
    const filterCodes = picked.map((name) => month.local[FILTERS[name]].codes);
    const filterCode = picked.map((name) => month.local[FILTERS[name]].values.indexOf(selection[name]!));
    if (filterCode.some((code) => code < 0)) return; // a value this month does not hold: none of its rows
    const {local, toGlobal} = month;
    const filters = picked.length;
    rows: for (let row = 0; row < month.rows; row++) {
      const d = month.day[row];
      if (d < first || d > last) continue;
      for (let f = 0; f < filters; f++) if (filterCodes[f][row] !== filterCode[f]) continue rows;
      out.action[n] = toGlobal.action[local.action.codes[row]];
      out.user_id[n] = toGlobal.user_id[local.user_id.codes[row]];
      out.dataset_id[n] = toGlobal.dataset_id[local.dataset_id.codes[row]];
      out.page_id[n] = toGlobal.page_id[local.page_id.codes[row]];
      day[n] = d;
      monthOf[n] = m;
      rowOf[n++] = row;
    }
  });
  return {out, day: day.subarray(0, n), monthOf: monthOf.subarray(0, n), rowOf: rowOf.subarray(0, n), n};
}

/** The rows and figures of `selection`; its months must be loaded (store.loadMonths). */
export function computeSelection(store: ExploreStore, months: LoadedMonth[], selection: Selection, top = store.meta.top): SelectionResult {
  const period = selectionPeriod(store.meta, selection.from, selection.to);
  const first = parseDayKey(selection.from)!;
  const last = Math.min(parseDayKey(selection.to)!, parseDayKey(store.meta.asOf)!);
  const {out, day, monthOf, rowOf, n} = selectRows(months, selection, first, last);
  const distinctDays: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || day[i] !== day[i - 1]) distinctDays.push(day[i]);
  const columns: Record<string, CodedColumn> = {};
  for (const name of ["action", "user_id", "dataset_id", "page_id"] as const)
    columns[name] = new CodedColumn(out[name].subarray(0, n), store.dictionaries[name]);
  for (const unit of ["day", "week", "month"] as const) columns[unit] = keyColumn(day, distinctDays, unit);
  const table = aq.table(columns as unknown as Record<string, unknown[]>);
  const indicators = computeIndicators(table, {period, top});
  const {period: _period, comparison: _c, dataFrom: _d, previousAction: _p, ...figures} = indicators;
  return {selection, period, table, figures: {selection, ...figures}, indicators, months, monthOf, rowOf};
}
