/**
 * The downloads stage (downloads/stage.ts): one interface, the same files whatever the strategy
 * behind it: fresh from the table (no worker), streamed while the log is read (a worker thread), or
 * appended to a previous build's files; and a period's files, as the pages state their sizes.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtemp, readFile, rm, stat, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import Papa from "papaparse";
import {ingest} from "../../src/ingest/index.js";
import {createDownloads} from "../../src/downloads/stage.js";
import type {SourceData} from "../../src/downloads/whole-log.js";
import {stringColumn} from "../../src/periods/rows-in-period.js";

const HEADER = ["timestamp", "user_id", "dataset_id", "action"];
const rows = (from: number, to: number) =>
  Array.from({length: to - from}, (_, k) => [
    new Date(Date.UTC(2025, 2, 1) + (from + k) * 60_000).toISOString(),
    `user-${k % 5}`,
    k % 7 === 0 ? "=cmd|' /C calc'!A0" : `dataset-${k % 9}`,
    "edit_dataset",
  ]);
const csvOf = (body: string[][]) => Papa.unparse([HEADER, ...body], {newline: "\n"}) + "\n";

let root: string;
test.before(async () => {
  root = await mkdtemp(path.join(tmpdir(), "ar-downloads-stage-"));
});
test.after(async () => {
  await rm(root, {recursive: true, force: true});
});

/** The whole log's files of `body` through the stage, with `workers` (0: fresh, 1: streamed). */
async function wholeLog(name: string, body: string[][], workers: number): Promise<{dir: string; source: SourceData}> {
  const dir = await mkdtemp(path.join(root, `${name}-`));
  const file = path.join(dir, "log.csv");
  await writeFile(file, csvOf(body));
  const downloads = createDownloads(dir, workers);
  const log = await ingest({inputs: [file], timeZone: "UTC", onRows: downloads.streamWhileReading(undefined)});
  return {dir, source: await downloads.wholeLog(log)};
}

const bytes = (dir: string) => Promise.all(["activity.csv", "activity.json"].map((name) => readFile(path.join(dir, name), "utf8")));

test("fresh, streamed and appended: the same whole-log files and offsets", async () => {
  const fresh = await wholeLog("fresh", rows(0, 3000), 0);
  const streamed = await wholeLog("streamed", rows(0, 3000), 1);
  assert.equal(await bytes(streamed.dir), await bytes(fresh.dir));
  assert.equal([...streamed.source.csvStart], [...fresh.source.csvStart]);
  // appended: the first 2,000 rows' files, then the last 1,000 rows added to them
  const before = await wholeLog("before", rows(0, 2000), 0);
  const dir = await mkdtemp(path.join(root, "appended-"));
  const file = path.join(dir, "log.csv");
  await writeFile(file, csvOf(rows(0, 3000)));
  const log = await ingest({inputs: [file], timeZone: "UTC"});
  const columns = log.columns.map((name) => stringColumn(log.table, name));
  const newRows = Array.from({length: 1000}, (_, k) => columns.map((values) => values[2000 + k] ?? ""));
  const downloads = createDownloads(dir, 0);
  const appended = await downloads.wholeLog(log, {previous: before.source, spare: Promise.resolve(undefined), newRows});
  assert.equal(await bytes(dir), await bytes(fresh.dir));
  assert.equal([...appended.jsonEnd], [...fresh.source.jsonEnd]);
});

test("a period's files: the sizes the page states are the sizes written", async () => {
  const {dir, source} = await wholeLog("period", rows(0, 500), 1);
  const downloads = createDownloads(dir, 1);
  const periodDir = path.join(dir, "month", "2025-03");
  await downloads.writePeriods(source, [{dir: periodDir, lo: 100, hi: 250}], 2);
  const stated = downloads.periodFiles(source, 100, 250);
  assert.equal([stated.csv.rows, stated.json.rows], [150, 150]);
  assert.is((await stat(path.join(periodDir, "activity.csv"))).size, stated.csv.bytes);
  assert.is((await stat(path.join(periodDir, "activity.json"))).size, stated.json.bytes);
  assert.is(JSON.parse(await readFile(path.join(periodDir, "activity.json"), "utf8")).length, 150);
});

test.run();
