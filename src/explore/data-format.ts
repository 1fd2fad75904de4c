/**
 * The explorer's data files (`<out>/explore/data/`), shared by the build that writes them and the
 * page that reads them. Each is a classic script that hands one JSON value to a global queue,
 * `(self.activityReportData ||= []).push({...})`: a page opened from disk may load a sibling
 * `<script src>` but may not fetch() it, so the same files serve a static host and a saved copy.
 *
 * - `meta.js`: the report (zone, as-of day, top, action palette, baked periods) and its months;
 * - `YYYY-MM.js`, one per month of counted rows: the rows' local days (run lengths: rows come
 *   sorted by time) and the five columns the figures filter or count (action, user_id,
 *   dataset_id, page_id, subdomain_id), each as the month's own dictionary and its codes;
 * - `rows-YYYY-MM.js`: what only the rows table reads (time, target, diff), loaded on demand.
 * A month's two files are `PackedFile`s: their sections (JSON text or little-endian bytes, see
 * monthSections, rowsSections) one after the other, deflated (zlib) and base64, which the page
 * inflates with DecompressionStream. Packed, the bench's million rows take 12 MB instead of 100.
 * A month's files depend on its rows only, so a build that adds a day rewrites one month.
 * No I/O and no compression here (the writer and the page each have their own); no DOM either.
 */

/** The global queue the data scripts push to. */
export const DATA_GLOBAL = "activityReportData";

/** Bumped when the files' shape changes: a month written by another version is written again. */
export const DATA_FORMAT = 2;

/** The columns of a month file, in order. */
export const EXPLORE_COLUMNS = ["action", "user_id", "dataset_id", "page_id", "subdomain_id"] as const;
export type ExploreColumn = (typeof EXPLORE_COLUMNS)[number];

/** The columns a row's target is the first non-empty of, in order. */
export const TARGET_COLUMNS = ["dataset_id", "page_id", "map_id", "reuse_title", "group_id"] as const;

/** One column of a month: its dictionary (values[0] is "") and each row's code into it. */
export interface CodedValues {
  values: string[];
  codes: Int32Array;
}

/** `YYYY-MM.js`, unpacked: the rows of one month of the report's zone, in time order. */
export interface MonthData {
  kind: "month";
  month: string;
  rows: number;
  /** [day number (days since 1970-01-01, local), rows of that day] per day with rows, ascending */
  days: [number, number][];
  columns: Record<ExploreColumn, CodedValues>;
}

/**
 * `rows-YYYY-MM.js`, unpacked: the same rows' instants, diffs and targets. A row's target is its
 * dataset_id, else its page_id (both in the month file), else `otherTarget` (map_id, reuse_title or
 * group_id), which is "" for a row with a dataset or a page: the month file has them already.
 */
export interface MonthRows {
  kind: "rows";
  month: string;
  rows: number;
  /** epoch ms per row, ascending */
  time: Float64Array;
  otherTarget: CodedValues;
  diff: CodedValues;
}

/** A month's file as written: its sections' byte lengths and their bytes, deflated, base64. */
export interface PackedFile {
  kind: "packed";
  format: number;
  of: "month" | "rows";
  month: string;
  /** base64 of the zlib stream of every section's bytes, in order */
  data: string;
  /** each section's length in bytes, inflated */
  sections: number[];
}

/** A section of a packed file: a JSON value (an array of strings is written value by value), or bytes. */
export type Section = {json: unknown} | {strings: readonly string[]} | {bytes: Uint8Array};

/** Bytes per code for a dictionary of `size` values. */
export const codeWidth = (size: number): 1 | 2 | 4 => (size <= 0x100 ? 1 : size <= 0x10000 ? 2 : 4);

/** `codes` little-endian at codeWidth(size) bytes each, e.g. packCodes([1, 300], 2) is [1, 0, 44, 1]. */
export function packCodes(codes: ArrayLike<number>, width: 1 | 2 | 4): Uint8Array {
  const bytes = new Uint8Array(codes.length * width);
  for (let i = 0, at = 0; i < codes.length; i++) for (let b = 0; b < width; b++) bytes[at++] = (codes[i] >>> (8 * b)) & 0xff;
  return bytes;
}

/** The codes packCodes packed. */
export function unpackCodes(bytes: Uint8Array, width: 1 | 2 | 4, rows: number): Int32Array {
  const codes = new Int32Array(rows);
  for (let row = 0, at = 0; row < rows; row++) {
    let code = 0;
    for (let b = 0; b < width; b++) code |= bytes[at++] << (8 * b);
    codes[row] = code >>> 0;
  }
  return codes;
}

