/**
 * Step 2 of a build, plan: the periods, each one's totals and frame, what its folder is made of (its
 * content key), and which folders of the published report can be kept as they are. A period whose
 * rows are those of the cached build keeps its totals (all that keys, links and the index need); the
 * others get their full indicators now, and the first few of them their charts started on the
 * workers (runtime.renderEarly) while the plan goes on.
 */
import path from "node:path";
import type {ColumnTable} from "arquero";
import type {BuildConfig} from "../config.js";
import {visibleText} from "../charts/labels.js";
import {actionPalette} from "../charts/palette.js";
import type {ActionPalette} from "../charts/types.js";
import {chartSpecs} from "../charts/registry.js";
import {messagesFor, type Messages} from "../i18n/languages.js";
import {codedColumn} from "../indicators/coded-rows.js";
import {countPerCode, distinctNonEmpty} from "../indicators/count-by.js";
import {rankCodes} from "../indicators/rank-by-action.js";
import {computeIndicators, withFrame} from "../indicators/compute-indicators.js";
import type {PeriodComparison, PeriodFrame, PeriodIndicators} from "../indicators/types.js";
import type {CodedColumn} from "../ingest/coded-column.js";
import {addPeriodKeys, timeColumn} from "../periods/add-period-keys.js";
import {parseDayKey} from "../periods/calendar-keys.js";
import {comparisonWindow, dataFromInside, ComparisonType, type ComparisonWindow} from "../periods/comparison.js";
import {asOfEndMs, listPeriods} from "../periods/list-periods.js";
import {lowerBound, periodRowRange, rowsInPeriod} from "../periods/rows-in-period.js";
import {createLocalCalendar} from "../periods/time-zone.js";
import type {Period} from "../periods/types.js";
import {pageRowsDigest, rowsDigest} from "../cache/period-keys.js";
import type {TailPeriod} from "../cache/period-spares.js";
import type {PeriodRows} from "../downloads/period-files.js";
import type {PeriodSpare} from "../downloads/period-spare.js";
import type {WholeLogFiles} from "../downloads/whole-log.js";
import {periodContentKeys} from "./content-keys.js";
import type {LogRead} from "./read-log.js";
import type {Output} from "./output.js";
import type {Runtime} from "./runtime.js";

/** A period of the report with its indicators: full for a page to render, else its totals and frame. */
export interface PlannedPeriod {
  period: Period;
  indicators: PeriodIndicators;
}

/** What step 2 decided. */
export interface Plan {
  /** the log with its period keys */
  table: ColumnTable;
  /** epoch ms per row, in time order: the report's latest action and the cache's time column */
  time: Float64Array;
  /** the rows the report counts: up to the end of the as-of day */
  counted: number;
  title: string;
  palette: ActionPalette;
  /** the report's message catalogue (config.lang) */
  messages: Messages;
  periods: PlannedPeriod[];
  /** each period's rows [lo, hi) of the table */
  ranges: [number, number][];
  /** each period's rows' digest, the same for its page (rows of an instant in any order) and its content key (cache/period-keys.ts) */
  digests: string[];
  pageDigests: string[];
  keys: string[];
  frames: PeriodFrame[];
  /** the periods whose indicators are full already (their rows changed) */
  full: Set<number>;
  /** the paths of the periods to render: the others are kept from the published report */
  render: Set<string>;
  /** the paths of periods kept but for their downloads, written again: their rows of one instant came in another order */
  relisted: Set<string>;
}

