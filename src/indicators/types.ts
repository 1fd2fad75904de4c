/**
 * The output contract of one period (`<out>/<path>/indicators.json`) and the shape every indicator
 * module exports. Types only.
 */
import type {ColumnTable} from "arquero";
import type {BucketUnit, Period} from "../periods/types.js";

/**
 * Counts per action, keys ordered by count descending then action ascending. Exception that no JS
 * object can avoid: integer-like keys ("2024", "7") are always listed first, in numeric order, by
 * Object.keys and JSON.stringify alike. Read the ranking from the counts, not from the key order.
 */
export type ByAction = Record<string, number>;

export interface PeriodIndicators {
  period: {type: string; key: string; start: string; end: string; timeZone: string};
  totals: {actions: number; users: number; datasets: number; pages: number; actionsPerUser: number};
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
}

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
  /** as the reference names it, e.g. "Top 5 modified datasets" */
  label: string;
  /** one line that says what it shows */
  description: string;
  compute(rows: ColumnTable, context: IndicatorContext): PeriodIndicators[K];
}
