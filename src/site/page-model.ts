/**
 * Turns a SiteInput (or a SiteSource read back from a built folder) into the plain view models the templates lay out: one per period page (labels,
 * relative links, changes, formatted figures, chart SVGs and their data tables, downloads). Every
 * number the pages print is computed and formatted here; templates do no arithmetic. Pure.
 * The index page's model is in index-model.ts.
 */
import type {RenderedChart} from "../charts/types.js";
import type {PeriodIndicators} from "../indicators/types.js";
import type {Period, PeriodType} from "../periods/types.js";
import type {PeriodPage, ReportJson} from "./types.js";
import {visibleText} from "../charts/labels.js";
import {changeFrom, formatCell, formatCount, formatDecimal} from "./figures.js";
import type {Change} from "./figures.js";
import {asOfEnd, comparisonNote, comparisonPhrase, containingPeriods, formatBuiltAt, formatDay, goesOnPast, periodLabel, PERIOD_TYPE_NAMES, soFarNote} from "./period-labels.js";
import {buildIndexModel} from "./index-model.js";
import type {IndexModel} from "./index-model.js";
import {assetLinks, downloadView, pageHref, pageIndex, rootPrefix} from "./page-links.js";
import type {AssetLinks, DownloadView, Link, PageIndex} from "./page-links.js";
import {exploreLink} from "../explore/explore-links.js";

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

/** Show-data tables longer than this are cut; indicators.json holds every row. */
export const MAX_TABLE_ROWS = 500;

export interface Figure {
  /** e.g. "users" */
  id: string;
  label: string;
  /** formatted, e.g. "1,234" */
  value: string;
  change: Change | null;
}

export interface TableView {
  columns: {label: string; numeric: boolean}[];
  rows: {text: string; numeric: boolean}[][];
  /** e.g. "First 500 of 2,345 rows; indicators.json has them all.", else "" */
  note: string;
}

export interface IndicatorSection {
  /** the chart id, e.g. "top-datasets"; the section's HTML id is `indicator-${id}` */
  id: string;
  title: string;
  description: string;
  summary: string;
  figures: Figure[];
  /** the baked SVG, its ids prefixed so that the charts can share one page */
  svg: string;
  table: TableView;
}

export interface PeriodPageModel {
  /** output folder relative to the site root, e.g. "month/2025-03/" (used for the permalink) */
  path: string;
  type: PeriodType;
  key: string;
  /** e.g. "Months" */
  typeName: string;
  /** e.g. "Week 9, 2025" */
  title: string;
  /** e.g. "24 Feb – 2 Mar", "" when the title says it all */
  range: string;
  /**
   * a week, month, quarter or year that goes on past the report's as-of day: e.g. "Figures so far, up
   * to 27 Nov 2026: the month ends on 30 Nov 2026."; null when the period is over (or rolling, all time)
   */
  soFar: string | null;
  /** the period's data begin inside it (the log's first period): e.g. "data from 18 Aug 2025", else "" */
  dataFrom: string;
  /** what the changes compare with, e.g. "Changes compare with October 2026.", or why nothing; "" for all time */
  comparison: string;
  /** a quiet period: the latest action before it, e.g. "20 Nov 2026, 14:32", "" when there is none */
  previousAction: string;
  timeZone: string;
  siteTitle: string;
  assets: AssetLinks;
  home: Link;
  /** the explorer on this period's days */
  explore: Link;
  prev: Link | null;
  next: Link | null;
  /** containing periods, nearest first, e.g. [Q1 2025, 2025, All time] */
  up: Link[];
  /** no action at all: the page says so instead of showing empty charts */
  empty: boolean;
  figures: Figure[];
  sections: IndicatorSection[];
  downloads: DownloadView[];
  /** the compiled specs next to the page, read by the live charts when the page has no chartSpecs */
  chartsJson: string;
  /** the page's inline chart specs (PeriodPage.chartSpecs), "" for none */
  chartSpecs: string;
}

export interface SiteModel {
  index: IndexModel;
  periods: PeriodPageModel[];
}