/** Plans the report's periods; a period whose key is the published one's is kept (output.keepPeriod). */
export async function planPeriods(config: BuildConfig, run: Runtime, read: LogRead, output: Output): Promise<Plan> {
  const table = read.incremental?.table ?? (await run.timed("periods", () => addPeriodKeys(read.log.table, config.timeZone)));
  const listed = await run.timed("periods", () => listPeriods(table, {timeZone: config.timeZone, asOf: config.asOf, types: config.periods}));
  // epoch ms per row, in time order (a copy only for a filtered or reordered table)
  const time = timeColumn(table);
  const counted = lowerBound((row) => time[row], time.length, asOfEndMs(config.asOf, config.timeZone));
  const firstDataDay = counted === 0 ? undefined : createLocalCalendar(config.timeZone).localDay(time[0]);
  await output.recovered(); // before anything reads <out>
  // addPeriodKeys dictionary-encoded `action`: its sorted dictionary is every action of the log
  // the report's language: the charts' text and the action names are written in it
  const messages = messagesFor(config.lang);
  const palette = actionPalette(
    (table.column("action") as CodedColumn).dictionary.filter((action) => action !== ""),
    messages,
  );
  const title = await run.timed("keys", () => reportTitle(table, config.title, messages));
  const ranges = listed.map((period) => periodRowRange(table, period));
  const digests = await run.timed("keys", () => ranges.map((range) => rowsDigest(read.log.rows, ...range)));
  const pageDigests = await run.timed("keys", () => ranges.map((range) => pageRowsDigest(read.log.rows, time, ...range)));
  const known = read.cache?.manifest.periods ?? {};
  const full = new Set<number>();
  const periods: PlannedPeriod[] = await run.timed("indicators", () =>
    listed.map((period, i) => {
      const cached = known[period.path];
      if (cached !== undefined && cached.pageRows === pageDigests[i]) return {period, indicators: {totals: cached.totals} as PeriodIndicators};
      full.add(i);
      const indicators = computeIndicators(rowsInPeriod(table, period), {period, top: config.top});
      // its rows changed, so its key will: its charts start on the workers now (a night's charts start ~0.3 s sooner)
      if (indicators.totals.actions > 0) run.renderEarly(i, chartSpecs(indicators, palette, messages));
      return {period, indicators};
    }),
  );
  // where each period stands: what it is compared with, where its data begin, the action before it
  const frames = await run.timed("keys", () => periodFrames(table, time, periods, ranges, firstDataDay, parseDayKey(config.asOf)!));
  for (const [i, page] of periods.entries()) page.indicators = withFrame(page.indicators, frames[i]);
  const keys = await run.timed("keys", () =>
    periodContentKeys(periods, {code: read.code, config, columns: read.log.columns, actions: palette.actions, title, rows: pageDigests, frames}),
  );
  const published =
    read.cache && (await output.publishedFingerprint()) === read.cache.manifest.fingerprint && read.cache.manifest.out === output.out
      ? read.cache.manifest.periods
      : {};
  // the same key with rows in another order: the page is kept, the downloads are written again
  const relisted = new Set(
    periods.flatMap(({period}, i) => (published[period.path]?.key === keys[i] && published[period.path].rows !== digests[i] ? [period.path] : [])),
  );
  const kept = await run.timed("reuse", () =>
    Promise.all(periods.map(({period}, i) => published[period.path]?.key === keys[i] && output.keepPeriod(period.path, relisted.has(period.path)))),
  );
  const render = new Set(periods.flatMap(({period}, i) => (kept[i] ? [] : [period.path])));
  for (const periodPath of render) relisted.delete(periodPath);
  return {table, time, counted, title, palette, messages, periods, ranges, digests, pageDigests, keys, frames, full, render, relisted};
}

/**
 * The rows of each period whose downloads are written (rendered, or relisted: the same page, rows in
 * another order), as the downloads stage copies them into its folder of `dir`,
 * with the cache's spare of its downloads when it has one (`spares`, by period path: read-log.ts
 * periodSpares), and for an open period, where to copy its downloads for the cache (`copies`:
 * LogRead.periodCopies).
 */
export function renderedRows(plan: Plan, dir: string, spares: Record<string, PeriodSpare> = {}, copies?: (periodPath: string) => WholeLogFiles): PeriodRows[] {
  return plan.periods.flatMap(({period}, i) => {
    if (!written(plan, period.path)) return [];
    const [lo, hi] = plan.ranges[i];
    const spare = spares[period.path];
    const copyTo = copies && isTail(plan, i) ? copies(period.path) : undefined;
    return [{dir: path.join(dir, period.path), lo, hi, ...(spare ? {spare} : {}), ...(copyTo ? {copyTo} : {})}];
  });
}

/**
 * The periods whose downloads are written that go on past the as-of day (the open week, month, quarter and year, and
 * all time) or whose rows reach the end of the log, with their downloads in `dir`: the cache links
 * them for the nights after (cache/period-spares.ts), which extend them as the period gains rows.
 * Rolling periods start a day later each night: they could not be extended. A period of every row
 * (all time, unless rows lie after the as-of day) has the whole log's files, linked, which the cache
 * spares on their own.
 */
