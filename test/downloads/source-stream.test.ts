/**
 * The whole log's downloads written while the log is read (source-stream.ts, on a real worker
 * thread) against writeSourceData's files from the table: the same bytes and offsets when the log is
 * in time order, and nothing (the build then writes from the table) when it is not or gains columns.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdir, readdir, readFile, writeFile} from "node:fs/promises";
import path from "node:path";
import Papa from "papaparse";
import {ingest} from "../../src/ingest/index.js";
import {writeSourceData} from "../../src/downloads/whole-log.js";
import {SourceStream} from "../../src/downloads/source-stream.js";
import {spareFilesFor} from "../../src/cache/build-cache.js";
import {tempDirs} from "../temp-dirs.js";

const tmp = tempDirs(test, "ar-stream-");
const HEADER = ["timestamp", "domain_id", "user_id", "dataset_id", "action", "diff"];

/** `count` rows a second apart from 2025-03-01, with repeated and hostile values. */
function rows(count: number, start = 0): string[][] {
  const hostile = ["=cmd|' /C calc'!A0", '"quoted" , comma', "line\nbreak", "édition ✓ 😀", "+1", "@SUM(A1)", "</script><b>"];
  return Array.from({length: count}, (_, k) => {
    const i = start + k;
    return [
      new Date(Date.UTC(2025, 2, 1) + i * 1000).toISOString(),
      "portal",
      i % 13 === 0 ? "" : `user-${i % 7}`,
      i % 11 === 0 ? hostile[i % hostile.length] : `dataset-${i % 50}`,
      ["edit_dataset", "publish_dataset", "-delete"][i % 3],
      i % 5 === 0 ? JSON.stringify({n: i, text: hostile[i % hostile.length]}) : "",
    ];
  });
}

const csvOf = (header: string[], body: string[][]) => Papa.unparse([header, ...body], {newline: "\n"}) + "\n";

/** Reads `files` with a stream into one folder and writes the table's files into another. */
async function both(files: string[]) {
  const streamedDir = await tmp();
  const tableDir = await tmp();
  const stream = new SourceStream(streamedDir);
  const log = await ingest({inputs: files, timeZone: "Europe/Paris", onRows: stream.onRows});
  const streamed = await stream.finish(log);
  const fromTable = await writeSourceData(tableDir, log.table, log.columns);
  return {log, streamed, fromTable, streamedDir, tableDir};
}

test("a log in time order: the stream writes writeSourceData's bytes and offsets, over many batches", async () => {
  const dir = await tmp();
  const file = path.join(dir, "log.csv");
  // 15,000 rows: several batches of the CSV reader, and `timestamp` turns from codes to values
  const body = rows(15000);
  body.splice(100, 0, ["not a date", "portal", "u", "d", "edit_dataset", ""]); // rejected: not posted
  body.splice(200, 0, [...body[199]]); // a duplicate: not posted
  await writeFile(file, csvOf(HEADER, body));
  const {log, streamed, fromTable, streamedDir, tableDir} = await both([file]);
  assert.is(log.counts.rejected, 1);
  assert.is(log.counts.duplicates, 1);
  assert.ok(streamed, "the stream's files are used");
  assert.is(streamed!.spare, undefined, "no spare asked for, none written");
  for (const name of ["activity.csv", "activity.json"]) {
    const [a, b] = await Promise.all([readFile(path.join(streamedDir, name)), readFile(path.join(tableDir, name))]);
    assert.ok(a.equals(b), `${name} differs`);
  }
  assert.equal([...streamed!.csvStart], [...fromTable.csvStart]);
  assert.equal([...streamed!.jsonStart], [...fromTable.jsonStart]);
  assert.equal([...streamed!.jsonEnd], [...fromTable.jsonEnd]);
  assert.ok(streamed!.csvHeader.equals(fromTable.csvHeader));
  assert.is(streamed!.csvFile, path.join(streamedDir, "activity.csv"));
  assert.equal((await readdir(streamedDir)).sort(), ["activity.csv", "activity.json"], "the worker's own folder is gone");
  const json = JSON.parse(await readFile(path.join(streamedDir, "activity.json"), "utf8"));
  assert.is(json.length, 15000);
  assert.is(json[77].dataset_id, "=cmd|' /C calc'!A0", "raw in JSON");
  assert.ok((await readFile(path.join(streamedDir, "activity.csv"), "utf8")).includes(`"'=cmd|' /C calc'!A0"`), "defused in CSV");
});

