/**
 * Decides whether a raw record becomes a row of the log, and names its columns. Known log fields
 * match whatever their case and surrounding spaces ("  User_ID " -> "user_id"); other names are
 * kept, trimmed. A record is accepted when its timestamp is a valid ISO 8601 date-time within the
 * years a report covers (types.ts FIRST_YEAR-LAST_YEAR), its action is not blank, and no field is
 * over 1 MiB; values are kept as written (not trimmed). Does not look for duplicates or store rows.
 */
import type {FieldSpans} from "./csv-bytes.js";
import {exactUtcMillisOfBytes, fieldValue} from "./field-bytes.js";
import {END_TIME, FIRST_TIME, FIRST_YEAR, LAST_YEAR, LOG_FIELDS} from "./log-fields.js";
import type {RawRecord} from "./raw-record.js";
import {parseTimestamp} from "./timestamp.js";
import {fieldText} from "./json-value.js";
import {nameSeed, type HashLayout} from "./deduplicate.js";

/** A field longer than this (in characters) rejects its row. */
export const MAX_FIELD_CHARS = 1024 * 1024;

const KNOWN_FIELDS = new Set<string>(LOG_FIELDS);

/** The output name of a field name found in an input, e.g. " Action " -> "action", " Extra " -> "Extra". */
export function canonicalName(name: string): string {
  const trimmed = name.trim();
  const lower = trimmed.toLowerCase();
  if (KNOWN_FIELDS.has(lower)) return lower;
  if (trimmed === "time") return "time_extra"; // the table's own `time` column holds epoch ms
  return trimmed === "" ? "unnamed" : trimmed;
}

/** The columns met so far, numbered in order of first appearance. */
export class ColumnIndex {
  /** canonical names, by column number */
  readonly names: string[] = [];
  readonly #byName = new Map<string, number>();
  readonly #byRawName = new Map<string, number>();
  /** how a row's hashes walk these columns (deduplicate.ts HashLayout): by name, whatever their numbers */
  hashLayout: HashLayout = {order: new Int32Array(0), seed: new Int32Array(0)};
  #lastNames: string[] | undefined;
  #lastNumbers: number[] = [];
  #lastLayout: Layout = {twiceAt: -1, identity: true};

  /** The column number of a raw field name, adding the column if it is new. */
  numberOf(rawName: string): number {
    let number = this.#byRawName.get(rawName);
    if (number !== undefined) return number;
    const name = canonicalName(rawName);
    number = this.#byName.get(name);
    if (number === undefined) {
      number = this.names.length;
      this.names.push(name);
      this.#byName.set(name, number);
      const order = this.names.map((_, c) => c).sort((a, b) => (this.names[a] < this.names[b] ? -1 : 1));
      this.hashLayout = {order: Int32Array.from(order), seed: Int32Array.from(this.names, nameSeed)};
    }
    this.#byRawName.set(rawName, number);
    return number;
  }

