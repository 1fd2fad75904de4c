/**
 * Property: a random hostile log written as CSV (`,` or `;`, LF or CRLF, BOM, blank lines) or as
 * NDJSON reads back exactly: every accepted row's values equal the written ones, in time order with
 * the right instant, and every refused row is in `rejects` with its file, line, a reason and its
 * raw fields. Expectations come from log-files.ts, which predicts them without the code under test.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {ingest} from "../../src/ingest/index.js";
import {FIXED_ZONES, generatedLog, type GeneratedLog} from "./log-model.js";
import {expectIngest, writeCsv, writeNdjson, type CsvStyle, type LogFile} from "./log-files.js";
import {assertIngested} from "./assert-ingested.js";

const dir = mkdtempSync(join(tmpdir(), "prop-roundtrip-"));
// shrinking a failure stops after 15 s (hostile logs are big); the report shows the error itself
const RUNS = {numRuns: 80, seed: 20260401, includeErrorInReport: true, interruptAfterTimeLimit: 15_000};
let fileCount = 0;

const style: fc.Arbitrary<CsvStyle> = fc.record({
  separator: fc.constantFrom(",", ";") as fc.Arbitrary<"," | ";">,
  newline: fc.constantFrom("\n", "\r\n") as fc.Arbitrary<"\n" | "\r\n">,
  bom: fc.boolean(),
  blankBefore: fc.array(fc.nat({max: 30}), {maxLength: 3}),
  otherNewlineAfter: fc.array(fc.nat({max: 30}), {maxLength: 3}),
});
const zone = fc.constantFrom(...FIXED_ZONES);

function save(log: GeneratedLog, format: "csv" | "ndjson", s: CsvStyle): LogFile {
  const written = format === "csv" ? writeCsv(log, s) : writeNdjson(log, s);
  const path = join(dir, `log-${++fileCount}.${format}`);
  writeFileSync(path, written.text);
  return {path, log, written, format};
}

test("CSV (either separator, LF or CRLF or both mixed, BOM, blank lines) reads back exactly", async () => {
  await fc.assert(
    fc.asyncProperty(generatedLog(), style, zone, async (log, s, {timeZone, offset}) => {
      const file = save(log, "csv", s);
      const actual = await ingest({inputs: [file.path], timeZone});
      assertIngested(actual, expectIngest([file], offset));
    }),
    RUNS,
  );
});

test("NDJSON (LF or CRLF or both mixed, blank lines, missing keys) reads back exactly", async () => {
  await fc.assert(
    fc.asyncProperty(generatedLog(), style, zone, async (log, s, {timeZone, offset}) => {
      fc.pre(log.records.length > 0); // an NDJSON file without a record is refused as empty
      const file = save(log, "ndjson", s);
      const actual = await ingest({inputs: [file.path], timeZone});
      assertIngested(actual, expectIngest([file], offset));
    }),
    RUNS,
  );
});

test("the same log as CSV with `,`, CSV with `;` and NDJSON gives the same table", async () => {
  await fc.assert(
    fc.asyncProperty(generatedLog({minLength: 1}), style, zone, async (log, s, {timeZone}) => {
      const tables: Record<string, unknown>[][] = [];
      for (const [format, separator] of [
        ["csv", ","],
        ["csv", ";"],
        ["ndjson", ","],
      ] as const) {
        const file = save(log, format, {...s, separator});
        tables.push((await ingest({inputs: [file.path], timeZone})).table.objects() as Record<string, unknown>[]);
      }
      // NDJSON has no header: a column no record holds does not exist there; CSV fills it with ""
      const names = Object.keys(tables[0][0] ?? {});
      tables[2] = tables[2].map((row) => Object.fromEntries(names.map((n) => [n, row[n] ?? ""])));
      assert.equal(tables[1], tables[0], "`;` CSV against `,` CSV");
      assert.equal(tables[2], tables[0], "NDJSON against `,` CSV");
    }),
    {...RUNS, numRuns: 40},
  );
});

test.after(() => rmSync(dir, {recursive: true, force: true}));

test.run();
