/**
 * The log's fields, the years a report covers and the input formats: the constants every reader and
 * ingest/types.ts share (types.ts re-exports them), in a module that imports nothing.
 */

/** The activity log's twelve fields, in the order OpenDataSoft documents them. */
export const LOG_FIELDS = [
  "timestamp",
  "domain_id",
  "user_id",
  "dataset_id",
  "username",
  "action",
  "group_id",
  "page_id",
  "diff",
  "map_id",
  "reuse_title",
  "subdomain_id",
] as const;
export type LogField = (typeof LOG_FIELDS)[number];

/**
 * The years a report covers, UTC: a row dated outside them is rejected, and --as-of must fall in
 * them. Past 9999 a period's end is no ISO date (a row of year 9999 crashed the build), and one row
 * dated 0001-01-01 made the all-time page 17 MB (a month per bucket) and the build 13 times slower;
 * 1970-2199 keeps day numbers positive and a stray far date costs at most ~1.5x.
 */
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 2199;
/** Accepted instants (epoch ms): FIRST_TIME <= time < END_TIME. */
export const FIRST_TIME = Date.UTC(FIRST_YEAR, 0, 1);
export const END_TIME = Date.UTC(LAST_YEAR + 1, 0, 1);

export const InputFormat = {csv: "csv", json: "json", ndjson: "ndjson"} as const;
export type InputFormat = (typeof InputFormat)[keyof typeof InputFormat];
export const isInputFormat = (value: unknown): value is InputFormat => typeof value === "string" && Object.hasOwn(InputFormat, value);
