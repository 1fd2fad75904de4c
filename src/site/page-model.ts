/**
 * Turns a SiteInput (or a SiteSource read back from a built folder) into the plain view models the templates lay out: one per period page (labels,
 * relative links, changes, formatted figures, chart SVGs and their data tables, downloads). Every
 * number the pages print is computed and formatted here; templates do no arithmetic. Pure.
 * The index page's model is in index-model.ts.
 */
import type {RenderedChart} from "../charts/types.js";
import type {PeriodType} from "../periods/types.js";
import {visibleText} from "../charts/labels.js";
import {countOf, formatCell, formatCount, formatDecimal} from "./figures.js";
import {asOfEnd, comparisonNote, containingPeriods, formatBuiltAt, formatDay, goesOnPast, periodLabel, soFarNote} from "./period-labels.js";
import {buildIndexModel} from "./index-model.js";
import type {IndexModel} from "./index-model.js";
import {assetLinks, downloadView, pageHref, pageIndex, rootPrefix} from "./page-links.js";
import {en, type Messages} from "../i18n/en.js";
import {messagesFor} from "../i18n/languages.js";
import type {AssetLinks, DownloadView, Link, PageIndex} from "./page-links.js";
import {exploreLink} from "../explore/explore-links.js";

export type {PageChart, PageSource, SiteSource} from "./page-source.js";
import type {PageSource, SiteSource} from "./page-source.js";

/** Show-data tables longer than this are cut; indicators.json holds every row. */
export const MAX_TABLE_ROWS = 500;

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
  /** the pages' language, e.g. "fr" (`<html lang>`) */
  lang: string;
  /** the catalogue's page texts, for the templates' fixed words */
  t: Messages["page"];
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
export function tableView(chart: {table?: RenderedChart["table"]}, m: Messages = en): TableView {
  if (!chart.table || chart.table.columns.length === 0) return {columns: [], rows: [], note: m.page.numbersInJson};
  const {columns, rows} = chart.table;
  const numeric = columns.map((_, c) => rows.length > 0 && rows.every((row) => typeof row[c] === "number"));
  return {
    // ids and action names as visibleText: "u001" and "u001 " differ on the page, no control character reaches it
    columns: columns.map((label, c) => ({label: visibleText(label), numeric: numeric[c]})),
    rows: rows
      .slice(0, MAX_TABLE_ROWS)
      .map((row) => row.map((cell, c) => ({text: typeof cell === "string" ? visibleText(cell) : formatCell(cell, m), numeric: numeric[c]}))),
    note: rows.length > MAX_TABLE_ROWS ? m.page.firstRows(formatCount(MAX_TABLE_ROWS, m), formatCount(rows.length, m)) : "",
  };
}

export {comparedTotals, headlineFigures, type Figure} from "./page-source.js";
import {headlineFigures, type Figure} from "./page-source.js";

/** The figures shown above a chart, by chart id: users and their change; actions per user. */
function sectionFigures(chartId: string, page: PageSource, headline: Figure[], m: Messages): Figure[] {
  const {totals} = page.indicators;
  switch (chartId) {
    case "users":
      return headline.filter((figure) => figure.id === "users");
    case "actions-by-user": {
      // actions = actions per user x users + the actions without a user
      const withoutUser = totals.actions - page.indicators.actionsByUser.reduce((sum, user) => sum + user.count, 0);
      return [
        {id: "actions-total", label: m.page.totalActions, value: formatCount(totals.actions, m), change: null},
        {id: "actions-per-user", label: m.page.actionsPerUser(countOf(totals.users, "user", m)), value: formatDecimal(totals.actionsPerUser, m), change: null},
        ...(withoutUser > 0 ? [{id: "actions-without-user", label: m.page.actionsWithoutUser, value: formatCount(withoutUser, m), change: null}] : []),
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
export function buildPeriodModel(page: PageSource, index: PageIndex<PageSource>, siteTitle: string, asOf: string, m: Messages = en): PeriodPageModel {
  const {period, indicators} = page;
  const root = rootPrefix(period.path);
  const link = (other: PageSource | undefined, label = other && periodLabel(other.period, m).title): Link | null =>
    other ? {href: pageHref(root, other.period.path), label: label ?? ""} : null;
  const previous = index.previous(page);
  const label = periodLabel(period, m);
  const figures = headlineFigures(page, previous, m);
  return {
    path: period.path,
    type: period.type,
    key: period.key,
    typeName: m.period.typeNames[period.type],
    title: label.title,
    range: label.range,
    soFar: goesOnPast(period, asOfEnd(asOf, period.timeZone)) ? soFarNote(period, asOf, m) : null,
    dataFrom: indicators.dataFrom ? m.period.dataFrom(formatDay(indicators.dataFrom, m)) : "",
    comparison: comparisonNote(
      period,
      indicators.comparison,
      indicators.dataFrom,
      previous && {title: periodLabel(previous.period, m).title, dataFrom: previous.indicators.dataFrom},
      m,
    ),
    previousAction: indicators.previousAction ? formatBuiltAt(indicators.previousAction, period.timeZone, m) : "",
    timeZone: period.timeZone,
    siteTitle,
    assets: assetLinks(root),
    home: {href: `${root}index.html`, label: siteTitle},
    explore: exploreLink(root, period, m),
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
      figures: sectionFigures(chart.id, page, figures, m),
      svg: scopeSvgIds(chart.svg, `svg-${chart.id}`),
      table: tableView(chart, m),
    })),
    downloads: [downloadView(page.downloads.csv, "CSV", "", m), downloadView(page.downloads.json, "JSON", "", m)],
    chartsJson: "charts.json",
    chartSpecs: page.chartSpecs ?? "",
  };
}

/** The view models of the whole site: the index and one per period. */
export function buildSiteModel(input: SiteSource): SiteModel {
  const index = pageIndex(input.pages);
  // the report's language (report.json); English for a report of an earlier version
  const m = messagesFor(input.report.lang);
  return {
    lang: m.lang,
    t: m.page,
    index: buildIndexModel(input, index, m),
    periods: input.pages
      .filter((page) => !input.render || input.render.has(page.period.path))
      .map((page) => buildPeriodModel(page, index, input.report.title, input.report.asOf, m)),
  };
}
