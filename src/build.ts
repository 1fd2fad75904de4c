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
import {mkdir, writeFile} from "node:fs/promises";
import path from "node:path";
import type {ColumnTable} from "arquero";
import type {BuildConfig} from "./config.js";
import {InputError} from "./errors.js";
import {buildFingerprint, FINGERPRINT_FILE, upToDateSummary} from "./fingerprint.js";
import {ingest} from "./ingest/index.js";
import type {ActivityLog} from "./ingest/types.js";
import {addPeriodKeys, type CodedColumn} from "./periods/add-period-keys.js";
import {listPeriods} from "./periods/list-periods.js";
import {periodRowRange, rowsInPeriod} from "./periods/rows-in-period.js";
import {computeIndicators} from "./indicators/compute-indicators.js";
import {actionPalette} from "./charts/palette.js";
import {chartSpecs} from "./charts/registry.js";
import {createRenderPool} from "./charts/render-pool.js";
import {bundleLiveCharts} from "./charts/bundle.js";
import {writePeriodData, writeReportFiles} from "./site/write-outputs.js";
import {writePeriodSourceData, writeSourceData} from "./site/source-data.js";
import {renderSite} from "./site/render-site.js";
import {createStaging, discardStaging, publishStaging, recoverInterruptedBuilds} from "./site/publish.js";
import type {PeriodPage, ReportJson} from "./site/types.js";

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
  seconds: number;
  /** seconds per stage, e.g. {ingest: 4.1, indicators: 2.3, ...} */
  stages: Record<string, number>;
}

const round = (seconds: number): number => Math.round(seconds * 1000) / 1000;

/** Fails the build when more than `maxPercent` of the rows were rejected, naming the main reasons. */
export function checkRejectedShare(log: ActivityLog, maxPercent: number): void {
  const {rows, rejected} = log.counts;
  if (rows === 0 || (rejected / rows) * 100 <= maxPercent) return;
  const reasons = new Map<string, number>();
  for (const reject of log.rejects) {
    const reason = reject.reason.replace(/"[^"]*"/g, "…");
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const top = [...reasons].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
  const percent = ((rejected / rows) * 100).toFixed(1);
  throw new InputError(
    `${rejected} of ${rows} rows rejected (${percent} %, above --max-rejected ${maxPercent} %): ` +
      top.map(([reason, count]) => `${count} × ${reason}`).join("; ") + " (see the reasons above or run with a higher --max-rejected)",
  );
}

/** The report's title: the log's domain ids, most frequent first, unless the user gave one. */
export function reportTitle(table: ColumnTable, title: string | undefined): string {
  if (title !== undefined) return title;
  const counts = new Map<string, number>();
  if (table.columnNames().includes("domain_id")) {
    for (const value of table.array("domain_id") as string[]) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const domains = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([d]) => d);
  return domains.length === 0 ? "Activity report" : domains.slice(0, 3).join(", ") + (domains.length > 3 ? ` and ${domains.length - 3} more` : "");
}

/** Runs one build and publishes it into `config.out`; the previous report survives any failure. */
export async function build(config: BuildConfig, effects: BuildEffects, known: {fingerprint?: string} = {}): Promise<BuildSummary> {
  const started = performance.now();
  const stages: Record<string, number> = {};
  const timed = async <T>(stage: string, run: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const result = await run();
    stages[stage] = round((stages[stage] ?? 0) + (performance.now() - t0) / 1000);
    return result;
  };

  // 0. nothing to do when the published report was built from the same inputs and options
  const fingerprint = known.fingerprint ?? (await timed("fingerprint", () => buildFingerprint(config)));
  const upToDate = await upToDateSummary(config, fingerprint);
  if (upToDate) {
    effects.log(`up to date: ${config.out} was built from the same inputs and options`);
    return {...upToDate, seconds: round((performance.now() - started) / 1000), stages};
  }

  // 1. ingest
  const log = await timed("ingest", () =>
    ingest({inputs: config.inputs, format: config.format, timeZone: config.timeZone, onProgress: (done, total) => effects.progress("read", done, total)}),
  );
  effects.log(`ingest: ${log.counts.rows} rows, ${log.counts.accepted} accepted, ${log.counts.rejected} rejected, ${log.counts.duplicates} duplicates`);
  if (log.counts.accepted === 0) throw new InputError(`${config.inputs.join(", ")}: no row was accepted (${log.counts.rejected} rejected); nothing to report`);
  checkRejectedShare(log, config.maxRejectedPercent);

  // 2. periods
  const table = await timed("periods", () => addPeriodKeys(log.table, config.timeZone));
  const periods = await timed("periods", () => listPeriods(table, {timeZone: config.timeZone, asOf: config.asOf, types: config.periods}));

  await recoverInterruptedBuilds(config.out);
  const staging = await createStaging(config.out);
  const pool = createRenderPool(config.workers);
  try {
    // addPeriodKeys dictionary-encoded `action`: its sorted dictionary is every action of the log
    const palette = actionPalette((table.column("action") as CodedColumn).dictionary.filter((action) => action !== ""));
    const source = await timed("downloads", () => writeSourceData(staging, table, log.columns));

    // 3.-4. per period: indicators on this thread, charts on the worker pool, downloads meanwhile
    const pages: PeriodPage[] = new Array(periods.length);
    const pending = new Set<Promise<void>>();
    let done = 0;
    for (const [index, period] of periods.entries()) {
      const rows = rowsInPeriod(table, period);
      const indicators = await timed("indicators", () => computeIndicators(rows, {period, top: config.top}));
      const rendering = pool.render(chartSpecs(indicators, palette));
      const dir = path.join(staging, period.path);
      await mkdir(dir, {recursive: true});
      const [lo, hi] = periodRowRange(table, period);
      const downloads = await timed("downloads", () => writePeriodSourceData(dir, source, lo, hi));
      const page = rendering.then(async (charts) => {
        await writePeriodData(dir, indicators, charts);
        pages[index] = {period, indicators, charts: charts.map(({vega: _written, ...chart}) => chart), downloads};
        effects.progress("periods", ++done, periods.length);
      });
      pending.add(page);
      void page.finally(() => pending.delete(page)).catch(() => {});
      // keep a few periods in flight, not all: memory stays flat whatever the number of periods
      while (pending.size > Math.max(2, config.workers * 2)) await Promise.race(pending);
    }
    const chartsStarted = performance.now();
    await Promise.all(pending);
    stages.charts = round((stages.charts ?? 0) + (performance.now() - chartsStarted) / 1000);

    // 5. site
    const report: ReportJson = {
      generatedAt: effects.now().toISOString(),
      timeZone: config.timeZone,
      asOf: config.asOf,
      title: reportTitle(table, config.title),
      input: {files: log.files.length, ...pick(log.counts, ["rows", "accepted", "rejected", "duplicates"])},
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
    await timed("site", async () => {
      await writeReportFiles(staging, report, log.rejects);
      await writeFile(path.join(staging, FINGERPRINT_FILE), fingerprint + "\n");
      await bundleLiveCharts(path.join(staging, "assets", "live-charts.js"));
      await renderSite({outDir: staging, report, pages});
    });

    // 6. publish
    await publishStaging(staging, config.out);
  } catch (error) {
    await discardStaging(staging);
    throw error;
  } finally {
    await pool.close();
  }
  return {
    out: path.resolve(config.out),
    upToDate: false,
    ...pick(log.counts, ["rows", "accepted", "rejected", "duplicates"]),
    periods: periods.length,
    seconds: round((performance.now() - started) / 1000),
    stages,
  };
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, source[k]])) as Pick<T, K>;
}
