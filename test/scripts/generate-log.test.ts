/**
 * The benchmark log generator (bench/generate-log.ts): row counts, CSV shape through papaparse,
 * sorted UTC timestamps, determinism, NDJSON carrying the same values, appendDay and dropLastDays.
 */
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import Papa from "papaparse";
import {test} from "uvu";
import * as assert from "uvu/assert";
import {appendDay, dropLastDays, generateBenchLog, runBenchLogCommand} from "../../bench/generate-log.js";
import {rowsPerDay} from "../../scripts/log-generator/bench-rows.js";
import {createRandom} from "../../scripts/log-generator/random.js";
import {InputError, UsageError} from "../../src/errors.js";

const HEADER = "timestamp,domain_id,user_id,dataset_id,username,action,group_id,page_id,diff,map_id,reuse_title,subdomain_id";
const UTC_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const dir = mkdtempSync(join(tmpdir(), "bench-log-"));

function readCsv(path: string): string[][] {
  const result = Papa.parse<string[]>(readFileSync(path, "utf8"), {skipEmptyLines: true});
  assert.equal(result.errors, []);
  return result.data;
}

function assertSorted(timestamps: string[]): void {
  timestamps.forEach((stamp, i) => {
    assert.match(stamp, UTC_MS);
    if (i > 0) assert.ok(timestamps[i - 1] <= stamp, `${timestamps[i - 1]} > ${stamp}`);
  });
}

test("1,000 rows: header, twelve fields each, sorted UTC timestamps inside the span, quoted diffs", async () => {
  const out = join(dir, "small.csv");
  const result = await generateBenchLog({rows: 1000, out, seed: 7, startDate: "2024-01-01", days: 30});
  const [header, ...rows] = readCsv(out);
  assert.is(header.join(","), HEADER);
  assert.is(rows.length, 1000);
  assert.is(result.bytes, readFileSync(out).length);
  assert.ok(rows.every((fields) => fields.length === 12));
  assertSorted(rows.map((fields) => fields[0]));
  assert.ok(rows[0][0] >= "2024-01-01" && rows[999][0] < "2024-01-31");
  assert.ok(readFileSync(out, "utf8").includes(',"{""field"":'));
  const diffs = rows.filter((fields) => fields[8] !== "");
  assert.ok(diffs.length > 300 && diffs.every((fields) => typeof JSON.parse(fields[8]) === "object"));
});

test("same seed gives the same bytes; another seed does not", async () => {
  const paths = ["a.csv", "b.csv", "c.csv"].map((name) => join(dir, name));
  await generateBenchLog({rows: 500, out: paths[0], seed: 3, days: 20});
  await generateBenchLog({rows: 500, out: paths[1], seed: 3, days: 20});
  await generateBenchLog({rows: 500, out: paths[2], seed: 4, days: 20});
  assert.ok(readFileSync(paths[0]).equals(readFileSync(paths[1])));
  assert.not.ok(readFileSync(paths[0]).equals(readFileSync(paths[2])));
});

test("15 actions, at most 200 users, skewed popularity", async () => {
  const out = join(dir, "mix.csv");
  await generateBenchLog({rows: 10_000, out, days: 60});
  const rows = readCsv(out).slice(1);
  assert.is(new Set(rows.map((fields) => fields[5])).size, 15);
  const users = new Map<string, number>();
  for (const fields of rows) users.set(fields[2], (users.get(fields[2]) ?? 0) + 1);
  assert.ok(users.size > 150 && users.size <= 200, `${users.size} users`);
  const sorted = [...users.values()].sort((a, b) => b - a);
  assert.ok(sorted[0] > 10 * sorted[Math.floor(sorted.length / 2)], "the top user is far above the median");
  const datasets = new Set(rows.map((fields) => fields[3]).filter(Boolean));
  assert.ok(datasets.size > 1000 && datasets.size <= 5000, `${datasets.size} datasets`);
});

test("rowsPerDay adds up exactly and makes weekends quieter", () => {
  const monday = Date.parse("2024-01-01T00:00:00Z");
  const counts = rowsPerDay(createRandom(1), 7001, monday, 14);
  assert.is(
    counts.reduce((sum, n) => sum + n, 0),
    7001,
  );
  assert.ok(counts[6] < counts[0] / 2 && counts[13] < counts[7] / 2, counts.join(" "));
});

test("NDJSON carries the same values as CSV for the same seed", async () => {
  await generateBenchLog({rows: 300, out: join(dir, "same.csv"), seed: 9, days: 5});
  await generateBenchLog({rows: 300, out: join(dir, "same.ndjson"), seed: 9, days: 5, format: "ndjson"});
  const csvRows = readCsv(join(dir, "same.csv"));
  const lines = readFileSync(join(dir, "same.ndjson"), "utf8").trimEnd().split("\n");
  assert.is(lines.length, 300);
  lines.forEach((line, i) => {
    const record = JSON.parse(line) as Record<string, string>;
    assert.equal(Object.keys(record), csvRows[0]);
    assert.equal(Object.values(record), csvRows[i + 1]);
  });
});

test("appendDay adds rows dated the day after the last row (CSV and NDJSON)", async () => {
  for (const name of ["grow.csv", "grow.ndjson"]) {
    const file = join(dir, name);
    await generateBenchLog({rows: 200, out: file, startDate: "2024-02-27", days: 3, format: name.endsWith("csv") ? "csv" : "ndjson"});
    const before = readFileSync(file, "utf8");
    const result = await appendDay({file, rows: 40, seed: 2});
    assert.equal(result, {day: "2024-03-01", rows: 40});
    const after = readFileSync(file, "utf8");
    assert.ok(after.startsWith(before));
    const added = after.slice(before.length).trimEnd().split("\n");
    assert.is(added.length, 40);
    const stamps = added.map((line) => (name.endsWith("csv") ? line.slice(0, 24) : JSON.parse(line).timestamp));
    assertSorted(stamps);
    assert.ok(stamps.every((stamp) => stamp.startsWith("2024-03-01T")));
  }
});

test("dropLastDays cuts exactly the rows of the last days; appendDay then adds the first of them again", async () => {
  const file = join(dir, "cut.csv");
  await generateBenchLog({rows: 500, out: file, startDate: "2024-12-27", days: 6});
  const rows = readCsv(file).slice(1);
  // the rows dated before December 31 (a count independent of the code under test)
  const kept = rows.filter((row) => row[0] < "2024-12-31");
  assert.ok(kept.length > 0 && kept.length < rows.length);
  assert.is(await dropLastDays(file, 2), "2024-12-30");
  const after = readCsv(file);
  assert.equal(after[0].join(","), HEADER);
  assert.equal(after.slice(1), kept);
  assert.equal(await appendDay({file, rows: 10}), {day: "2024-12-31", rows: 10});
  assert.is(await failure(dropLastDays(file, 9)).then((error) => error instanceof InputError), true);
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.unreachable("expected a rejection"),
    (error: unknown) => error,
  );
}

test("errors: bad flags are usage errors, a log without rows is an input error", async () => {
  const badRows = await failure(runBenchLogCommand(["--rows", "12x", "--out", join(dir, "x.csv")]));
  assert.instance(badRows, UsageError);
  assert.match((badRows as Error).message, "--rows");
  assert.instance(await failure(runBenchLogCommand(["--rows", "10"])), UsageError);
  const empty = join(dir, "empty.csv");
  writeFileSync(empty, HEADER + "\n");
  const noRows = await failure(appendDay({file: empty}));
  assert.instance(noRows, InputError);
  assert.match((noRows as Error).message, "empty.csv");
});

test.run();