test("rows of one instant, read in another order than their hashes give, over batches and files: the stream writes the table's bytes", async () => {
  const dir = await tmp();
  // instants of 1 to 4 rows each (so some span the CSV reader's batches), in two files
  const body = rows(15000).map((row, i) => [new Date(Date.UTC(2025, 2, 1) + Math.floor(i / (1 + (i % 4))) * 1000).toISOString(), ...row.slice(1)]);
  body.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  await mkdir(path.join(dir, "days"));
  await writeFile(path.join(dir, "days", "1.csv"), csvOf(HEADER, body.slice(0, 7001)));
  await writeFile(path.join(dir, "days", "2.csv"), csvOf(HEADER, body.slice(7001)));
  const {log, streamed, fromTable, streamedDir, tableDir} = await both([path.join(dir, "days")]);
  const time = log.table.array("time") as Float64Array;
  const ties = time.filter((t, i) => i > 0 && t === time[i - 1]).length;
  assert.ok(ties > 3000, `${ties} rows share an instant with the row before`);
  // some instants' rows are not in the order they were read in
  assert.ok([...log.rows.line].some((line, i) => i > 0 && time[i] === time[i - 1] && log.rows.file[i] === log.rows.file[i - 1] && line < log.rows.line[i - 1]));
  assert.ok(streamed, "the stream's files are used");
  for (const name of ["activity.csv", "activity.json"]) {
    const [a, b] = await Promise.all([readFile(path.join(streamedDir, name)), readFile(path.join(tableDir, name))]);
    assert.ok(a.equals(b), `${name} differs`);
  }
  assert.equal([...streamed!.csvStart], [...fromTable.csvStart]);
});

test("a log out of time order, or a later file with more columns: no files from the stream", async () => {
  const dir = await tmp();
  const shuffled = path.join(dir, "shuffled.csv");
  const body = rows(300);
  [body[10], body[250]] = [body[250], body[10]];
  await writeFile(shuffled, csvOf(HEADER, body));
  const unordered = await both([shuffled]);
  assert.is(unordered.streamed, undefined);
  // what the stopped worker wrote is gone, with its folder: the build's own files are not touched
  assert.equal(await readdir(unordered.streamedDir), []);
  assert.is(unordered.log.counts.accepted, 300);

  const days = path.join(dir, "days");
  await mkdir(days);
  await writeFile(path.join(days, "1.csv"), csvOf(HEADER, rows(100)));
  await writeFile(
    path.join(days, "2.csv"),
    csvOf(
      [...HEADER, "page_id"],
      rows(100, 100).map((row) => [...row, "page"]),
    ),
  );
  const widened = await both([days]);
  assert.is(widened.streamed, undefined);
  assert.ok(widened.log.columns.includes("page_id"));
});

test("files read in order, each in time order: one stream over both", async () => {
  const days = path.join(await tmp(), "days");
  await mkdir(days);
  await writeFile(path.join(days, "1.csv"), csvOf(HEADER, rows(500)));
  await writeFile(path.join(days, "2.csv"), csvOf(HEADER, rows(500, 500)));
  const {streamed, fromTable, streamedDir, tableDir} = await both([days]);
  assert.ok(streamed);
  for (const name of ["activity.csv", "activity.json"]) {
    const [a, b] = await Promise.all([readFile(path.join(streamedDir, name)), readFile(path.join(tableDir, name))]);
    assert.ok(a.equals(b), `${name} differs`);
  }
  assert.equal([...streamed!.csvStart], [...fromTable.csvStart]);
});

test("with the cache's folder, the stream writes a spare copy of both files there, byte for byte; discardSpare removes it", async () => {
  const dir = await tmp();
  const file = path.join(dir, "log.csv");
  await writeFile(file, csvOf(HEADER, rows(3000)));
  const streamedDir = await tmp();
  const cacheDir = path.join(await tmp(), "cache"); // not there yet
  const stream = new SourceStream(streamedDir, spareFilesFor(cacheDir, streamedDir));
  const log = await ingest({inputs: [file], timeZone: "UTC", onRows: stream.onRows});
  const streamed = await stream.finish(log);
  assert.ok(streamed?.spare, "the stream names its spare");
  assert.equal([path.dirname(streamed!.spare!.csvFile), path.dirname(streamed!.spare!.jsonFile)], [cacheDir, cacheDir]);
  assert.match(
    path.basename(streamed!.spare!.csvFile),
    /^activity\.[0-9a-z]+\.csv$/,
    "named as the cache names its downloads, so that a cache write removes a stray one",
  );
  assert.ok((await readFile(streamed!.spare!.csvFile)).equals(await readFile(streamed!.csvFile)));
  assert.ok((await readFile(streamed!.spare!.jsonFile)).equals(await readFile(streamed!.jsonFile)));
  assert.equal((await readdir(streamedDir)).sort(), ["activity.csv", "activity.json"], "the spare is not in the report");
  await stream.discardSpare();
  assert.equal(await readdir(cacheDir), []);
});

test("a stopped stream gives nothing, leaves no spare behind and lets its worker go", async () => {
  const dir = await tmp();
  const file = path.join(dir, "log.csv");
  await writeFile(file, csvOf(HEADER, rows(3000)));
  const dir2 = await tmp();
  const cacheDir = await tmp();
  const stream = new SourceStream(dir2, spareFilesFor(cacheDir, dir2));
  const log = await ingest({inputs: [file], timeZone: "UTC", onRows: stream.onRows});
  stream.stop("the build failed");
  assert.is(await stream.finish(log), undefined);
  assert.equal(await readdir(dir2), []);
  assert.equal(await readdir(cacheDir), []);
});

test.run();
