/**
 * The orchestrator: one build of the report, from log files to a published folder.
 *
 *  log files ──> ingest ──> periods ──> indicators ──> charts ──> site (Eleventy) ──> dist/
 *  (csv/json)   (papaparse  (tz-aware   (Arquero,     (Vega-Lite     pages, downloads,
 *                -> Arquero) keys)       pure)         specs + SVG)   indicators.json
 *                                                          └──────> email snapshots (email/)
 *
 * It owns the order of the stages and the staging folder; each stage lives in its own folder.
 * Effects (clock, log lines, progress) are injected so tests run it with a fixed date and no terminal.
 */
import {existsSync} from "node:fs";
import {link, mkdir, readdir, rmdir, writeFile} from "node:fs/promises";
import path from "node:path";
import type {ColumnTable} from "arquero";
import type {BuildConfig} from "./config.js";
import {fromHere, InputError, systemError} from "./errors.js";
import {chartLabel, visibleText} from "./charts/labels.js";
import {buildFingerprint, codeFingerprint, FINGERPRINT_FILE, inputSnapshots, inputState, publishedFingerprint, upToDateSummary, type InputState} from "./fingerprint.js";
import {ingest} from "./ingest/index.js";
import type {ActivityLog} from "./ingest/types.js";
import {addPeriodKeys, timeColumn} from "./periods/add-period-keys.js";
import type {CodedColumn} from "./ingest/coded-column.js";
import {asOfEndMs, listPeriods} from "./periods/list-periods.js";
import {lowerBound, periodRowRange, rowsInPeriod} from "./periods/rows-in-period.js";
import {comparisonWindow, dataFromInside, ComparisonType, type ComparisonWindow} from "./periods/comparison.js";
import {parseDayKey} from "./periods/calendar-keys.js";
import {createLocalCalendar} from "./periods/time-zone.js";
import {codedColumn} from "./indicators/coded-rows.js";
import {countPerCode, distinctNonEmpty} from "./indicators/count-by.js";
import {rankCodes} from "./indicators/rank-by-action.js";
import {computeIndicators, withFrame} from "./indicators/compute-indicators.js";
import {actionPalette} from "./charts/palette.js";
import {chartSpecs} from "./charts/registry.js";
import type {ChartSpec, RenderedChart} from "./charts/types.js";
import {createRenderPool, type ChartRenderPool} from "./charts/render-pool.js";
import {trace} from "./trace.js";
import {bundleLiveCharts} from "./charts/bundle.js";
import {writeReportExplorer} from "./explore/write-explorer.js";
import {writePeriodData, writeReportFiles} from "./site/write-outputs.js";
import {CHART_SPECS_SLOT, chartSlot, fillChartSlots} from "./site/chart-slots.js";
import {appendSourceData, periodDownloads, writePeriodsSourceData, writeSourceData} from "./site/source-data.js";
import {SourceStream} from "./site/source-stream.js";
import {asOfEnd, containingPeriods, goesOnPast} from "./site/period-labels.js";
import {pageIndex} from "./site/page-links.js";
import {readCache, spareFilesFor, stageCache, type CachedLog} from "./cache/build-cache.js";
import {appendToCachedLog, CACHED_COLUMNS, fileStates} from "./cache/append-log.js";
import {periodContentKey, rowsDigest} from "./cache/period-keys.js";
import {extendHashIndex, hashIndexOf, MAX_INDEXED_ROWS} from "./cache/hash-index.js";
import {createStaging, discardStaging, publishStaging, recoverInterruptedBuilds, retirePrevious} from "./site/publish.js";
import {claimOut} from "./site/out-folder.js";
import type {PeriodPage, ReportJson} from "./site/types.js";
import type {PeriodComparison, PeriodFrame, PeriodIndicators} from "./indicators/types.js";
import type {Period} from "./periods/types.js";

export interface BuildEffects {
  /** the build time written to report.json and the index page */
  now: () => Date;
  /** one human line of progress, e.g. "ingest: 1,000,000 rows" */
  log: (message: string) => void;
  /** a long step's progress: done out of total (bytes or periods) */
  progress: (step: string, done: number, total: number) => void;
}

