/**
 * Step 3 of a build, compute: the full indicators and the chart specs of each page to render (the
 * others are kept from the published report), and report.json's content. Pure but for the runtime:
 * it says how many pages there are to render (more chart workers for many) and takes the charts the
 * plan started early.
 */
import type {BuildConfig} from "../config.js";
import {chartSpecs} from "../charts/registry.js";
import type {ChartSpec, RenderedChart} from "../charts/types.js";
import {computeIndicators} from "../indicators/compute-indicators.js";
import {rowsInPeriod} from "../periods/rows-in-period.js";
import type {ReportJson} from "../site/types.js";
import type {LogRead} from "./read-log.js";
import type {Plan} from "./plan.js";
import type {Runtime} from "./runtime.js";

/** A page to render: its period's index in the plan, its chart specs and, when started early, its charts. */
export interface PageWork {
  i: number;
  specs: ChartSpec[];
  charts?: Promise<RenderedChart[]>;
}

/** Completes the indicators of the pages to render (plan.periods, in place) and gives their chart specs, in period order. */
export async function computePages(config: BuildConfig, run: Runtime, plan: Plan): Promise<PageWork[]> {
  // the worker started at the beginning renders a few pages; a full build uses every core
  run.expectPages(plan.render.size);
  return run.timed("indicators", () =>
    plan.periods.flatMap((page, i) => {
      if (!plan.render.has(page.period.path)) return [];
      if (!plan.full.has(i))
        page.indicators = computeIndicators(rowsInPeriod(plan.table, page.period), {period: page.period, top: config.top, frame: plan.frames[i]});
      const early = run.takeEarly(i);
      // a quiet period's page says so: no charts to draw
      const specs = early?.specs ?? (page.indicators.totals.actions === 0 ? [] : chartSpecs(page.indicators, plan.palette, plan.messages));
      return [{i, specs, charts: early?.charts}];
    }),
  );
}

/** report.json: the build, its input and every period's totals. */
export function reportJson(config: BuildConfig, now: Date, read: LogRead, plan: Plan): ReportJson {
  const {log} = read;
  const {rows, accepted, rejected, duplicates} = log.counts;
  return {
    generatedAt: now.toISOString(),
    lang: config.lang,
    timeZone: config.timeZone,
    asOf: config.asOf,
    lastAction: plan.counted === 0 ? null : new Date(plan.time[plan.counted - 1]).toISOString(),
    title: plan.title,
    input: {files: log.files.length, rows, accepted, rejected, duplicates, afterAsOf: plan.time.length - plan.counted},
    rejects: log.rejects.length > 0 ? "rejects.csv" : null,
    periods: plan.periods.map(({period, indicators}) => ({
      type: period.type,
      key: period.key,
      path: period.path,
      start: period.start,
      end: period.end,
      actions: indicators.totals.actions,
      users: indicators.totals.users,
    })),
  };
}
