/**
 * The JSON downloads keep what a JSON log said, end to end: a number as written (20 digits, 1e400,
 * 1.50), null as null, an object with its numbers as written; the CSV download shows their text
 * (null as an empty cell). Duplicates are compared on the fields' text, as a CSV holds them: a row
 * with 1 and null repeats one with "1" and "", and the row kept is the first, as written. The same
 * bytes whether the downloads are formatted while the log is read (a worker), from the table (no
 * worker), or extended by an incremental build.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {appendFile, mkdtemp, readFile, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {build} from "../../src/build.js";
import {buildConfig} from "../../src/config.js";

const quiet = {now: () => new Date("2025-04-01T06:00:00Z"), log: () => {}, progress: () => {}};
const LINES = [
  '{"timestamp": "2025-03-01T10:00:00Z", "action": "edit", "user_id": 1, "dataset_id": null, "big": 12345678901234567890, "huge": 1e400, "price": 1.50, "diff": {"n": 12345678901234567890, "s": "\\u00e9"}}',
  '{"timestamp": "2025-03-01T10:00:00Z", "action": "edit", "user_id": "1", "dataset_id": "", "big": "12345678901234567890", "huge": "1e400", "price": "1.50", "diff": "{\\"n\\":12345678901234567890,\\"s\\":\\"é\\"}"}',
  '{"timestamp": "2025-03-02T10:00:00Z", "action": "edit", "user_id": "1", "dataset_id": "ds", "big": null, "huge": true, "price": 0}',
];
const APPENDED = [
  '{"timestamp": "2025-03-03T10:00:00Z", "action": "view", "user_id": 2, "dataset_id": null, "big": -0, "huge": [1e400], "price": 2}',
  // the text of the last cached row: a duplicate, found in the cache's activity.json
  '{"timestamp": "2025-03-02T10:00:00Z", "action": "edit", "user_id": 1, "dataset_id": "ds", "big": "", "huge": "true", "price": "0"}',
  // the first one's text but for "2.0", which is not 2: a row of its own
  '{"timestamp": "2025-03-03T10:00:00Z", "action": "view", "user_id": 2, "dataset_id": "", "big": "-0", "huge": "[1e400]", "price": "2.0"}',
];

let dir = "";

async function buildOf(lines: string[], name: string, flags: Record<string, unknown>): Promise<string> {
  const log = path.join(dir, `${name}.ndjson`);
  await writeFile(log, lines.map((line) => `${line}\n`).join(""));
  const out = path.join(dir, name);
  await build(buildConfig({input: [log], out, "as-of": "2025-03-31", periods: "month,all", ...flags}), quiet);
  return out;
}

const read = (out: string, file: string) => readFile(path.join(out, file), "utf8");

test.before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "ar-json-values-"));
});

test("numbers as written, null as null in activity.json; their text in activity.csv", async () => {
  const out = await buildOf(LINES, "streamed", {"no-cache": true, workers: "1"});
  const json = await read(out, "month/2025-03/activity.json");
  const rows = json.trim().split("\n").slice(1, -1);
  assert.is(rows.length, 2);
  assert.is(
    rows[0],
    '{"timestamp":"2025-03-01T10:00:00Z","user_id":1,"dataset_id":null,"action":"edit","diff":{"n":12345678901234567890,"s":"é"},"big":12345678901234567890,"huge":1e400,"price":1.50},',
  );
  assert.is(rows[1], '{"timestamp":"2025-03-02T10:00:00Z","user_id":"1","dataset_id":"ds","action":"edit","diff":"","big":null,"huge":true,"price":0}');
  assert.is((JSON.parse(json) as unknown[]).length, 2, "valid JSON");
  const csv = await read(out, "month/2025-03/activity.csv");
  assert.ok(csv.includes('"2025-03-01T10:00:00Z","1","","edit","{""n"":12345678901234567890,""s"":""é""}","12345678901234567890","1e400","1.50"\r\n'), csv);
  const report = JSON.parse(await read(out, "report.json"));
  assert.equal(report.input, {files: 1, rows: 3, accepted: 2, rejected: 0, duplicates: 1, afterAsOf: 0});
  const indicators = JSON.parse(await read(out, "month/2025-03/indicators.json"));
  assert.is(indicators.totals.users, 1, 'user 1 and user "1" are one user');
  assert.equal(
    indicators.topDatasets.map((d: {dataset_id: string}) => d.dataset_id),
    ["ds"],
  );
});

test("the same downloads from the table (no worker) and after an incremental build", async () => {
  const streamed = path.join(dir, "streamed");
  const fromTable = await buildOf(LINES, "table", {"no-cache": true, workers: "0"});
  for (const file of ["activity.json", "activity.csv", "month/2025-03/activity.json"]) assert.is(await read(fromTable, file), await read(streamed, file), file);

  const grown = await buildOf(LINES, "grown", {workers: "1"});
  await appendFile(path.join(dir, "grown.ndjson"), APPENDED.map((line) => `${line}\n`).join(""));
  const summary = await build(
    buildConfig({input: [path.join(dir, "grown.ndjson")], out: grown, "as-of": "2025-03-31", periods: "month,all", workers: "1"}),
    quiet,
  );
  assert.is(summary.ingestMode, "append", summary.ingestReason);
  const cold = await buildOf([...LINES, ...APPENDED], "cold", {"no-cache": true, workers: "1"});
  for (const file of ["activity.json", "activity.csv", "month/2025-03/activity.json", "month/2025-03/activity.csv"])
    assert.is(await read(grown, file), await read(cold, file), file);
  const json = await read(cold, "activity.json");
  assert.ok(json.includes('"user_id":2,"dataset_id":null,"action":"view","diff":"","big":-0,"huge":[1e400],"price":2}'), json);
  assert.equal(JSON.parse(await read(grown, "report.json")).input, {files: 1, rows: 6, accepted: 4, rejected: 0, duplicates: 2, afterAsOf: 0});
  assert.equal(JSON.parse(await read(cold, "report.json")).input, {files: 1, rows: 6, accepted: 4, rejected: 0, duplicates: 2, afterAsOf: 0});
});

test.run();
