/**
 * fast-check arbitraries for hostile activity logs: records over the twelve log fields plus an
 * optional extra column, with values mixing plain ids, unicode, quotes, separators, newlines, CR,
 * tabs, formula prefixes, very long and empty strings, and timestamps that are valid (with the
 * instant they stand for, computed here by hand) or invalid. Each record knows whether ingest must
 * accept it, so tests derive expectations without asking the code under test. Writes no files.
 */
import fc from "fast-check";
import {LOG_FIELDS} from "../../src/ingest/types.js";

/** A zone and its fixed offset in minutes during 2024-2026 (no DST there, so naive times are exact). */
export const FIXED_ZONES = [
  {timeZone: "UTC", offset: 0},
  {timeZone: "Asia/Kolkata", offset: 330},
  {timeZone: "America/Sao_Paulo", offset: -180}, // no DST since 2019
] as const;

/** A timestamp as written, and the epoch ms it stands for (undefined when ingest must refuse it). */
export interface TimestampCase {
  text: string;
  /** for a naive time: the wall time read as UTC; add the zone's offset to get the instant */
  time: number | undefined;
  naive: boolean;
}

/** One generated record: raw values by canonical column name; absent keys are not written (NDJSON). */
export interface LogRecord {
  values: Record<string, string>;
  timestamp: TimestampCase;
  /** the action is blank (empty or spaces/tabs only) */
  blankAction: boolean;
}

export interface GeneratedLog {
  /** canonical names in written order: the twelve fields shuffled, then maybe one extra */
  columns: string[];
  /** name written in the header / JSON keys for each canonical column, e.g. " User_ID " */
  written: Record<string, string>;
  records: LogRecord[];
}

/** What ingest calls a column written as `name` ("time" is the table's own column). */
export const EXTRA_COLUMNS: Record<string, string> = {Extra: "Extra", time: "time_extra", "Note Ünï": "Note Ünï"};

const HOSTILE_PIECES = [
  ",",
  ";",
  '"',
  "\n",
  "\r",
  "\r\n",
  "\t",
  "=",
  "+",
  "-",
  "@",
  " ",
  "'",
  "\\",
  "é",
  "日本",
  "🙂",
  "\u2028",
  "\ufeff",
  "\u00a0",
  "＝",
  "a",
  "b",
  "x y",
];
const FORMULAS = ["=1+2", "+cmd|' /C calc'!A0", "-2", "@SUM(A1:A2)", '=HYPERLINK("http://x")', "\t=1", "\r=1"];

const plainId = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,11}$/);
const hostile = fc.array(fc.constantFrom(...HOSTILE_PIECES), {minLength: 1, maxLength: 10}).map((parts) => parts.join(""));
const longText = fc.tuple(fc.constantFrom("x", "é;", '"\n', "🙂,"), fc.integer({min: 600, max: 3000})).map(([piece, times]) => piece.repeat(times));

/** Any field value, hostile ones included. */
export const fieldValue: fc.Arbitrary<string> = fc.oneof(
  {weight: 5, arbitrary: plainId},
  {weight: 2, arbitrary: fc.string({unit: "grapheme", maxLength: 16})},
  {weight: 4, arbitrary: hostile},
  {weight: 1, arbitrary: fc.constantFrom(...FORMULAS)},
  {weight: 1, arbitrary: longText},
  {weight: 3, arbitrary: fc.constant("")},
);

/** A non-blank action: something visible, maybe with hostile text around it. */
export const actionValue: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("", " ", "=", '"', ";"), plainId, fc.constantFrom("", ",x", "\n", "é", " "))
  .map(([before, id, after]) => before + id + after);
const blankAction = fc.constantFrom("", " ", "\t", "  ");

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const wallText = (ms: number) => new Date(ms).toISOString().slice(0, 19); // "2025-03-01T10:00:00"
const offsetText = (minutes: number, style: "colon" | "plain" | "hours") => {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const hh = pad(Math.floor(abs / 60)),
    mm = pad(abs % 60);
  return style === "colon" ? `${sign}${hh}:${mm}` : style === "plain" ? `${sign}${hh}${mm}` : `${sign}${hh}`;
};

const START_2024 = Date.UTC(2024, 0, 1);
const END_2026 = Date.UTC(2026, 11, 31);