export interface BuildSummary {
  out: string;
  /** true when the published report already matched the inputs and options: nothing was rebuilt */
  upToDate: boolean;
  rows: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  periods: number;
  /** periods whose folder was kept from the previous build (unchanged content key), not rendered */
  reused?: number;
  rendered?: number;
  /** "append": only what was added since the cached build was parsed; "cold": every input was read */
  ingestMode?: "append" | "cold";
  /** why every input was read although a cache was asked for, e.g. "log.csv changed" */
  ingestReason?: string;
  seconds: number;
  /** seconds per stage, e.g. {ingest: 4.1, indicators: 2.3, ...} */
  stages: Record<string, number>;
  /** entries of input folders not read (the CLI's), e.g. ["logs/pipe.csv (a FIFO, not a regular file)"] */
  skipped?: string[];
}

/** Up to this many pages to render, one worker renders the charts (a worker takes 1-2 s to start). */
const ONE_WORKER_PAGES = 12;

/**
 * Periods whose downloads are copied at once. Copying is mostly the kernel filling fresh pages; two
 * at a time finish the 2.1 GB of a 1M-row report's period downloads alongside the charts instead of
 * after them: cold builds 22.6-28.5 s against 23.9-28.7 s, 4 of 6 interleaved pairs faster.
 */
const COPY_LANES = 2;

const round = (seconds: number): number => Math.round(seconds * 1000) / 1000;

/**
 * Fails the build when more than `maxPercent` of the rows were rejected, in one line: the most common
 * reasons (values left out, so that alike rows count together), the first rejected row's file, line
 * and reason, and the --max-rejected that would let the build go on and list every rejected row in
 * rejects.csv. Reasons may quote the log (a value, a field name): each is shown as a chart label
 * shows it (no control or invisible characters, at most 100 characters), so that it cannot break the
 * line or the terminal.
 */