  /** Column numbers for a list of raw names; cached for the list a CSV file's rows share. */
  numbersOf(rawNames: string[]): number[] {
    if (rawNames === this.#lastNames) return this.#lastNumbers;
    this.#lastNames = rawNames;
    this.#lastNumbers = rawNames.map((name) => this.numberOf(name));
    this.#lastLayout = layoutOf(this.#lastNumbers);
    return this.#lastNumbers;
  }

  /** For the list numbersOf was last given: where a column first repeats, and whether number i is i. */
  lastLayout(): Layout {
    return this.#lastLayout;
  }

  /** The number of a canonical name, or -1. */
  find(name: string): number {
    return this.#byName.get(name) ?? -1;
  }

  /** Known fields in LOG_FIELDS order, then the others in order of first appearance. */
  outputOrder(): string[] {
    const known = LOG_FIELDS.filter((name) => this.#byName.has(name));
    return [...known, ...this.names.filter((name) => !KNOWN_FIELDS.has(name))];
  }
}

/** How a list of column numbers maps fields to columns (computed once per list of names). */
interface Layout {
  /** the first field whose column an earlier field already has, or -1 */
  twiceAt: number;
  /** field i goes to column i for every i */
  identity: boolean;
}

function layoutOf(numbers: number[]): Layout {
  const seen = new Set<number>();
  let twiceAt = -1,
    identity = true;
  for (let i = 0; i < numbers.length; i++) {
    if (numbers[i] !== i) identity = false;
    if (twiceAt === -1 && seen.has(numbers[i])) twiceAt = i;
    seen.add(numbers[i]);
  }
  return {twiceAt, identity};
}

/** An accepted row: its instant and its values by column number ("" where absent). */
export interface AcceptedRow {
  time: number;
  values: string[];
}

/**
 * Accepts a record, or says why not in one short sentence. When the record's fields are exactly
 * the columns in order (a CSV row, usually), its own `values` array is returned, not a copy.
 */
export function acceptRow(record: RawRecord, columns: ColumnIndex, timeZone: string): AcceptedRow | {reason: string} {
  if (record.problem !== undefined) return {reason: record.problem};
  const numbers = columns.numbersOf(record.names);
  const {twiceAt, identity} = columns.lastLayout();
  const checked = twiceAt === -1 ? numbers.length : twiceAt;
  for (let i = 0; i < checked; i++) {
    const value = record.values[i];
    // the text's length: a JSON number or object is held one character longer (json-value.ts)
    if (value.length > MAX_FIELD_CHARS && fieldText(value).length > MAX_FIELD_CHARS) {
      return {reason: `field "${record.names[i]}" is larger than 1 MiB (${fieldText(value).length} characters)`};
    }
  }
  if (twiceAt !== -1) return {reason: `field "${columns.names[numbers[twiceAt]]}" appears twice in this record`};
  let values = record.values;
  if (!identity || values.length !== columns.names.length) {
    values = new Array(columns.names.length).fill("");
    for (let i = 0; i < numbers.length; i++) values[numbers[i]] = record.values[i];
  }
  // as text: a JSON null reads as "", a number as its digits
  const stamp = fieldText(values[columns.find("timestamp")] ?? "");
  const time = parseTimestamp(stamp, timeZone);
  if (typeof time === "string") return {reason: time};
  if (time < FIRST_TIME || time >= END_TIME) return {reason: outOfRange(stamp)};
  if (fieldText(values[columns.find("action")] ?? "").trim() === "") return {reason: "action is empty"};
  return {time, values};
}

/** e.g. `timestamp "9999-03-01T10:00:00Z" is outside the years 1970 to 2199 (UTC) that a report covers` */
function outOfRange(stamp: string): string {
  const shown = stamp.trim();
  return `timestamp "${shown.length > 64 ? `${shown.slice(0, 64)}…` : shown}" is outside the years ${FIRST_YEAR} to ${LAST_YEAR} (UTC) that a report covers`;
}

/**
 * acceptRow's instant for a CSV row still in the file's bytes whose fields are the header's
 * (`timestamp` and `action` are field numbers), when acceptRow would surely accept it; undefined
 * when acceptRow must judge the row as strings (a field maybe over 1 MiB, an action maybe blank...).
 */
export function acceptedTime(bytes: Buffer, fields: FieldSpans, timestamp: number, action: number, timeZone: string): number | undefined {
  const {starts, ends, flags} = fields;
  for (let f = 0; f < fields.count; f++) if (ends[f] - starts[f] > MAX_FIELD_CHARS) return undefined;
  let time = exactUtcMillisOfBytes(bytes, starts[timestamp], ends[timestamp]);
  if (time === undefined) {
    const parsed = parseTimestamp(fieldValue(bytes, starts[timestamp], ends[timestamp], flags[timestamp]), timeZone);
    if (typeof parsed === "string") return undefined;
    time = parsed;
  }
  if (time < FIRST_TIME || time >= END_TIME) return undefined;
  // not blank: an ASCII character that String#trim() keeps
  for (let i = starts[action]; i < ends[action]; i++) {
    const b = bytes[i];
    if (b < 0x80 && b !== 32 && (b < 9 || b > 13)) return time;
  }
  return undefined;
}
