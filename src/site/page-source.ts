/**
 * What the site's pages are made from (a SiteInput, or a SiteSource read back from a built folder),
 * and what the period pages and the index both say of a period: what it is compared with. Shared by
 * page-model.ts and index-model.ts, so that neither imports the other.
 */
import type {RenderedChart} from "../charts/types.js";
import type {PeriodIndicators} from "../indicators/types.js";
import type {Period} from "../periods/types.js";
import {comparisonPhrase, periodLabel} from "./period-labels.js";
import type {PeriodPage, ReportJson} from "./types.js";

/** The parts of a chart the pages show: a RenderedChart, or a chart read back from charts.json. */
export type PageChart = Pick<RenderedChart, "id" | "title" | "description" | "summary" | "svg"> & {table?: RenderedChart["table"]};

/** A PeriodPage as the pages need it (any PeriodPage is one). */
export interface PageSource {
  period: Period;
  indicators: PeriodIndicators;
  charts: PageChart[];
  downloads: PeriodPage["downloads"];
  chartSpecs?: PeriodPage["chartSpecs"];
}

/** What the site is made from (any SiteInput is one). */
export interface SiteSource {
  report: ReportJson;
  pages: PageSource[];
  /** the paths of the period pages to lay out; defaults to all (the index always lists every one) */
  render?: ReadonlySet<string>;
}

/**
 * What a period's actions and users are compared with, and how that is said ("October 2026", "the
 * first 7 days of October 2026"): its comparison (indicators.json); in a report of an earlier version
 * without one, the period before.
 */
export function comparedTotals(page: PageSource, previous: PageSource | undefined): {actions?: number; users?: number; phrase: string} {
  const {comparison} = page.indicators;
  if (comparison === undefined) return previous ? {...previous.indicators.totals, phrase: periodLabel(previous.period).title} : {phrase: ""};
  return comparison === null ? {phrase: ""} : {actions: comparison.actions, users: comparison.users, phrase: comparisonPhrase(page.period, comparison)};
}
