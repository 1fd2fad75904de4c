/**
 * What the site's pages are made from (a SiteInput, or a SiteSource read back from a built folder),
 * and what the period pages and the index both say of a period: what it is compared with. Shared by
 * page-model.ts and index-model.ts, so that neither imports the other.
 */
import type {RenderedChart} from "../charts/types.js";
import type {PeriodIndicators} from "../indicators/types.js";
import type {Period} from "../periods/types.js";
import {comparisonPhrase, periodLabel} from "./period-labels.js";
import {changeFrom, formatCount, type Change} from "./figures.js";
import type {PeriodPage, ReportJson} from "./types.js";
import {en, type Messages} from "../i18n/en.js";

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
export function comparedTotals(page: PageSource, previous: PageSource | undefined, m: Messages = en): {actions?: number; users?: number; phrase: string} {
  const {comparison} = page.indicators;
  if (comparison === undefined) return previous ? {...previous.indicators.totals, phrase: periodLabel(previous.period, m).title} : {phrase: ""};
  return comparison === null ? {phrase: ""} : {actions: comparison.actions, users: comparison.users, phrase: comparisonPhrase(page.period, comparison, m)};
}

export interface Figure {
  /** e.g. "users" */
  id: string;
  label: string;
  /** formatted, e.g. "1,234" */
  value: string;
  change: Change | null;
}

/** The headline figures of a page: actions and users with their change, datasets and pages. */
export function headlineFigures(page: PageSource, previous: PageSource | undefined, m: Messages = en): Figure[] {
  const {totals} = page.indicators;
  const {phrase: beforeLabel, ...before} = comparedTotals(page, previous, m);
  return [
    {
      id: "actions",
      label: m.page.figureActions,
      value: formatCount(totals.actions, m),
      change: changeFrom(totals.actions, before.actions, beforeLabel, "percent", m),
    },
    {id: "users", label: m.page.figureUsers, value: formatCount(totals.users, m), change: changeFrom(totals.users, before.users, beforeLabel, "absolute", m)},
    {id: "datasets", label: m.page.figureDatasets, value: formatCount(totals.datasets, m), change: null},
    {id: "pages", label: m.page.figurePages, value: formatCount(totals.pages, m), change: null},
  ];
}
