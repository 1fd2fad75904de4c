/**
 * The output contract of one period (`<out>/<path>/indicators.json`) and the shape every indicator
 * module exports. Types only.
 */
import type {ColumnTable} from "arquero";
import type {BucketUnit, Period} from "../periods/types.js";
import type {ComparisonType} from "../periods/comparison.js";

/**
 * Counts per action, keys ordered by count descending then action ascending. Exception that no JS
 * object can avoid: integer-like keys ("2024", "7") are always listed first, in numeric order, by
 * Object.keys and JSON.stringify alike. Read the ranking from the counts, not from the key order.
 */
export type ByAction = Record<string, number>;

export interface PeriodIndicators {
  period: {type: string; key: string; start: string; end: string; timeZone: string};
  totals: {actions: number; users: number; datasets: number; pages: number; actionsPerUser: number};
  /**
   * what the changes of the period's totals are measured against (periods/comparison.ts), with that
   * window's actions and users; null when nothing is compared with it fairly (all time, the log's
   * first period, a window reaching before the first day of data). The three frame fields are set
   * by every build; reports of earlier versions lack them
   */
  comparison?: PeriodComparison | null;
  /** the first day of data (YYYY-MM-DD) when the log's data begin inside the period, else null */
  dataFrom?: string | null;
  /** the latest counted action before the period starts (ISO 8601, UTC), null when there is none */
  previousAction?: string | null;
  /** Only non-zero cells are listed; `buckets` lists every bucket of the period for zero-filling. */
  actions: {bucket: BucketUnit; buckets: string[]; series: {bucket: string; action: string; count: number}[]};
  /** distinct user_id per bucket, non-zero buckets only */
  usersOverTime: {bucket: string; users: number}[];
  /** every active user */
  actionsByUser: {user_id: string; count: number}[];
  topUsers: {user_id: string; count: number; byAction: ByAction}[];
  topDatasets: {dataset_id: string; count: number; byAction: ByAction}[];
  topPages: {page_id: string; count: number; byAction: ByAction}[];
  distribution: {action: string; count: number; share: number}[];
  /** ISO weekday 1 (Monday) ... 7 (Sunday) of the local day: its actions and distinct users; all seven */
  byWeekday: {weekday: number; actions: number; users: number}[];
}

/** indicators.json's `comparison`: a window of days and its totals. */
export interface PeriodComparison {
  /** "previous" (the whole period before), "previous-same-days" (its first days), "previous-window" (rolling) */
  type: ComparisonType;
  /** e.g. "2026-10", "previous-30-days" */
  key: string;
  start: string;
  /** exclusive */
  end: string;
  actions: number;
  users: number;
}

/** Where a period stands among the others: set by the build, null on its own (computeIndicators). */
export type PeriodFrame = Required<Pick<PeriodIndicators, "comparison" | "dataFrom" | "previousAction">>;

export interface IndicatorContext {
  period: Period;
  /** how many entries the top lists keep (defaults to 5) */
  top: number;
}

/**
 * One indicator: a pure function of the period's rows. `rows` holds only the period's accepted rows
 * with the ingest columns plus the bucket key columns `day`, `week`, `month`. The counted columns
 * (`action`, `user_id`, `dataset_id`, `page_id`, the bucket keys) are best CodedColumns, as
 * addPeriodKeys leaves them; plain string columns work too and are encoded once per rows table.
 */
export interface Indicator<K extends keyof PeriodIndicators = keyof PeriodIndicators> {
  /** the key it fills in indicators.json */
  id: K;
  /**
   * every column of the period's rows it reads, e.g. ["action", "day", "week", "month"]: the build
   * cache keeps them (test/cache/merged-log.test.ts checks CACHED_COLUMNS against them)
   */
  columns: readonly string[];
  /**
   * the id of its chart and page section (charts.json, the page's #indicator-<id>, an email's image),
   * kept as the pages had it before the indicator and chart registries were joined, e.g. "top-users";
   * defaults to `id` (a new indicator's chart takes its id: "byWeekday")
   */
  chartId?: string;
  /** the title its chart has on the page and in the email, e.g. "Top modified datasets" */
  label: string;
  /** its chart is in the email (one that reads at a glance: the top lists are tables there); defaults to false */
  email?: boolean;
  /** one line that says what it shows */
  description: string;
  compute(rows: ColumnTable, context: IndicatorContext): PeriodIndicators[K];
}

/** The id of an indicator's chart and page section: its chartId, else its id. */
export const chartIdOf = (indicator: Pick<Indicator, "id" | "chartId">): string => indicator.chartId ?? indicator.id;
