/**
 * The view model of the site's front page: the domain, when and in which zone it was built, the
 * input accounting, one tab per period type listing its periods newest first with their change from
 * the period before, and the whole-log downloads. Pure; formatting only.
 */
import type {PeriodType} from "../periods/types.js";
import {changeFrom, formatCount, formatRows} from "./figures.js";
import type {Change} from "./figures.js";
import {asOfEnd, formatBuiltAt, formatDay, formatDayMonth, goesOnPast, periodLabel, PERIOD_TYPE_NAMES} from "./period-labels.js";
import {assetLinks, downloadView, pageHref} from "./page-links.js";
import type {AssetLinks, DownloadView, Link, PageIndex} from "./page-links.js";
import {comparedTotals, type PageSource, type SiteSource} from "./page-model.js";
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

/** The front page's view model. `index` finds each period's predecessor. */
export function buildIndexModel(input: SiteSource, index: PageIndex<PageSource>): IndexModel {
  const {report, pages} = input;
  // the first instant after the as-of day: a calendar period ending later is not over yet
  const dataEnd = asOfEnd(report.asOf, report.timeZone);
  const tabs: IndexTab[] = TAB_ORDER.flatMap((type) => {
    const ofType = pages.filter((page) => page.period.type === type).sort((a, b) => b.period.startMs - a.period.startMs);
    if (ofType.length === 0) return [];
    const rows = ofType.map((page): IndexRow => {
      const {totals} = page.indicators;
      // the same comparison as the page's
      const {phrase: beforeLabel, ...before} = comparedTotals(page, index.previous(page));
      const label = periodLabel(page.period);
      return {
        href: pageHref("", page.period.path),
        title: label.title,
        range: label.range,
        actions: formatCount(totals.actions),
        users: formatCount(totals.users),
        actionsChange: changeFrom(totals.actions, before.actions, beforeLabel, "percent"),
        usersChange: changeFrom(totals.users, before.users, beforeLabel, "absolute"),
        empty: totals.actions === 0,
        dataFrom: page.indicators.dataFrom ? `data from ${formatDayMonth(page.indicators.dataFrom)}` : "",
        soFar: goesOnPast(page.period, dataEnd),
      };
    });
    return [{id: tabId(type), type, name: PERIOD_TYPE_NAMES[type], rows}];
  });
  const all = pages.find((page) => page.period.type === "all");
  const wholeLog: DownloadView[] = all
    ? [downloadView(all.downloads.csv, "CSV", all.period.path), downloadView(all.downloads.json, "JSON", all.period.path)]
    : [];
  const {input: counts} = report;
  return {
    title: report.title,
    builtAt: formatBuiltAt(report.generatedAt, report.timeZone),
    generatedAt: report.generatedAt,
    timeZone: report.timeZone,
    asOf: report.asOf,
    lastAction: report.lastAction ?? "",
    asOfLabel: formatDay(report.asOf),
    lastActionLabel: report.lastAction ? formatBuiltAt(report.lastAction, report.timeZone) : "",
    afterAsOf: counts.afterAsOf ? `${formatRows(counts.afterAsOf)} dated after ${formatDay(report.asOf)} count in no period (they are among the accepted rows).` : "",
    assets: assetLinks(""),
    input: [
      {id: "files", label: "Files read", value: formatCount(counts.files)},
      {id: "rows", label: "Rows read", value: formatCount(counts.rows)},
      {id: "accepted", label: "Accepted", value: formatCount(counts.accepted)},
      {id: "rejected", label: "Rejected", value: formatCount(counts.rejected)},
      {id: "duplicates", label: "Duplicates", value: formatCount(counts.duplicates)},
    ],
    rejects: report.rejects ? {href: report.rejects, label: `Rejected rows (${report.rejects})`} : null,
    explore: exploreLink(""),
    tabs,
    wholeLog,
  };
}
