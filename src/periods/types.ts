/**
 * Periods: the windows a report is cut into, in the report's time zone. Types only.
 */

export const PeriodType = {
  week: "week",
  month: "month",
  quarter: "quarter",
  year: "year",
  all: "all",
  rolling: "rolling",
} as const;
export type PeriodType = (typeof PeriodType)[keyof typeof PeriodType];
export const PERIOD_TYPES: readonly PeriodType[] = Object.values(PeriodType);
export const isPeriodType = (value: unknown): value is PeriodType => typeof value === "string" && Object.hasOwn(PeriodType, value);

/** The unit of the Actions-over-time series; also the name of the table column holding its key. */
export const BucketUnit = {day: "day", week: "week", month: "month"} as const;
export type BucketUnit = (typeof BucketUnit)[keyof typeof BucketUnit];

/** The bucket key columns (addPeriodKeys), one per BucketUnit: a period's buckets are read from the one named by its unit. */
export const BUCKET_COLUMNS: readonly BucketUnit[] = Object.values(BucketUnit);

export interface Period {
  type: PeriodType;
  /** e.g. "2025-W09", "2025-03", "2025-Q1", "2025", "all", "last-7-days" */
  key: string;
  /** relative to the output folder, e.g. "month/2025-03/" */
  path: string;
  /** ISO 8601 with the zone's offset at that instant, e.g. "2025-03-01T00:00:00+01:00" */
  start: string;
  /** exclusive */
  end: string;
  startMs: number;
  endMs: number;
  /**
   * the end (exclusive) of the events the period counts: endMs, or the end of the as-of day when the
   * period goes on past it (its figures are "so far")
   */
  countedEndMs: number;
  timeZone: string;
  /** day for week, month and rolling periods; week for quarters; month for years and all time */
  bucket: BucketUnit;
  /**
   * every bucket key in [start, countedEnd), in order, e.g. ["2025-03-01", ..., "2025-03-31"]; a month
   * so far has its days up to the as-of day only
   */
  buckets: string[];
}
