/**
 * The view model of the site's front page, in the order a stakeholder reads it: the domain, when and
 * in which zone it was built; "at a glance", the current month so far, the last 7 and last 30 days
 * with their change; one tab per period type listing its periods newest first with their change from
 * the period before; the whole-log downloads; and for operators the input accounting (files, rows,
 * rejected, duplicates). Pure; formatting only.
 */
import type {PeriodType} from "../periods/types.js";
import {changeFrom, formatCount, formatRows} from "./figures.js";
import type {Change} from "./figures.js";
import {asOfEnd, comparisonNote, formatBuiltAt, formatDay, formatDayMonth, goesOnPast, periodLabel} from "./period-labels.js";
import {assetLinks, downloadView, pageHref} from "./page-links.js";
import type {AssetLinks, DownloadView, Link, PageIndex} from "./page-links.js";
import {comparedTotals, headlineFigures, type Figure, type PageSource, type SiteSource} from "./page-source.js";
import {en, type Messages} from "../i18n/en.js";
import {exploreLink} from "../explore/explore-links.js";

/** The order of the tabs. */
export const TAB_ORDER: readonly PeriodType[] = ["month", "week", "quarter", "year", "rolling", "all"];

export interface IndexRow {
  href: string;
  title: string;
  range: string;
  actions: string;
  users: string;
  actionsChange: Change | null;
  usersChange: Change | null;
  empty: boolean;
  /** a week, month, quarter or year that goes on past the as-of day: its figures are "so far" */
  soFar: boolean;
  /** the log's data begin inside the period, e.g. "data from 18 Aug"; else "" */
  dataFrom: string;
}

export interface IndexTab {
  /** the section's HTML id, e.g. "months" */
  id: string;
  type: PeriodType;
  name: string;
  rows: IndexRow[];
}

/** One period of "at a glance": its figures with their change, and what they compare with. */
export interface GlanceCard {
  /** e.g. "month", "last-7-days", "last-30-days": the card's HTML id is `glance-${id}` */
  id: string;
  href: string;
  title: string;
  /** e.g. "1–7 Dec 2026", "" for a month */
  range: string;
  /** the month goes on past the as-of day */
  soFar: boolean;
  /** actions and active users, with their change */
  figures: Figure[];
  /** e.g. "Changes compare with the first 7 days of November 2026 (1–7 Nov 2026)." */
  comparison: string;
}

/** The periods "at a glance" shows, in order: the month of the as-of day, then rolling windows. */
export const GLANCE_PERIODS: readonly {type: PeriodType; key?: string}[] = [
  {type: "month"},
  {type: "rolling", key: "last-7-days"},
  {type: "rolling", key: "last-30-days"},
];

export interface IndexModel {
  title: string;
  /** e.g. "31 Mar 2026, 14:05" in the report's zone */
  builtAt: string;
  generatedAt: string;
  timeZone: string;
  /** YYYY-MM-DD, the last day of data */
  asOf: string;
  /** report.json's lastAction (ISO 8601, UTC), "" when it lacks one */
  lastAction: string;
  /** e.g. "31 Mar 2026" */
  asOfLabel: string;
  /** the latest action in the report's zone, e.g. "20 Nov 2026, 14:32"; "" when report.json lacks it */
  lastActionLabel: string;
  assets: AssetLinks;
  /** e.g. "12 rows dated after 31 Mar 2026 count in no period (…)", "" when there are none */
  afterAsOf: string;
  /** rows read, accepted, rejected, duplicates, files: label and formatted value */
  input: {id: string; label: string; value: string}[];
  rejects: Link | null;
  /** the stakeholders' summary at the top; empty when the report has none of its periods */
  glance: GlanceCard[];
  /** the explorer, on its default days */
  explore: Link;
  tabs: IndexTab[];
  /** the all-time period's activity.csv and activity.json, relative to the site root */
  wholeLog: DownloadView[];
}

/** e.g. "month" -> "months", "all" -> "all-time" */
function tabId(type: PeriodType): string {
  return type === "all" ? "all-time" : type === "rolling" ? "rolling" : `${type}s`;
}

/**
 * "At a glance": the latest month (the one of the as-of day, so far), the last 7 and the last 30
 * days, each with its actions and users, their change and what they compare with (the same as on
 * their pages). A period the report does not have (--periods) is left out.
 */