export function checkRejectedShare(log: ActivityLog, maxPercent: number): void {
  const {rows, rejected} = log.counts;
  const share = (rejected / rows) * 100;
  if (rows === 0 || share <= maxPercent) return;
  const reasons = new Map<string, number>();
  for (const reject of log.rejects) {
    const reason = reject.reason.replace(/"[^"]*"/g, "…");
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const top = [...reasons].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
  const first = log.rejects[0];
  const enough = Math.ceil(share * 10) / 10;
  throw new InputError(
    `${rejected} of ${rows} rows rejected (${share.toFixed(1)} %, above --max-rejected ${maxPercent} %): ` +
      top.map(([reason, count]) => `${count} × ${chartLabel(reason)}`).join("; ") +
      (first ? `. First: ${first.file} line ${first.line}: ${chartLabel(first.reason)}` : "") +
      `. With --max-rejected ${enough} the build goes on and rejects.csv lists every rejected row with its file, line and reason`,
  );
}

/** The report's title: the log's domain ids, most frequent first, unless the user gave one. */
export function reportTitle(table: ColumnTable, title: string | undefined): string {
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
  return domains.length === 0 ? "Activity report" : domains.slice(0, 3).map(visibleText).join(", ") + (domains.length > 3 ? ` and ${domains.length - 3} more` : "");
}

/** The build cache of `config` as the build reads it (step 1), for a caller that starts it early. */
export async function readBuildCache(config: BuildConfig): Promise<CachedLog | string> {
  return readCache(config.cache!, codeFingerprint());
}

/**
 * Runs one build and publishes it into `config.out`; the previous report survives any failure.
 * `known`: what the caller has computed already: the inputs as found (inputState: the snapshot of
 * each file that the build reads, whatever is appended meanwhile), the fingerprint of those inputs
 * and the options, the cache, being read (readBuildCache) while the CLI hashed the inputs, and
 * `claimed` when the caller has checked `--out` and holds its lock (claimOut); else the build does
 * both first.
 */
export async function build(config: BuildConfig, effects: BuildEffects, known: KnownBeforeBuild & {claimed?: boolean} = {}): Promise<BuildSummary> {
  const release = known.claimed ? undefined : await claimOut(config);
  try {
    return await claimedBuild(config, effects, known);
  } finally {
    await release?.();
  }
}

/** What a caller of build() may have computed already. */
interface KnownBeforeBuild {
  inputs?: InputState;
  fingerprint?: string;
  cache?: Promise<CachedLog | string>;
}

async function claimedBuild(config: BuildConfig, effects: BuildEffects, known: KnownBeforeBuild): Promise<BuildSummary> {
  const started = performance.now();
  const stages: Record<string, number> = {};
  const timed = async <T>(stage: string, run: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    trace(`${stage} …`);
    const result = await run();
    stages[stage] = round((stages[stage] ?? 0) + (performance.now() - t0) / 1000);
    trace(`${stage} done in ${((performance.now() - t0) / 1000).toFixed(3)} s`);
    return result;
  };

  // 0. nothing to do when the published report was built from the same inputs and options
  const inputs = known.inputs ?? (await inputState(config));
  const fingerprint = known.fingerprint ?? (await timed("fingerprint", () => buildFingerprint(config, inputs)));
  const upToDate = await upToDateSummary(config, fingerprint);
  if (upToDate) {
    effects.log(`up to date: ${config.out} was built from the same inputs and options`);
    await recoverInterruptedBuilds(config.out);
    return {...upToDate, seconds: round((performance.now() - started) / 1000), stages};
  }
  // The workers start while the log is read: their imports and the chart workers' warm-up take a
  // second or two. One chart worker first: with a cache, a build usually renders a few pages and the
  // CPU is short (a second worker's imports cost more than it saves); without, all of them.
  const pool = createRenderPool(Math.min(1, config.workers));
  pool.preloadSite();
  try {
    return await buildReport(config, effects, {inputs, fingerprint, started, stages, timed, pool, cache: known.cache});
  } finally {
    await timed("charts", () => pool.close());
  }
}

interface BuildRun {
  /** the inputs, whose snapshots the fingerprint hashed */
  inputs: InputState;
  fingerprint: string;
  /** the cache, being read already */
  cache?: Promise<CachedLog | string>;
  pool: ChartRenderPool;
  started: number;
  stages: Record<string, number>;
  timed: <T>(stage: string, run: () => Promise<T> | T) => Promise<T>;
}

/** Steps 1 to 7 of a build that is not up to date. */
async function buildReport(config: BuildConfig, effects: BuildEffects, {inputs, fingerprint, pool, started, stages, timed, cache: reading}: BuildRun): Promise<BuildSummary> {
  const code = await codeFingerprint();
  const cached = config.cache !== null && !config.force ? await timed("ingest", () => reading ?? readCache(config.cache!, code)) : config.cache === null ? "no cache used (--no-cache)" : "no cache used (--force)";
  const cache = typeof cached === "string" ? undefined : cached;
  if (!cache) pool.grow(config.workers);
  // what killed builds left is cleaned up first, and <out> restored if one left none: these few
  // file operations waited ~0.08 s of a night behind the thousands that remove <out>.previous.
  // Awaited before step 3 reads <out>.
  const recovered = recoverInterruptedBuilds(config.out);
  recovered.catch(() => {}); // awaited in step 2
  // the build before last's folder (<out>.previous) goes while this one works (publish.ts), once
  // the recovery has decided whether <out>.previous is the report to keep
  const retired = recovered.then(() => retirePrevious(config.out));
  retired.catch(() => {}); // awaited before the publish
  // the staging folder comes first: a cold build writes the whole log's downloads into it while it
  // reads the log (source-stream.ts)
  const staging = await timed("publish", () => createStaging(config.out));
  let streamed: SourceStream | undefined;
  let madeCache: string | undefined;
  let reused = 0;
  let caching: Promise<() => Promise<void>> | undefined;
  try {
    // 1. ingest: only what was added since the cached build when that is all that changed, else everything
    // every input is read up to the size its snapshot found: rows appended meanwhile are the next build's
    const snapshots = await inputSnapshots(inputs);
    const ingestOptions = {inputs: config.inputs, format: config.format, timeZone: config.timeZone, onProgress: (done: number, total: number) => effects.progress("read", done, total)};
    const appended = cache ? await timed("ingest", () => appendToCachedLog(cache, ingestOptions, snapshots)) : undefined;
    const incremental = appended?.mode === "append" ? appended : undefined;
    const ingestReason = appended?.mode === "cold" ? appended.reason : typeof cached === "string" ? cached : undefined;
    if (appended?.mode === "cold") {
      effects.log(`ingest: reading every input again: ${appended.reason}`);
      pool.grow(config.workers);
    }
    // with worker threads, a cold build's downloads are formatted on one, from the rows as they are read
    // (and copied into the cache folder, made if missing: removed again if this build fails)
    if (!incremental && config.workers > 0) {
      if (config.cache !== null && !existsSync(config.cache)) madeCache = config.cache;
      streamed = new SourceStream(staging, config.cache === null ? undefined : spareFilesFor(config.cache, staging));
    }
    const log = incremental?.log ?? (await timed("ingest", () => ingest({...ingestOptions, files: snapshots, onRows: streamed?.onRows})));
    effects.log(`ingest: ${log.counts.rows} rows, ${log.counts.accepted} accepted, ${log.counts.rejected} rejected, ${log.counts.duplicates} duplicates` + (incremental ? ` (${incremental.newRows.length} new rows read)` : ""));
    if (log.counts.accepted === 0) throw new InputError(`${config.inputs.join(", ")}: no row was accepted (${log.counts.rejected} rejected); nothing to report`);
    checkRejectedShare(log, config.maxRejectedPercent);

    // 2. periods
    const table = incremental?.table ?? (await timed("periods", () => addPeriodKeys(log.table, config.timeZone)));
    const periods = await timed("periods", () => listPeriods(table, {timeZone: config.timeZone, asOf: config.asOf, types: config.periods}));
    // epoch ms per row, in time order (a copy only for a filtered or reordered table): the rows the
    // report counts (up to the end of the as-of day), its latest action and the cache's time column
    const time = timeColumn(table);
    const counted = lowerBound((row) => time[row], time.length, asOfEndMs(config.asOf, config.timeZone));
    const firstDataDay = counted === 0 ? undefined : createLocalCalendar(config.timeZone).localDay(time[0]);

    await timed("publish", () => recovered);
    // addPeriodKeys dictionary-encoded `action`: its sorted dictionary is every action of the log
    const palette = actionPalette((table.column("action") as CodedColumn).dictionary.filter((action) => action !== ""));
    // the whole log's downloads: formatted during a cold ingest (source-stream.ts) when its rows
    // allow, else now, while the charts render (charts need only indicators)
    const sourceWritten = timed("downloads", () =>
      incremental
        ? // the spare downloads are free once <out>.previous, which links them too, is gone
          retired.then(() => cache!.spare, () => undefined).then((spare) => appendSourceData(staging, cache!.source, log.columns, incremental.newRows, spare))
        : Promise.resolve(streamed?.finish(log)).then((source) => source ?? writeSourceData(staging, log.table, log.columns)),
    );
    sourceWritten.catch(() => {}); // awaited in step 4

    // 3. indicators of every period, and what its folder is made of: its content key. A period whose
    // rows are those of the cached build keeps its totals (all that keys, links and the index need);
    // the full indicators are computed only for the pages rendered.
    const title = await timed("keys", () => reportTitle(table, config.title));
    const ranges = periods.map((period) => periodRowRange(table, period));
    const digests = await timed("keys", () => ranges.map((range) => rowsDigest(log.rows, ...range)));
    const known = cache?.manifest.periods ?? {};
    const full = new Set<number>();
    // A period whose rows changed has a new key, so it is rendered: its charts go to the chart
    // workers as soon as its indicators are computed, while the main thread goes on with the other
    // periods, their keys and which folders to keep (a night's charts start ~0.3 s sooner). A few
    // periods only, as many as step 4 keeps in flight: the rest wait for step 4.
    const inFlight = Math.max(2, config.workers * 2);
    const early = new Map<number, {specs: ChartSpec[]; charts: Promise<RenderedChart[]>}>();
    const summaries: {period: Period; indicators: PeriodIndicators}[] = await timed("indicators", () =>
      periods.map((period, i) => {
        const cached = known[period.path];
        if (cached !== undefined && cached.rows === digests[i]) return {period, indicators: {totals: cached.totals} as PeriodIndicators};
        full.add(i);
        const indicators = computeIndicators(rowsInPeriod(table, period), {period, top: config.top});
        if (early.size < inFlight && indicators.totals.actions > 0) {
          const specs = chartSpecs(indicators, palette);
          const charts = pool.render(specs);
          charts.catch(() => {}); // awaited in step 4
          early.set(i, {specs, charts});
        }
        return {period, indicators};
      }),
    );
    // where each period stands: what it is compared with, where its data begin, the action before it
    const frames = await timed("keys", () => periodFrames(table, time, summaries, ranges, firstDataDay, parseDayKey(config.asOf)!));
    for (const [i, page] of summaries.entries()) page.indicators = withFrame(page.indicators, frames[i]);
    const index = pageIndex(summaries);
    // a week, month, quarter or year still going on says "so far, up to <as-of day>" on its page
    const dataEnd = asOfEnd(config.asOf, config.timeZone);
    const keys = await timed("keys", () =>
      summaries.map((page, i) => {
        // what buildPeriodModel lays out besides the charts: the period and its totals, its frame
        // (comparison, data start, the action before it), its neighbours (links), the periods
        // containing it and, while it goes on past the as-of day, that day ("so far"); the downloads and
        // charts follow from the rows, the columns, the zone, top and the palette
        const {period} = page;
        // the page names the period before and, when nothing is compared with it, where its data begin
        const previousRef = (other: typeof page | undefined) => other && {path: other.period.path, dataFrom: other.indicators.dataFrom};
        const up = containingPeriods(period).filter((c) => index.find(c.type, c.key) !== undefined).map((c) => `${c.type}:${c.key}`);
        const soFar = goesOnPast(period, dataEnd) ? config.asOf : null;
        const model = {period: pick(period, ["type", "key", "path", "start", "end"]), totals: page.indicators.totals, frame: frames[i], previous: previousRef(index.previous(page)), next: index.next(page)?.period.path, up, title, soFar};
        return periodContentKey({code, columns: log.columns, rows: digests[i], content: {model, timeZone: config.timeZone, top: config.top, actions: palette.actions}});
      }),
    );
    const previousKeys = cache && (await publishedFingerprint(config.out)) === cache.manifest.fingerprint && cache.manifest.out === path.resolve(config.out) ? cache.manifest.periods : {};

    // 4. per period: kept from the previous build when its key is unchanged, else charts on the
    // worker pool while the downloads are written
    const render = new Set<string>();
    let done = 0;
    const kept = await timed("reuse", () => Promise.all(summaries.map((page, i) => previousKeys[page.period.path]?.key === keys[i] && keepPreviousPeriod(config.out, staging, page.period.path))));
    for (const [i, page] of summaries.entries()) {
      if (kept[i]) effects.progress("periods", ++done, periods.length);
      else render.add(page.period.path);
    }
    reused = summaries.length - render.size;
    // the worker started at the beginning renders a few pages; a full build uses every core
    pool.grow(render.size > ONE_WORKER_PAGES ? config.workers : 1);
    // the pages to render get their full indicators and chart specs now: the pages are laid out with
    // a slot per chart (chart-slots.ts) and written while the charts render
    const specsOf = new Map<number, ChartSpec[]>();
    await timed("indicators", () => {
      for (const [i, page] of summaries.entries()) {
        if (!render.has(page.period.path)) continue;
        if (!full.has(i)) page.indicators = computeIndicators(rowsInPeriod(table, page.period), {period: page.period, top: config.top, frame: frames[i]});
        // a quiet period's page says so: no charts to draw
        specsOf.set(i, early.get(i)?.specs ?? (page.indicators.totals.actions === 0 ? [] : chartSpecs(page.indicators, palette)));
      }
    });
    const slotted: PeriodPage["charts"][] = [];
    for (const [i, specs] of specsOf) slotted[i] = specs.map(({vegaLite: _rendered, ...chart}) => ({...chart, svg: chartSlot(chart.id)}));
    const pagesWritten = deferred();
    const filled: Promise<void>[] = [];
    const chartsStarted = performance.now();
    const charting = (async () => {
      const pending = new Set<Promise<void>>();
      for (const [i, specs] of specsOf) {
        specsOf.delete(i); // its specs go to the worker: no need to keep them
        const dir = path.join(staging, summaries[i].period.path);
        const rendered = early.get(i)?.charts ?? (specs.length === 0 ? Promise.resolve([]) : pool.render(specs));
        early.delete(i);
        const written = rendered.then(async (charts) => {
          await mkdir(dir, {recursive: true});
          await writePeriodData(dir, summaries[i].indicators, charts);
          const filling = charts.map(({id, svg, vega}) => ({id, svg, vega}));
          const fill = pagesWritten.promise.then(() => fillChartSlots(path.join(dir, "index.html"), filling));
          fill.catch(() => {}); // awaited below
          filled.push(fill);
          effects.progress("periods", ++done, periods.length);
        });
        pending.add(written);
        void written.finally(() => pending.delete(written)).catch(() => {});
        // keep a few periods in flight, not all: memory stays flat whatever the number of periods
        while (pending.size > inFlight) await Promise.race(pending);
      }
      await Promise.all(pending);
      stages.charts = round((stages.charts ?? 0) + (performance.now() - chartsStarted) / 1000);
    })();
    charting.catch(() => {}); // awaited below
    // on a failure, let the charts stop before the staging folder is removed
    let copied: Promise<void> | undefined;
    const settle = async (error: unknown) => {
      pagesWritten.reject(error);
      await Promise.allSettled([charting, ...filled, copied]);
      throw error;
    };
    const source = await sourceWritten.catch(settle);
    // each period's downloads are copied from the whole log's files while the pages are laid out:
    // the pages need only the files' sizes (periodDownloads)
    copied = timed("downloads", () => {
      const rendered = summaries.flatMap(({period}, i) => (render.has(period.path) ? [{dir: path.join(staging, period.path), lo: ranges[i][0], hi: ranges[i][1]}] : []));
      return writePeriodsSourceData(source, rendered, COPY_LANES);
    });
    copied.catch(() => {}); // awaited before the publish
    const pages: PeriodPage[] = summaries.map((page, i) => ({...page, charts: slotted[i] ?? [], downloads: periodDownloads(source, ...ranges[i]), chartSpecs: CHART_SPECS_SLOT}));

    if (reused > 0) effects.log(`periods: ${reused} kept from the previous build, ${render.size} rendered`);

    // 5. site
    const report: ReportJson = {
      generatedAt: effects.now().toISOString(),
      timeZone: config.timeZone,
      asOf: config.asOf,
      lastAction: counted === 0 ? null : new Date(time[counted - 1]).toISOString(),
      title,
      input: {files: log.files.length, ...pick(log.counts, ["rows", "accepted", "rejected", "duplicates"]), afterAsOf: time.length - counted},
      rejects: log.rejects.length > 0 ? "rejects.csv" : null,
      periods: pages.map(({period, indicators}) => ({
        type: period.type,
        key: period.key,
        path: period.path,
        start: period.start,
        end: period.end,
        actions: indicators.totals.actions,
        users: indicators.totals.users,
      })),
    };
    // 7a. cache: what the next build starts from, written while the pages render; it takes effect
    // (its manifest is renamed into place) only once the report is published (build-cache.ts)
    caching =
      config.cache !== null && log.counts.accepted < MAX_INDEXED_ROWS
        ? timed("cache", async () => {
            const files = incremental?.files ?? (await fileStates(snapshots, [], snapshots.map((_, i) => i)));
            const coded = Object.fromEntries(CACHED_COLUMNS.flatMap((name) => (table.columnNames().includes(name) ? [[name, table.column(name) as CodedColumn]] : [])));
            return stageCache(
              config.cache!,
              {
                manifest: {
                  code,
                  out: path.resolve(config.out),
                  fingerprint,
                  timeZone: config.timeZone,
                  format: config.format ?? null,
                  columns: log.columns,
                  columnNames: log.columnNames,
                  files,
                  counts: log.counts,
                  periods: Object.fromEntries(pages.map(({period, indicators}, i) => [period.path, {key: keys[i], rows: digests[i], totals: indicators.totals}])),
                },
                time,
                rows: log.rows,
                hashIndex: incremental ? extendHashIndex(cache!.hashIndex, log.rows.hash) : hashIndexOf(log.rows.hash),
                coded,
                source,
                rejects: log.rejects,
                duplicates: log.duplicates,
                // the staged whole-log downloads: the files about to be published
                csvFile: source.csvFile,
                jsonFile: source.jsonFile,
                spare: source.spare,
                arrayHashes: incremental ? cache!.arrayHashes : undefined,
              },
              incremental ? cache!.manifest : undefined,
            );
          })
        : undefined;
    caching?.catch(() => {}); // awaited after the publish

    // the pages are written while the charts render; each chart's SVG goes into its page's slot
    // once both exist
    await timed("site", async () => {
      await writeReportFiles(staging, report, log.rejects);
      await writeFile(path.join(staging, FINGERPRINT_FILE), fingerprint + "\n");
      await bundleLiveCharts(path.join(staging, "assets", "live-charts.js"));
      // the explorer (its page, script and data, a file pair per month kept when unchanged), while a worker lays out the pages
      const exploring = timed("explore", () => writeReportExplorer(staging, config.out, {table, time, counted, source, digest: (lo, hi) => rowsDigest(log.rows, lo, hi), code, title, timeZone: config.timeZone, asOf: config.asOf, top: config.top, actions: palette.actions, periods: pages.map(({period}) => period)}));
      exploring.catch(() => {}); // awaited below
      // on a worker, which loaded Eleventy while this thread read the log
      await pool.renderSite({outDir: staging, report, pages, render});
      await exploring;
    }).then(pagesWritten.resolve, settle);
    await charting.catch(settle);
    await Promise.all(filled).catch(settle);
    await copied.catch(settle);

    // 6. publish, once the cache has linked the staged downloads (their names change at the publish)
    const staged = await caching?.then(
      (commit) => commit,
      (error: Error) => void effects.log(`cache: not written (${error.message}); the next build reads every input`),
    );
    await timed("publish", () => retired);
    const {removal} = await timed("publish", () => publishStaging(staging, config.out));

    // 7b. the cache takes effect; a cache that could not be written is not a failed build
    const cacheWritten = staged !== undefined && (await timed("cache", staged).then(() => true, (error: Error) => void effects.log(`cache: not written (${error.message}); the next build reads every input`)));
    if (!cacheWritten) await streamed?.discardSpare();
    await timed("publish", () => removal);
    return {
      out: path.resolve(config.out),
      upToDate: false,
      ...pick(log.counts, ["rows", "accepted", "rejected", "duplicates"]),
      periods: periods.length,
      reused,
      rendered: periods.length - reused,
      ingestMode: incremental ? "append" : "cold",
      ...(ingestReason === undefined ? {} : {ingestReason}),
      seconds: round((performance.now() - started) / 1000),
      stages,
    };
  } catch (error) {
    streamed?.stop("the build failed");
    await streamed?.stopped(); // its writes into the staging folder end first
    await caching?.catch(() => {}); // it may be linking files of the staging folder
    await streamed?.discardSpare().catch(() => {});
    // a first build that fails leaves no cache folder behind (rmdir: only when nothing is in it)
    if (madeCache !== undefined) await rmdir(madeCache).catch(() => {});
    // what made the build fail is what the user needs to read, not a removal's trouble
    await discardStaging(staging).catch((cleanup: Error) => effects.log(`${staging} not removed (${cleanup.message}): the next build removes it`));
    throw systemError(error, (file) => shownPath(file, staging, config.out), config.out) ?? error;
  }
}

/**
 * Hard-links a period's folder of the published report into the staging folder, when it is whole
 * (page, data, charts, downloads). False when anything is missing: then the period is rendered. The
 * published report is the one the cache describes (same build fingerprint), so sizes are not checked.
 */
async function keepPreviousPeriod(out: string, staging: string, periodPath: string): Promise<boolean> {
  const from = path.join(out, periodPath);
  const entries = await readdir(from, {withFileTypes: true}).catch(() => []);
  const files = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
  if (!PERIOD_FILES.every((name) => files.includes(name))) return false;
  const to = path.join(staging, periodPath);
  await mkdir(to, {recursive: true});
  await Promise.all(files.map((name) => link(path.join(from, name), path.join(to, name))));
  return true;
}

/** A file of the build as the user knows it: one in the staging folder as the report's, e.g. "site/month/2025-03/activity.csv". */
function shownPath(file: string, staging: string, out: string): string {
  const inStaging = path.relative(staging, file);
  return !inStaging.startsWith("..") && !path.isAbsolute(inStaging) ? path.join(out, inStaging) : fromHere(file);
}

/**
 * Each period's frame (indicators.json's comparison, dataFrom, previousAction). A comparison with a
 * whole period takes that period's totals; one with some days (a period so far, a rolling window)
 * counts that window's rows and users.
 */
function periodFrames(table: ColumnTable, time: Float64Array, pages: {period: Period; indicators: PeriodIndicators}[], ranges: [number, number][], firstDataDay: number | undefined, asOfDay: number): PeriodFrame[] {
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

/** What every period folder holds. */
const PERIOD_FILES = ["index.html", "indicators.json", "charts.json", "activity.csv", "activity.json"];

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, source[k]])) as Pick<T, K>;
}

/** A promise with its resolve and reject at hand (Promise.withResolvers is Node 22). */
function deferred(): {promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void} {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)));
  promise.catch(() => {}); // its users handle the rejection
  return {promise, resolve, reject};
}
