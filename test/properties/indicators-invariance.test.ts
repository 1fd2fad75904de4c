/**
 * Property: the indicators of every period depend on which rows the log holds, not on how they
 * are laid out. A random log over a small cast of users, actions, datasets and pages (hostile
 * names included: "=cmd", "a,b", "2024", quotes), in Europe/Paris over the spring DST change, gives
 * JSON-identical computeIndicators output for every period when its rows are shuffled and when it
 * is split into several files (CSV with `,` or `;`, NDJSON) read in name order.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {ingest} from "../../src/ingest/index.js";
import {LOG_FIELDS} from "../../src/ingest/types.js";
import {addPeriodKeys} from "../../src/periods/add-period-keys.js";
import {listPeriods} from "../../src/periods/list-periods.js";
import {rowsInPeriod} from "../../src/periods/rows-in-period.js";
import {computeIndicators} from "../../src/indicators/compute-indicators.js";
import {fieldValue, invalidTimestamp, validTimestamp, type GeneratedLog, type LogRecord} from "./log-model.js";
import {writeCsv, writeNdjson, type CsvStyle} from "./log-files.js";

const dir = mkdtempSync(join(tmpdir(), "prop-indicators-"));
const RUNS = {numRuns: 50, seed: 20260403, includeErrorInReport: true, interruptAfterTimeLimit: 30_000};
const TIME_ZONE = "Europe/Paris";
// the last day the generated timestamps reach (before 30 April, 00:00 UTC): every accepted row is counted
const AS_OF = "2025-04-30";
let folderCount = 0;

const USERS = ["alice", "bob", "carol", "", "=cmd", "a,b", "Ünï", "2024"];
const ACTIONS = ["edit_dataset", "publish_dataset", "2024", "a;b", '"quoted"', "delete page", "7"];
const DATASETS = ["roads", "trees", "", "=1+2", "日本", "x\ny"];
const PAGES = ["", "", "home", "about", "7"];

/** A record over the small cast, between 2025-03-01 and 2025-04-30 (Paris changes clocks on 30 March). */
const record: fc.Arbitrary<LogRecord> = fc
  .tuple(
    fc.oneof({weight: 9, arbitrary: validTimestamp(Date.UTC(2025, 2, 1), Date.UTC(2025, 3, 30))}, {weight: 1, arbitrary: invalidTimestamp}),
    fc.constantFrom(...USERS),
    fc.constantFrom(...ACTIONS),
    fc.constantFrom(...DATASETS),
    fc.constantFrom(...PAGES),
    fc.array(fieldValue, {minLength: 7, maxLength: 7}),
  )
  .map(([timestamp, user_id, action, dataset_id, page_id, rest]) => {
    const values: Record<string, string> = {timestamp: timestamp.text, user_id, action, dataset_id, page_id};
    ["domain_id", "username", "group_id", "diff", "map_id", "reuse_title", "subdomain_id"].forEach((name, i) => (values[name] = rest[i]));
    return {values, timestamp, blankAction: false};
  });

const castLog: fc.Arbitrary<GeneratedLog> = fc
  .array(record, {minLength: 1, maxLength: 60})
  .chain((records) => fc.array(fc.nat({max: records.length - 1}), {maxLength: 5}).map((repeats) => [...records, ...repeats.map((i) => records[i])]))
  .map((records) => ({columns: [...LOG_FIELDS], written: Object.fromEntries(LOG_FIELDS.map((n) => [n, n])), records}));

const CSV: CsvStyle = {separator: ",", newline: "\n", bom: false, blankBefore: []};

/** The indicators of every period of the log in these files, as one JSON text. */
async function indicatorsOf(inputs: string[]): Promise<string> {
  const log = await ingest({inputs, timeZone: TIME_ZONE});
  const table = addPeriodKeys(log.table, TIME_ZONE);
  const periods = listPeriods(table, {timeZone: TIME_ZONE, asOf: AS_OF});
  const indicators = periods.map((period) => computeIndicators(rowsInPeriod(table, period), {period, top: 3}));
  // not vacuous: the `all` period counts every accepted row
  assert.is(indicators.find((i) => i.period.type === "all")?.totals.actions, log.counts.accepted, "all-time actions");
  return JSON.stringify(indicators);
}

function writeParts(log: GeneratedLog, cuts: number[], formats: ("csv," | "csv;" | "ndjson")[]): string {
  const folder = join(dir, `split-${++folderCount}`);
  mkdirSync(folder);
  const bounds = [0, ...[...new Set(cuts.map((c) => c % (log.records.length + 1)))].sort((a, b) => a - b), log.records.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const part = {...log, records: log.records.slice(bounds[i], bounds[i + 1])};
    // an NDJSON file without a record is refused as empty: such a part is written as CSV
    const format = part.records.length === 0 ? "csv," : formats[i % formats.length];
    const text = format === "ndjson" ? writeNdjson(part, CSV).text : writeCsv(part, {...CSV, separator: format === "csv;" ? ";" : ","}).text;
    writeFileSync(join(folder, `part-${String(i).padStart(2, "0")}.${format === "ndjson" ? "ndjson" : "csv"}`), text);
  }
  return folder;
}

function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function writeWhole(log: GeneratedLog, name: string): string {
  const file = join(dir, `${name}-${++folderCount}.csv`);
  writeFileSync(file, writeCsv(log, CSV).text);
  return file;
}

test("indicators of every period do not change when the rows are shuffled", async () => {
  await fc.assert(
    fc.asyncProperty(castLog, fc.integer(), async (log, seed) => {
      const original = await indicatorsOf([writeWhole(log, "original")]);
      const shuffledLog = {...log, records: shuffled(log.records, seed)};
      assert.is(await indicatorsOf([writeWhole(shuffledLog, "shuffled")]), original);
    }),
    RUNS,
  );
});

test("indicators of every period do not change when the log is split into files read in name order", async () => {
  const formats = fc.array(fc.constantFrom("csv,", "csv;", "ndjson") as fc.Arbitrary<"csv," | "csv;" | "ndjson">, {minLength: 1, maxLength: 4});
  await fc.assert(
    fc.asyncProperty(castLog, fc.array(fc.nat(), {minLength: 1, maxLength: 5}), formats, async (log, cuts, kinds) => {
      const original = await indicatorsOf([writeWhole(log, "whole")]);
      assert.is(await indicatorsOf([writeParts(log, cuts, kinds)]), original);
    }),
    RUNS,
  );
});

test.after(() => rmSync(dir, {recursive: true, force: true}));

test.run();