export function glanceCards(pages: PageSource[], index: PageIndex<PageSource>, dataEnd: number, m: Messages = en): GlanceCard[] {
  return GLANCE_PERIODS.flatMap(({type, key}) => {
    const ofType = pages.filter((page) => page.period.type === type && (key === undefined || page.period.key === key));
    const page = ofType.reduce<PageSource | undefined>(
      (latest, other) => (latest && latest.period.startMs >= other.period.startMs ? latest : other),
      undefined,
    );
    if (page === undefined) return [];
    const {period, indicators} = page;
    const previous = index.previous(page);
    const label = periodLabel(period, m);
    return [
      {
        id: key ?? type,
        href: pageHref("", period.path),
        title: label.title,
        range: label.range,
        soFar: goesOnPast(period, dataEnd),
        figures: headlineFigures(page, previous, m).filter((figure) => figure.id === "actions" || figure.id === "users"),
        comparison: comparisonNote(
          period,
          indicators.comparison,
          indicators.dataFrom,
          previous && {title: periodLabel(previous.period, m).title, dataFrom: previous.indicators.dataFrom},
          m,
        ),
      },
    ];
  });
}

/** The front page's view model. `index` finds each period's predecessor. */
export function buildIndexModel(input: SiteSource, index: PageIndex<PageSource>, m: Messages = en): IndexModel {
  const {report, pages} = input;
  // the first instant after the as-of day: a calendar period ending later is not over yet
  const dataEnd = asOfEnd(report.asOf, report.timeZone);
  const tabs: IndexTab[] = TAB_ORDER.flatMap((type) => {
    const ofType = pages.filter((page) => page.period.type === type).sort((a, b) => b.period.startMs - a.period.startMs);
    if (ofType.length === 0) return [];
    const rows = ofType.map((page): IndexRow => {
      const {totals} = page.indicators;
      // the same comparison as the page's
      const {phrase: beforeLabel, ...before} = comparedTotals(page, index.previous(page), m);
      const label = periodLabel(page.period, m);
      return {
        href: pageHref("", page.period.path),
        title: label.title,
        range: label.range,
        actions: formatCount(totals.actions, m),
        users: formatCount(totals.users, m),
        actionsChange: changeFrom(totals.actions, before.actions, beforeLabel, "percent", m),
        usersChange: changeFrom(totals.users, before.users, beforeLabel, "absolute", m),
        empty: totals.actions === 0,
        dataFrom: page.indicators.dataFrom ? m.period.dataFrom(formatDayMonth(page.indicators.dataFrom, m)) : "",
        soFar: goesOnPast(page.period, dataEnd),
      };
    });
    return [{id: tabId(type), type, name: m.period.typeNames[type], rows}];
  });
  const all = pages.find((page) => page.period.type === "all");
  const wholeLog: DownloadView[] = all
    ? [downloadView(all.downloads.csv, "CSV", all.period.path, m), downloadView(all.downloads.json, "JSON", all.period.path, m)]
    : [];
  const {input: counts} = report;
  return {
    title: report.title,
    builtAt: formatBuiltAt(report.generatedAt, report.timeZone, m),
    generatedAt: report.generatedAt,
    timeZone: report.timeZone,
    asOf: report.asOf,
    lastAction: report.lastAction ?? "",
    asOfLabel: formatDay(report.asOf, m),
    lastActionLabel: report.lastAction ? formatBuiltAt(report.lastAction, report.timeZone, m) : "",
    afterAsOf: counts.afterAsOf ? m.page.afterAsOf(formatRows(counts.afterAsOf, m), formatDay(report.asOf, m)) : "",
    assets: assetLinks(""),
    input: [
      {id: "files", label: m.page.filesRead, value: formatCount(counts.files, m)},
      {id: "rows", label: m.page.rowsRead, value: formatCount(counts.rows, m)},
      {id: "accepted", label: m.page.accepted, value: formatCount(counts.accepted, m)},
      {id: "rejected", label: m.page.rejected, value: formatCount(counts.rejected, m)},
      {id: "duplicates", label: m.page.duplicates, value: formatCount(counts.duplicates, m)},
    ],
    rejects: report.rejects ? {href: report.rejects, label: m.page.rejectedRows(report.rejects)} : null,
    glance: glanceCards(pages, index, dataEnd, m),
    explore: exploreLink("", undefined, m),
    tabs,
    wholeLog,
  };
}