/** A valid timestamp in one of the accepted spellings, with its instant. */
export function validTimestamp(from = START_2024, to = END_2026): fc.Arbitrary<TimestampCase> {
  const instant = fc.integer({min: from, max: to});
  const offset = fc.constantFrom(-600, -180, 0, 60, 330, 345, 840);
  return fc.oneof(
    instant.map((ms) => ({text: new Date(ms).toISOString(), time: ms, naive: false})),
    instant.map((ms) => ({text: `${wallText(ms)}Z`, time: ms - (ms % 1000), naive: false})),
    instant.map((ms) => ({text: `${wallText(ms).replace("T", " ")}.${pad(ms % 1000, 3)}999Z`, time: ms, naive: false})),
    instant.map((ms) => ({text: `${wallText(ms).slice(0, 16)}Z`, time: ms - (ms % 60_000), naive: false})),
    fc.tuple(instant, offset, fc.constantFrom("colon", "plain", "hours") as fc.Arbitrary<"colon" | "plain" | "hours">).map(([ms, minutes, style]) => {
      const whole = style === "hours" ? minutes - (minutes % 60) : minutes;
      const base = ms - (ms % 1000);
      return {text: `${wallText(base + whole * 60_000)}${offsetText(whole, style)}`, time: base, naive: false};
    }),
    instant.map((ms) => ({text: ` ${wallText(ms)}Z\t`, time: ms - (ms % 1000), naive: false})),
    instant.map((ms) => ({text: wallText(ms), time: ms - (ms % 1000), naive: true})),
  );
}

/** Text that is not a valid log timestamp. */
export const invalidTimestamp: fc.Arbitrary<TimestampCase> = fc
  .oneof(
    fc.constantFrom(
      "",
      "   ",
      "not a date",
      "2025-02-30T10:00:00Z",
      "2025-13-01T00:00:00Z",
      "2025-03-01",
      "2025-03-01T24:00:00Z",
      "2025-03-01T10:00:00+24:00",
      "2025/03/01 10:00",
      "1741000000000",
      "2025-03-01T10:00:00ZZ",
      "2025-03-01T10:60Z",
      "=2025-03-01T10:00:00Z",
      "2025-03-01T10:00:00 Z",
    ),
    fc.string({unit: "grapheme", maxLength: 12}).filter((s) => !/^\s*\d{4}-\d\d-\d\d/.test(s)),
    hostile.filter((s) => !/^\s*\d{4}-\d\d-\d\d/.test(s)),
  )
  .map((text) => ({text, time: undefined, naive: false}));

/** How a canonical column name may be written: "user_id", "USER_ID", " User_id ". */
const writtenName = (name: string) => fc.constantFrom(name, name.toUpperCase(), ` ${name[0].toUpperCase()}${name.slice(1)} `);

/** A log of `minLength`..`maxLength` records, some of them repeated to make duplicates. */
export function generatedLog(options: {minLength?: number; maxLength?: number} = {}): fc.Arbitrary<GeneratedLog> {
  const header = fc.tuple(
    fc.shuffledSubarray([...LOG_FIELDS], {minLength: LOG_FIELDS.length, maxLength: LOG_FIELDS.length}),
    fc.option(fc.constantFrom(...Object.keys(EXTRA_COLUMNS)), {nil: undefined}),
    fc.tuple(...LOG_FIELDS.map(writtenName)),
  );
  return header.chain(([fields, extra, names]) => {
    const columns: string[] = extra === undefined ? fields : [...fields, extra];
    const written: Record<string, string> = Object.fromEntries(LOG_FIELDS.map((name, i) => [name, names[i]]));
    if (extra !== undefined) written[extra] = extra;
    const record = fc
      .tuple(
        fc.oneof({weight: 4, arbitrary: validTimestamp()}, {weight: 1, arbitrary: invalidTimestamp}),
        fc.oneof({weight: 6, arbitrary: actionValue.map((a) => [a, false] as const)}, {weight: 1, arbitrary: blankAction.map((a) => [a, true] as const)}),
        fc.array(fieldValue, {minLength: columns.length, maxLength: columns.length}),
        fc.boolean(),
      )
      .map(([timestamp, [action, blank], values, withExtra]): LogRecord => {
        const byName: Record<string, string> = {};
        columns.forEach((name, i) => {
          if (name !== extra || withExtra) byName[name] = values[i];
        });
        byName.timestamp = timestamp.text;
        byName.action = action;
        return {values: byName, timestamp, blankAction: blank};
      });
    return fc
      .tuple(fc.array(record, {minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 25}), fc.array(fc.nat(), {maxLength: 4}))
      .map(([records, repeats]) => {
        const all = [...records];
        for (const r of repeats) if (records.length > 0) all.splice(r % (all.length + 1), 0, records[r % records.length]);
        return {columns, written, records: all};
      });
  });
}

/** The instant a record's timestamp stands for in a fixed-offset zone, or undefined. */
export function expectedTime(record: LogRecord, zoneOffsetMinutes: number): number | undefined {
  const {time, naive} = record.timestamp;
  if (time === undefined) return undefined;
  return naive ? time - zoneOffsetMinutes * 60_000 : time;
}
