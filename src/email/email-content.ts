/**
 * What an email says, as plain strings: subject, period label, the three KPIs with their change from
 * the previous period, the top-5 tables, the charts to show (with alt text) and the link. The text and
 * HTML parts only lay this out. Pure: the chart images come in already rendered; no disk, no clock.
 * Strings from the log pass through `chartLabel` (invisible and bidi characters made visible); HTML
 * escaping is the HTML part's job.
 */
import type {EmailConfig} from "./email-config.js";
import {INDICATORS} from "../indicators/registry.js";
import {chartIdOf, type ByAction} from "../indicators/types.js";
import {chartLabel} from "../charts/labels.js";
import {actionLabels} from "../charts/action-names.js";
import {changeFrom, formatCount, formatDecimal, formatShare} from "../site/figures.js";
import type {PeriodType} from "../periods/types.js";
import {comparisonPhrase, formatBuiltAt, formatDay, formatDayRange, periodDays, periodLabel} from "../site/period-labels.js";
import type {PeriodSummary} from "../site/types.js";
import type {ChartPng} from "./chart-png.js";
import type {ReportSnapshot} from "./read-report.js";
import {en, type Messages} from "../i18n/en.js";
import {messagesFor} from "../i18n/languages.js";

/** The charts an email shows, by chart id, in the page's order: those of the indicators marked `email`. */
export const EMAIL_CHART_IDS: readonly string[] = INDICATORS.filter((indicator) => indicator.email).map(chartIdOf);

export interface EmailKpi {
  label: string;
  /** e.g. "1,234" */
  value: string;
  /** e.g. "+50% vs February 2025 (8)", as the page's change; null when nothing is compared */
  change: string | null;
}

export interface EmailTopTable {
  /** e.g. "Top 5 users" */
  title: string;
  /** the first column's heading, e.g. "User" */
  column: string;
  rows: {rank: number; name: string; count: string; share: string; detail: string}[];
}

export interface EmailChart {
  id: string;
  /** Content-ID without brackets, e.g. "actions.month-2025-03@activity-report" */
  cid: string;
  title: string;
  description: string;
  /** states the chart's numbers: charts.json's summary */
  alt: string;
  image: ChartPng;
}

export interface EmailContent {
  /** the message's language, e.g. "fr": --lang, else the report's */
  lang: string;
  /** the catalogue's email texts, for the fixed words of the text and HTML parts */
  text: Messages["email"];
  subject: string;
  /** the report's title, e.g. "data.example.org" */
  title: string;
  /** e.g. "March 2025", "Week 9, 2025", "Last 7 days" */
  periodTitle: string;
  /** the days it covers, e.g. "1–31 Mar 2025" */
  days: string;
  /** set when the period is not over, e.g. "Figures so far: the period ends on 30 Apr 2025." */
  note: string | null;
  /**
   * a quiet period: e.g. "No activity in this period. Latest action before it: 20 Nov 2026, 17:37.";
   * null when the period has actions
   */
  quiet: string | null;
  /** what the changes compare with, e.g. "Changes compare with the first 7 days of November 2026."; null without one */
  comparison: string | null;
  kpis: EmailKpi[];
  charts: EmailChart[];
  tops: EmailTopTable[];
  /** the hosted page of the period, or null */
  link: string | null;
  /** e.g. "Built 1 Apr 2025, 02:00 · times in Europe/Paris" */
  footer: string;
}

const labelled = (summary: PeriodSummary, timeZone: string) => ({
  type: summary.type as PeriodType,
  key: summary.key,
  start: summary.start,
  end: summary.end,
  timeZone,
});
const labelOf = (summary: PeriodSummary, timeZone: string, m: Messages) => periodLabel(labelled(summary, timeZone), m);

/**
 * The change the page shows (site/figures.ts's changeFrom), with what it compares with, e.g.
 * (12, 8, "February 2025", "percent") -> "+50% vs February 2025 (8)", (5, 5, ...) -> "±0 vs Q1 2025 (5)".
 */
export function formatChange(current: number, previous: number, previousLabel: string, mode: "percent" | "absolute", m: Messages = en): string {
  const change = changeFrom(current, previous, previousLabel, mode, m)!;
  return m.email.versus(change.text, previousLabel, formatCount(previous, m));
}

/** how many actions a top-list row details before "N more" */
const MIX_LENGTH = 3;

/** e.g. {edit_dataset: 2, publish_dataset: 1} -> "Edit dataset 2 · Publish dataset 1", at most 3 then "· 4 more" */
export function actionMix(byAction: ByAction, m: Messages = en): string {
  const entries = Object.entries(byAction);
  // named as the charts name them: look-alike ids read apart (action-names.ts)
  const names = actionLabels(
    Object.keys(byAction).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    m,
  );
  const shown = entries.slice(0, MIX_LENGTH).map(([action, count]) => `${names.get(action)} ${formatCount(count, m)}`);
  return [...shown, ...(entries.length > MIX_LENGTH ? [m.email.more(entries.length - MIX_LENGTH)] : [])].join(" · ");
}

/** A chart description for a page that reacts to clicks, without the sentences about clicking. */
export const staticDescription = (description: string): string =>
  description.replace(/[^.!?]*\b(?:click|hover|tap)(?:s|ed|ped|ping|ing)?\b[^.!?]*[.!?]\s*/gi, "").trim();

