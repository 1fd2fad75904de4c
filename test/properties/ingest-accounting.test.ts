/**
 * Property: whatever the input, every row is accounted for exactly once. Random folders of one to
 * four hostile logs (CSV with `,` or `;`, NDJSON, LF or CRLF line ends with some lines ending the
 * other way), with broken lines mixed in (rows with far more or fewer fields than the header, NDJSON
 * lines that are not objects, malformed quotes, lines of spaces, tabs or `""`), are read
 * in name order; rows = accepted + rejected + duplicates, and each written row's file:line is in
 * rejects or duplicates or stands for one accepted row, never two of them.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {ingest, type ActivityLog} from "../../src/ingest/index.js";
import {FIXED_ZONES, generatedLog, type GeneratedLog} from "./log-model.js";
import {expectIngest, writeCsv, writeNdjson, type CsvStyle, type LogFile, type RawLine} from "./log-files.js";
import {assertIngested} from "./assert-ingested.js";

const dir = mkdtempSync(join(tmpdir(), "prop-accounting-"));
// shrinking a failure stops after 15 s (hostile logs are big); the report shows the error itself
const RUNS = {numRuns: 60, seed: 20260402, includeErrorInReport: true, interruptAfterTimeLimit: 15_000};
let folderCount = 0;

type BrokenKind = "many-fields" | "few-fields" | "not-an-object" | "malformed-quotes" | "blank";

/** A broken line for a file with `width` columns: the reader must reject it and read on. */
function brokenLine(kind: BrokenKind, format: "csv" | "ndjson", separator: string, width: number, extra: number): Omit<RawLine, "before"> {
  const stamp = "2025-03-01T10:00:00Z";
  if (kind === "blank") {
    const blanks = format === "csv" ? [" ", "\t", '""', " \t ", '"" '] : [" ", "\t", "  \t"];
    return {text: blanks[extra % blanks.length], reason: /^blank line/};
  }
  if (format === "ndjson") {
    return {text: ["[1,2]", '"text"', "42", "null", "true"][extra % 5], reason: /not a JSON object/};
  }
  if (kind === "many-fields") return {text: stamp + `${separator}x`.repeat(width + extra), reason: new RegExp(`row has ${width + extra + 1} fields`)};
  if (kind === "few-fields" || kind === "not-an-object") return {text: `${stamp}${separator}edit`, reason: /row has 2 fields/};
  // `"edit"x`: text after a closing quote; the other fields fill the width
  return {text: [stamp, '"edit"x', ...new Array(width - 2).fill("v")].join(separator), reason: /quote/};
}

interface FilePlan {
  log: GeneratedLog;
  format: "csv" | "ndjson";
  style: CsvStyle;
  broken: {before: number; kind: BrokenKind; extra: number}[];
}

const filePlan = (kinds: BrokenKind[]): fc.Arbitrary<FilePlan> =>
  fc.record({
    log: generatedLog({maxLength: 15}),
    format: fc.constantFrom("csv", "ndjson") as fc.Arbitrary<"csv" | "ndjson">,
    style: fc.record({
      separator: fc.constantFrom(",", ";") as fc.Arbitrary<"," | ";">,
      newline: fc.constantFrom("\n", "\r\n") as fc.Arbitrary<"\n" | "\r\n">,
      bom: fc.boolean(),
      blankBefore: fc.array(fc.nat({max: 15}), {maxLength: 2}),
      otherNewlineAfter: fc.array(fc.nat({max: 15}), {maxLength: 3}),
    }),
    broken: fc.array(fc.record({before: fc.nat({max: 16}), kind: fc.constantFrom(...kinds), extra: fc.nat({max: 400})}), {maxLength: 3}),
  });

/** Writes the plans as part-0, part-1... in a fresh folder; returns the files in name order. */
function writeFolder(plans: FilePlan[]): {folder: string; files: LogFile[]} {
  const folder = join(dir, `run-${++folderCount}`);
  mkdirSync(folder);
  const files = plans.map(({log, format, style, broken}, i): LogFile => {
    const raw = broken.map(({before, kind, extra}) => ({before, ...brokenLine(kind, format, style.separator, log.columns.length, extra)}));
    const written = format === "csv" ? writeCsv(log, {...style, raw}) : writeNdjson(log, {...style, raw});
    const path = join(folder, `part-${i}.${format}`);
    writeFileSync(path, written.text);
    return {path, log, written, format, raw};
  });
  return {folder, files};
}

/** Each written row (file:line) is a reject, a duplicate or one accepted row: exactly one of them. */
function assertEveryRowOnce(actual: ActivityLog, files: LogFile[]): void {
  const written = files.flatMap(({path, written: w}) => [...w.lines, ...w.rawLines].map((line) => `${path}:${line}`));
  const writtenSet = new Set(written);
  assert.is(writtenSet.size, written.length, "two written rows share a line");
  const {rows, accepted, rejected, duplicates} = actual.counts;
  assert.is(rows, accepted + rejected + duplicates, "rows = accepted + rejected + duplicates");
  assert.is(rows, written.length, "every written row is counted");
  const seen = [...actual.rejects, ...actual.duplicates].map((r) => `${r.file}:${r.line}`);
  assert.is(new Set(seen).size, seen.length, "a line is both rejected and a duplicate, or listed twice");
  for (const key of seen) assert.ok(writtenSet.has(key), `${key} is not where a row was written`);
  assert.is(actual.table.numRows(), written.length - seen.length, "the other rows are the accepted ones");
}

const property = (kinds: BrokenKind[]) =>
  fc.asyncProperty(fc.array(filePlan(kinds), {minLength: 1, maxLength: 4}), fc.constantFrom(...FIXED_ZONES), async (plans, {timeZone, offset}) => {
    // an NDJSON file without any line is refused as empty: give it one broken line at least
    for (const plan of plans)
      if (plan.format === "ndjson" && plan.log.records.length === 0 && plan.broken.length === 0) plan.broken.push({before: 0, kind: "not-an-object", extra: 0});
    const {folder, files} = writeFolder(plans);
    const actual = await ingest({inputs: [folder], timeZone});
    assert.equal(
      actual.files,
      files.map((f) => f.path),
      "files in name order",
    );
    assertEveryRowOnce(actual, files);
    assertIngested(actual, expectIngest(files, offset));
  });

test("every row is counted once: wrong field counts and non-object JSON lines among hostile rows", async () => {
  await fc.assert(property(["many-fields", "few-fields", "not-an-object"]), RUNS);
});

test("every row is counted once: a field with text after its closing quote rejects its row only", async () => {
  await fc.assert(property(["malformed-quotes"]), {...RUNS, numRuns: 30});
});

test('every row is counted once: a line of spaces, tabs or "" is a rejected row, an empty one is none', async () => {
  await fc.assert(property(["blank", "few-fields"]), {...RUNS, numRuns: 40});
});

test.after(() => rmSync(dir, {recursive: true, force: true}));

test.run();
