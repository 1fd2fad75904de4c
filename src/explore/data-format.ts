/**
 * The explorer's data files (`<out>/explore/data/`), shared by the build that writes them and the
 * page that reads them. Each is a classic script that hands one JSON value to a global queue,
 * `(self.activityReportData ||= []).push({...})`: a page opened from disk may load a sibling
 * `<script src>` but may not fetch() it, so the same files serve a static host and a saved copy.
 *
 * - `meta.js`: the report (zone, as-of day, top, action palette, baked periods) and its months;
 * - `YYYY-MM.js`, one per month of counted rows: the rows' local days (run lengths: rows come
 *   sorted by time) and the five columns the figures filter or count (action, user_id,
 *   dataset_id, page_id, subdomain_id), each as the month's own dictionary and its codes packed
 *   little-endian in 1, 2 or 4 bytes, base64: ~7 bytes a row before base64;
 * - `rows-YYYY-MM.js`: what only the rows table reads (time, target, diff), loaded on demand.
 * A month's files depend on its rows only, so a build that adds a day rewrites one month.
 * No I/O here; no DOM either.
 */

/** The global queue the data scripts push to. */
export const DATA_GLOBAL = "activityReportData";

/** Bumped when the files' shape changes: a month written by another version is written again. */
export const DATA_FORMAT = 1;

/** The columns of a month file, in order. */
export const EXPLORE_COLUMNS = ["action", "user_id", "dataset_id", "page_id", "subdomain_id"] as const;
export type ExploreColumn = (typeof EXPLORE_COLUMNS)[number];

/** The columns a row's target is the first non-empty of, in order. */
export const TARGET_COLUMNS = ["dataset_id", "page_id", "map_id", "reuse_title", "group_id"] as const;

/** One column of a month: its dictionary (values[0] is "") and codes into it, packed. */
export interface PackedColumn {
  values: string[];
  /** bytes per code: 1, 2 or 4 */
  width: 1 | 2 | 4;
  /** base64 of the little-endian codes */
  codes: string;
}

/** `YYYY-MM.js`: the rows of one month of the report's zone, in time order. */
export interface MonthData {
  kind: "month";
  format: number;
  /** e.g. "2025-03" */
  month: string;
  rows: number;
  /** [day number (days since 1970-01-01, local), rows of that day] per day with rows, ascending */
  days: [number, number][];
  columns: Record<ExploreColumn, PackedColumn>;
}

/** `rows-YYYY-MM.js`: the same rows' instants, targets and diffs. */
export interface MonthRows {
  kind: "rows";
  format: number;
  month: string;
  /** epoch ms of the first row, then the difference with the previous row */
  time: number[];
  target: PackedColumn;
  diff: string[];
}

/** A baked period as the explorer offers it: its days, inclusive. */
export interface ExplorePeriod {
  type: string;
  key: string;
  path: string;
  /** YYYY-MM-DD, local */
  from: string;
  /** YYYY-MM-DD, local, inclusive */
  to: string;
}

/** `meta.js` */
export interface ExploreMeta {
  kind: "meta";
  format: number;
  title: string;
  timeZone: string;
  /** YYYY-MM-DD */
  asOf: string;
  top: number;
  /** every action of the log, the palette's input */
  actions: string[];
  /** every subdomain_id of the log but "" */
  subdomains: string[];
  periods: ExplorePeriod[];
  /** per month: its key, rows, a digest of them (what an incremental build compares) and its subdomains */
  months: {month: string; rows: number; digest: string; subdomains: string[]}[];
}

export type ExploreFile = MonthData | MonthRows | ExploreMeta;

/** The script text of one data file: JSON is a JS expression, and this file is never inlined in HTML. */
export function dataScript(value: ExploreFile): string {
  return `(self.${DATA_GLOBAL}=self.${DATA_GLOBAL}||[]).push(${JSON.stringify(value)});\n`;
}

/** Bytes per code for a dictionary of `size` values. */
export const codeWidth = (size: number): 1 | 2 | 4 => (size <= 0x100 ? 1 : size <= 0x10000 ? 2 : 4);

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** `codes` packed little-endian at `width` bytes each, as base64 (no Buffer: this runs in the page too). */
export function packCodes(codes: ArrayLike<number>, width: 1 | 2 | 4): string {
  const bytes = new Uint8Array(codes.length * width);
  for (let i = 0, at = 0; i < codes.length; i++) for (let b = 0; b < width; b++) bytes[at++] = (codes[i] >>> (8 * b)) & 0xff;
  let text = "";
  const chunk: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    chunk.push(BASE64[n >> 18], BASE64[(n >> 12) & 63], i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : "=", i + 2 < bytes.length ? BASE64[n & 63] : "=");
    if (chunk.length >= 4096) text += chunk.splice(0).join("");
  }
  return text + chunk.join("");
}

/** The codes of a PackedColumn, e.g. unpackCodes(packCodes([1, 300], 2), 2) is [1, 300]. */
export function unpackCodes(base64: string, width: 1 | 2 | 4, rows: number): Int32Array {
  const lookup = new Int16Array(128).fill(-1);
  for (let i = 0; i < BASE64.length; i++) lookup[BASE64.charCodeAt(i)] = i;
  const bytes = new Uint8Array(rows * width);
  let at = 0;
  for (let i = 0; i < base64.length && at < bytes.length; i += 4) {
    const n =
      (lookup[base64.charCodeAt(i)] << 18) |
      (lookup[base64.charCodeAt(i + 1)] << 12) |
      (Math.max(0, lookup[base64.charCodeAt(i + 2)]) << 6) |
      Math.max(0, lookup[base64.charCodeAt(i + 3)]);
    bytes[at++] = n >> 16;
    if (at < bytes.length) bytes[at++] = (n >> 8) & 0xff;
    if (at < bytes.length) bytes[at++] = n & 0xff;
  }
  const codes = new Int32Array(rows);
  for (let row = 0, byte = 0; row < rows; row++) {
    let code = 0;
    for (let b = 0; b < width; b++) code |= bytes[byte++] << (8 * b);
    codes[row] = code >>> 0;
  }
  return codes;
}