/** Prefix every id of an SVG (and its url(#...)/href="#..." uses): vega numbers clip paths per chart. */
export function scopeSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\sid="([^"]+)"/g, (_, id: string) => ` id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${prefix}-${id}"`);
}

/** A chart's table for "Show data", cut to MAX_TABLE_ROWS. */
export function tableView(chart: {table?: RenderedChart["table"]}): TableView {
  if (!chart.table || chart.table.columns.length === 0) return {columns: [], rows: [], note: "This chart's numbers are in indicators.json."};
  const {columns, rows} = chart.table;
  const numeric = columns.map((_, c) => rows.length > 0 && rows.every((row) => typeof row[c] === "number"));
  return {
    // ids and action names as visibleText: "u001" and "u001 " differ on the page, no control character reaches it
    columns: columns.map((label, c) => ({label: visibleText(label), numeric: numeric[c]})),
    rows: rows.slice(0, MAX_TABLE_ROWS).map((row) => row.map((cell, c) => ({text: typeof cell === "string" ? visibleText(cell) : formatCell(cell), numeric: numeric[c]}))),
    note: rows.length > MAX_TABLE_ROWS
      ? `First ${formatCount(MAX_TABLE_ROWS)} of ${formatCount(rows.length)} rows; indicators.json has them all.`
      : "",
  };
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

/** The headline figures of a page: actions and users with their change, datasets and pages. */
function headlineFigures(page: PageSource, previous: PageSource | undefined): Figure[] {
  const {totals} = page.indicators;
  const {phrase: beforeLabel, ...before} = comparedTotals(page, previous);
  return [
    {id: "actions", label: "Actions", value: formatCount(totals.actions),
      change: changeFrom(totals.actions, before.actions, beforeLabel, "percent")},
    {id: "users", label: "Active users", value: formatCount(totals.users),
      change: changeFrom(totals.users, before.users, beforeLabel, "absolute")},
    {id: "datasets", label: "Datasets touched", value: formatCount(totals.datasets), change: null},
    {id: "pages", label: "Pages touched", value: formatCount(totals.pages), change: null},
  ];
}

/** The figures shown above a chart, by chart id: users and their change; actions per user. */
function sectionFigures(chartId: string, page: PageSource, headline: Figure[]): Figure[] {
  const {totals} = page.indicators;
  switch (chartId) {
    case "users":
      return headline.filter((figure) => figure.id === "users");
    case "actions-by-user": {
      // actions = actions per user x users + the actions without a user
      const withoutUser = totals.actions - page.indicators.actionsByUser.reduce((sum, user) => sum + user.count, 0);
      return [
        {id: "actions-total", label: "Total actions", value: formatCount(totals.actions), change: null},
        {id: "actions-per-user", label: `Actions per user (${formatCount(totals.users)} ${totals.users === 1 ? "user" : "users"})`, value: formatDecimal(totals.actionsPerUser), change: null},
        ...(withoutUser > 0 ? [{id: "actions-without-user", label: "Actions without a user", value: formatCount(withoutUser), change: null}] : []),
      ];
    }
    default:
      return [];
  }
}

/**
 * The view model of one period page. `asOf` (YYYY-MM-DD, the report's as-of day) tells whether the
 * period's figures are so far.
 */
export function buildPeriodModel(page: PageSource, index: PageIndex<PageSource>, siteTitle: string, asOf: string): PeriodPageModel {
  const {period, indicators} = page;
  const root = rootPrefix(period.path);
  const link = (other: PageSource | undefined, label = other && periodLabel(other.period).title): Link | null =>
    other ? {href: pageHref(root, other.period.path), label: label ?? ""} : null;
  const previous = index.previous(page);
  const label = periodLabel(period);
  const figures = headlineFigures(page, previous);
  return {
    path: period.path,
    type: period.type,
    key: period.key,
    typeName: PERIOD_TYPE_NAMES[period.type],
    title: label.title,
    range: label.range,
    soFar: goesOnPast(period, asOfEnd(asOf, period.timeZone)) ? soFarNote(period, asOf) : null,
    dataFrom: indicators.dataFrom ? `data from ${formatDay(indicators.dataFrom)}` : "",
    comparison: comparisonNote(period, indicators.comparison, indicators.dataFrom, previous && {title: periodLabel(previous.period).title, dataFrom: previous.indicators.dataFrom}),
    previousAction: indicators.previousAction ? formatBuiltAt(indicators.previousAction, period.timeZone) : "",
    timeZone: period.timeZone,
    siteTitle,
    assets: assetLinks(root),
    home: {href: `${root}index.html`, label: siteTitle},
    explore: exploreLink(root, period),
    prev: link(previous),
    next: link(index.next(page)),
    up: containingPeriods(period).flatMap((ref) => link(index.find(ref.type, ref.key)) ?? []),
    empty: indicators.totals.actions === 0,
    figures,
    sections: page.charts.map((chart) => ({
      id: chart.id,
      title: chart.title,
      description: chart.description,
      summary: chart.summary,
      figures: sectionFigures(chart.id, page, figures),
      svg: scopeSvgIds(chart.svg, `svg-${chart.id}`),
      table: tableView(chart),
    })),
    downloads: [downloadView(page.downloads.csv, "CSV"), downloadView(page.downloads.json, "JSON")],
    chartsJson: "charts.json",
    chartSpecs: page.chartSpecs ?? "",
  };
}

/** The view models of the whole site: the index and one per period. */
export function buildSiteModel(input: SiteSource): SiteModel {
  const index = pageIndex(input.pages);
  return {
    index: buildIndexModel(input, index),
    periods: input.pages.filter((page) => !input.render || input.render.has(page.period.path)).map((page) => buildPeriodModel(page, index, input.report.title, input.report.asOf)),
  };
}