/** The period's page, e.g. ("https://x.org/report/", "month/2025-03/") -> "https://x.org/report/month/2025-03/" */
export function periodLink(baseUrl: string, periodPath: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/${periodPath.replace(/^\/+/, "")}`;
}

/**
 * Lays out the snapshot as email content.
 * @param images the rendered charts by id; a chart without an image is left out
 */
export function emailContent(
  snapshot: ReportSnapshot,
  config: Pick<EmailConfig, "subject" | "baseUrl"> & {lang?: string},
  images: ReadonlyMap<string, ChartPng>,
): EmailContent {
  const {report, period, indicators} = snapshot;
  // the report's language, unless --lang asks for another (the chart images keep the report's)
  const m = messagesFor(config.lang ?? report.lang);
  const text = m.email;
  const zone = report.timeZone;
  const label = labelOf(period, zone, m);
  const totals = indicators.totals;
  // as the charts write shares: 1 of 3,000 -> "< 0.1%", a listed row never shows 0%
  const share = (count: number) => (totals.actions === 0 ? "" : formatShare(count / totals.actions, m));

  const compared = comparedWith(snapshot, m);
  const kpi = (
    name: string,
    value: number,
    format: (n: number, m: Messages) => string,
    before: number | undefined,
    mode?: "percent" | "absolute",
  ): EmailKpi => ({
    label: name,
    value: format(value, m),
    change: !compared || before === undefined || mode === undefined ? null : formatChange(value, before, compared.phrase, mode, m),
  });
  const {first, last} = periodDays(labelled(period, zone));

  return {
    lang: m.lang,
    text,
    subject: config.subject ?? text.subject(report.title, label.title),
    title: report.title,
    periodTitle: label.title,
    days: formatDayRange(first, last, false, m),
    note: snapshot.complete ? null : text.soFar(formatDayRange(last, last, false, m)),
    quiet:
      totals.actions > 0
        ? null
        : `${text.noActivity} ${indicators.previousAction ? text.latestBefore(formatBuiltAt(indicators.previousAction, zone, m)) : text.noActionBefore}`,
    comparison: compared ? text.comparedWith(compared.phrase) : indicators.dataFrom ? text.dataFrom(formatDay(indicators.dataFrom, m)) : null,
    kpis: [
      kpi(text.actions, totals.actions, formatCount, compared?.actions, "percent"),
      kpi(text.activeUsers, totals.users, formatCount, compared?.users, "absolute"),
      kpi(text.actionsPerUser, totals.actionsPerUser, formatDecimal, undefined),
    ],
    charts: emailCharts(snapshot, images),
    tops: topTables(indicators, share, m),
    link: config.baseUrl === undefined ? null : periodLink(config.baseUrl, period.path),
    footer: text.footer(formatBuiltAt(report.generatedAt, zone, m), zone),
  };
}

/** The period's comparison (indicators.json) with its phrase; for a report of an earlier version, the period before. */
function comparedWith({report, period, indicators, previous}: ReportSnapshot, m: Messages) {
  const zone = report.timeZone;
  if (indicators.comparison !== undefined) {
    return (
      indicators.comparison && {...indicators.comparison, phrase: comparisonPhrase({type: period.type as PeriodType, timeZone: zone}, indicators.comparison, m)}
    );
  }
  return previous && {...previous.totals, phrase: labelOf(previous.period, zone, m).title};
}

/** The email's charts (EMAIL_CHART_IDS) that the period has and that were drawn, each with its Content-ID. */
function emailCharts({period, charts}: ReportSnapshot, images: ReadonlyMap<string, ChartPng>): EmailContent["charts"] {
  return EMAIL_CHART_IDS.flatMap((id) => {
    const chart = charts.find((c) => c.id === id);
    const image = images.get(id);
    if (chart === undefined || image === undefined) return [];
    const cid = `${id}.${period.type}-${period.key}@activity-report`;
    return [{id, cid, title: chart.title, description: staticDescription(chart.description ?? ""), alt: chart.summary || chart.title, image}];
  });
}

/** The top five users, datasets and pages, each row with its share of the period's actions and its action mix. */
function topTables(indicators: ReportSnapshot["indicators"], share: (count: number) => string, m: Messages): EmailTopTable[] {
  const text = m.email;
  const top = (title: string, column: string, rows: {id: string; count: number; byAction: ByAction}[]): EmailTopTable => ({
    title,
    column,
    rows: rows.slice(0, 5).map((row, i) => ({
      rank: i + 1,
      name: chartLabel(row.id, m),
      count: formatCount(row.count, m),
      share: share(row.count),
      detail: actionMix(row.byAction, m),
    })),
  });
  return [
    top(
      text.topUsers,
      text.user,
      indicators.topUsers.map((r) => ({...r, id: r.user_id})),
    ),
    top(
      text.topDatasets,
      text.dataset,
      indicators.topDatasets.map((r) => ({...r, id: r.dataset_id})),
    ),
    top(
      text.topPages,
      text.page,
      indicators.topPages.map((r) => ({...r, id: r.page_id})),
    ),
  ];
}