/** Non-negative integers (up to 2^53) as LEB128 varints: a time delta of a few seconds takes 3 bytes. */
export function packVarints(numbers: ArrayLike<number>): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < numbers.length; i++) {
    let n = numbers[i];
    if (!(Number.isSafeInteger(n) && n >= 0)) throw new RangeError(`packVarints: ${n} is not a non-negative integer`);
    for (; n >= 0x80; n = Math.floor(n / 0x80)) bytes.push((n % 0x80) | 0x80);
    bytes.push(n);
  }
  return Uint8Array.from(bytes);
}

/** The `count` numbers packVarints packed. */
export function unpackVarints(bytes: Uint8Array, count: number): Float64Array {
  const numbers = new Float64Array(count);
  for (let i = 0, at = 0; i < count; i++) {
    let n = 0;
    for (let scale = 1; ; scale *= 0x80) {
      const byte = bytes[at++];
      n += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
    }
    numbers[i] = n;
  }
  return numbers;
}

/** A month file's sections: its header (rows, days, each column's dictionary and width), then each column's codes. */
export function monthSections(data: MonthData): Section[] {
  const widths = EXPLORE_COLUMNS.map((name) => codeWidth(data.columns[name].values.length));
  const dictionaries = Object.fromEntries(EXPLORE_COLUMNS.map((name) => [name, data.columns[name].values]));
  return [
    {json: {rows: data.rows, days: data.days, dictionaries}},
    ...EXPLORE_COLUMNS.map((name, i) => ({bytes: packCodes(data.columns[name].codes, widths[i])})),
  ];
}

/** A rows file's sections: its header (rows, first instant), the two dictionaries, the time deltas, the two columns' codes. */
export function rowsSections(data: MonthRows): Section[] {
  const deltas = data.time.map((time, row) => (row === 0 ? 0 : time - data.time[row - 1]));
  return [
    {json: {rows: data.rows, first: data.rows > 0 ? data.time[0] : 0}},
    {strings: data.otherTarget.values},
    {strings: data.diff.values},
    {bytes: packVarints(deltas)},
    {bytes: packCodes(data.otherTarget.codes, codeWidth(data.otherTarget.values.length))},
    {bytes: packCodes(data.diff.codes, codeWidth(data.diff.values.length))},
  ];
}

/** The sections of an inflated payload, by the lengths its file lists. */
function splitSections(payload: Uint8Array, lengths: number[]): Uint8Array[] {
  let at = 0;
  return lengths.map((length) => payload.subarray(at, (at += length)));
}

const json = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));

/** A packed file's value, from its inflated payload. */
export function unpackFile(file: PackedFile, payload: Uint8Array): MonthData | MonthRows {
  const parts = splitSections(payload, file.sections);
  if (file.of === "month") {
    const header = json(parts[0]) as {rows: number; days: [number, number][]; dictionaries: Record<ExploreColumn, string[]>};
    const columns = Object.fromEntries(
      EXPLORE_COLUMNS.map((name, i) => {
        const values = header.dictionaries[name];
        return [name, {values, codes: unpackCodes(parts[i + 1], codeWidth(values.length), header.rows)}];
      }),
    ) as MonthData["columns"];
    return {kind: "month", month: file.month, rows: header.rows, days: header.days, columns};
  }
  const {rows, first} = json(parts[0]) as {rows: number; first: number};
  const coded = (values: string[], bytes: Uint8Array): CodedValues => ({values, codes: unpackCodes(bytes, codeWidth(values.length), rows)});
  const time = unpackVarints(parts[3], rows);
  for (let row = 0, at = first; row < rows; row++) time[row] = at += time[row];
  return {
    kind: "rows",
    month: file.month,
    rows,
    time,
    otherTarget: coded(json(parts[1]) as string[], parts[4]),
    diff: coded(json(parts[2]) as string[], parts[5]),
  };
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

export type ExploreFile = PackedFile | ExploreMeta;

/** The script text of one data file: JSON is a JS expression, and this file is never inlined in HTML. */
export function dataScript(value: ExploreFile): string {
  return `(self.${DATA_GLOBAL}=self.${DATA_GLOBAL}||[]).push(${JSON.stringify(value)});\n`;
}