export function tailPeriods(plan: Plan, dir: string): TailPeriod[] {
  return plan.periods.flatMap(({period}, i) => {
    if (!isTail(plan, i)) return [];
    const folder = path.join(dir, period.path);
    const [lo, hi] = plan.ranges[i];
    return [{path: period.path, csvFile: path.join(folder, "activity.csv"), jsonFile: path.join(folder, "activity.json"), lo, hi}];
  });
}

/** Whether period i's downloads are written, it is not rolling, goes on past the as-of day, has rows and not the whole log's files (see tailPeriods). */
function isTail(plan: Plan, i: number): boolean {
  const {period} = plan.periods[i];
  const [lo, hi] = plan.ranges[i];
  // every row: the whole log's files, linked (downloads/period-files.ts), whose spare is the cache's own
  const wholeLog = lo === 0 && hi === plan.time.length;
  // rolling periods start a day later each night; all time without the rows after the as-of day is a tail too
  const calendar = period.type !== "rolling";
  // it may gain rows: all time, a period going on past the as-of day, or one whose rows reach the end of the log (an as-of day after its last)
  const open = period.type === "all" || period.countedEndMs < period.endMs || hi === plan.time.length;
  return written(plan, period.path) && calendar && open && lo < hi && !wholeLog;
}

/** Whether `periodPath`'s downloads are written by this build: rendered, or relisted. */
const written = (plan: Plan, periodPath: string): boolean => plan.render.has(periodPath) || plan.relisted.has(periodPath);

/**
 * Each period's frame (indicators.json's comparison, dataFrom, previousAction). A comparison with a
 * whole period takes that period's totals; one with some days (a period so far, a rolling window)
 * counts that window's rows and users.
 */
function periodFrames(
  table: ColumnTable,
  time: Float64Array,
  pages: PlannedPeriod[],
  ranges: [number, number][],
  firstDataDay: number | undefined,
  asOfDay: number,
): PeriodFrame[] {
  const byStart = new Map(pages.map(({period, indicators}) => [`${period.type}:${period.startMs}`, indicators.totals]));
  const compared = (period: Period, window: ComparisonWindow): PeriodComparison => {
    const whole = window.type === ComparisonType.previous ? byStart.get(`${period.type}:${window.startMs}`) : undefined;
    const {type, key, start, end} = window;
    if (whole) return {type, key, start, end, actions: whole.actions, users: whole.users};
    const rows = rowsInPeriod(table, window);
    return {type, key, start, end, actions: rows.numRows(), users: distinctNonEmpty(countPerCode(rows, "user_id"))};
  };
  return pages.map(({period}, i) => {
    const window = comparisonWindow(period, firstDataDay, asOfDay);
    const lo = ranges[i][0];
    return {
      comparison: window && compared(period, window),
      dataFrom: dataFromInside(period, firstDataDay),
      previousAction: lo === 0 ? null : new Date(time[lo - 1]).toISOString(),
    };
  });
}

/** The report's title: the log's domain ids, most frequent first, unless the user gave one. */
export function reportTitle(table: ColumnTable, title: string | undefined, m: Messages = messagesFor(undefined)): string {
  if (title !== undefined) return title;
  // codes, not strings (a million rows); a table without the column reads as "" on every row
  const {codes, dictionary} = codedColumn(table, "domain_id");
  const named = dictionary.flatMap((value, code) => (value ? [code] : []));
  let counts: Int32Array;
  if (named.length === 1) {
    // one domain, as in a domain's own log: only whether a row names it matters, and indexOf
    // (a builtin) answers that without counting the rows (~35 ms a night at 1M rows)
    counts = new Int32Array(dictionary.length);
    counts[named[0]] = codes.indexOf(named[0]) === -1 ? 0 : 1;
  } else counts = countPerCode(table, "domain_id");
  // by count, then by id (codes ascend with their strings); "" (code 0) names no domain
  const domains = rankCodes(counts, 1).map((code) => dictionary[code]);
  return domains.length === 0
    ? m.page.siteName
    : domains.slice(0, 3).map(visibleText).join(", ") + (domains.length > 3 ? m.page.andMore(domains.length - 3) : "");
}
