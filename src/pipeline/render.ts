/**
 * Step 5 of a build, render: each period's charts on the chart workers (a few periods in flight at
 * once, so that memory stays flat), and the pages on the page worker (Eleventy) at the same time:
 * each page is laid out with a slot per chart (site/chart-slots.ts), and a chart's SVG goes into its
 * slot once both the page and the chart exist. Also the report's own files (report.json,
 * rejects.csv, the fingerprint, the live charts' script).
 */
import {mkdir} from "node:fs/promises";
import path from "node:path";
import type {BuildEffects} from "../build-summary.js";
import type {BuildConfig} from "../config.js";
import {bundleLiveCharts} from "../charts/bundle.js";
import type {RejectedRow} from "../ingest/types.js";
import {FINGERPRINT_FILE} from "../fingerprint.js";
import {CHART_SPECS_SLOT, chartSlot, fillChartSlots} from "../site/chart-slots.js";
import type {PeriodPage, ReportJson} from "../site/types.js";
import {writePeriodData, writeReportFiles} from "../site/write-outputs.js";
import {writeReportExplorer} from "../explore/write-explorer.js";
import {rowsDigest} from "../cache/period-keys.js";
import {messagesFor} from "../i18n/languages.js";
import type {SourceData} from "../downloads/whole-log.js";
import type {PageWork} from "./compute.js";
import type {LogRead} from "./read-log.js";
import type {Output} from "./output.js";
import type {Plan} from "./plan.js";
import type {Runtime} from "./runtime.js";

/** The charts being rendered: `done` settles once every chart is in its page (after `pagesWritten`). */
export interface ChartsRendering {
  /** the pages are written: the charts go into their slots */
  pagesWritten(): void;
  /** the build failed: no chart goes into a page */
  abort(error: unknown): void;
  /** settles once every period's charts are rendered, written (charts.json, indicators.json) and in their page */
  done: Promise<void>;
}

/**
 * Renders each page's charts (`work`, in period order) on the workers and writes its data files;
 * counts the periods done, kept ones first (effects.progress "periods").
 */
export function renderCharts(run: Runtime, effects: BuildEffects, output: Output, plan: Plan, work: PageWork[]): ChartsRendering {
  let done = 0;
  for (const {period} of plan.periods) if (!plan.render.has(period.path)) effects.progress("periods", ++done, plan.periods.length);
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const pagesWritten = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)));
  pagesWritten.catch(() => {}); // each fill handles it
  const filled: Promise<void>[] = [];
  const charting = run.start("charts", async () => {
    const pending = new Set<Promise<void>>();
    for (const page of work.splice(0)) {
      // its specs go to the worker: no need to keep them
      const {i, specs} = page;
      const dir = path.join(output.dir, plan.periods[i].period.path);
      const rendered = page.charts ?? (specs.length === 0 ? Promise.resolve([]) : run.renderCharts(specs));
      const written = rendered.then(async (charts) => {
        await mkdir(dir, {recursive: true});
        await writePeriodData(dir, plan.periods[i].indicators, charts);
        const filling = charts.map(({id, svg, vega}) => ({id, svg, vega}));
        const fill = pagesWritten.then(() => fillChartSlots(path.join(dir, "index.html"), filling));
        fill.catch(() => {}); // awaited by done
        filled.push(fill);
        effects.progress("periods", ++done, plan.periods.length);
      });
      pending.add(written);
      void written.finally(() => pending.delete(written)).catch(() => {});
      // keep a few periods in flight, not all: memory stays flat whatever the number of periods
      while (pending.size > run.inFlight) await Promise.race(pending);
    }
    await Promise.all(pending);
  });
  const all = charting.then(() => Promise.all(filled)).then(() => {});
  all.catch(() => {}); // awaited by the build once the pages are written
  return {pagesWritten: resolve, abort: reject, done: all};
}

/** Each page's charts as slots, before they are rendered (chart-slots.ts). */
export function chartSlots(work: readonly PageWork[]): PeriodPage["charts"][] {
  const slotted: PeriodPage["charts"][] = [];
  for (const {i, specs} of work) slotted[i] = specs.map(({vegaLite: _rendered, ...chart}) => ({...chart, svg: chartSlot(chart.id)}));
  return slotted;
}

/** The pages as the site lays them out: indicators, chart slots, the downloads' sizes. */
export function periodPages(plan: Plan, slotted: PeriodPage["charts"][], downloads: (lo: number, hi: number) => PeriodPage["downloads"]): PeriodPage[] {
  return plan.periods.map((page, i) => ({...page, charts: slotted[i] ?? [], downloads: downloads(...plan.ranges[i]), chartSpecs: CHART_SPECS_SLOT}));
}

/** Writes the report's files and renders the pages to render, on the page worker (which loaded Eleventy while the log was read). */
export async function renderPages(
  run: Runtime,
  output: Output,
  site: {report: ReportJson; pages: PeriodPage[]; rejects: readonly RejectedRow[]; fingerprint: string; render: ReadonlySet<string>},
): Promise<void> {
  await run.timed("site", async () => {
    await writeReportFiles(output.dir, site.report, site.rejects);
    await output.writeFile(FINGERPRINT_FILE, site.fingerprint + "\n");
    await bundleLiveCharts(path.join(output.dir, "assets", "live-charts.js"));
    await run.pool.renderSite({outDir: output.dir, report: site.report, pages: site.pages, render: site.render});
  });
}

/**
 * The explorer (explore/): its page, script and data, a file pair per month, kept by hard link from
 * the published report when unchanged (explore/write-explorer.ts). Written while the page worker
 * lays out the pages (the caller times it as the stage "explore").
 */
export function writeExplorer(
  config: Pick<BuildConfig, "out" | "timeZone" | "asOf" | "top" | "lang">,
  output: Output,
  read: LogRead,
  plan: Plan,
  source: SourceData,
): Promise<unknown> {
  const {table, time, counted, title, palette, periods} = plan;
  return writeReportExplorer(output.dir, config.out, {
    table,
    time,
    counted,
    source,
    columns: read.log.columns,
    title,
    digest: (lo, hi) => rowsDigest(read.log.rows, lo, hi),
    code: read.code,
    timeZone: config.timeZone,
    asOf: config.asOf,
    top: config.top,
    actions: palette.actions,
    periods: periods.map(({period}) => period),
    m: messagesFor(config.lang),
  });
}
