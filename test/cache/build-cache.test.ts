import {test} from "uvu";
import * as assert from "uvu/assert";
import {existsSync, statSync} from "node:fs";
import {link, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {readCache, spareFilesFor, writeCache, type CacheContent} from "../../src/cache/build-cache.js";
import {CodedColumn} from "../../src/ingest/coded-column.js";

/** A two-row cache whose whole-log files are real (the sizes readCache checks). */
async function content(dir: string): Promise<CacheContent> {
  const csv = '"timestamp","action"\r\n"2026-01-01T00:00:00Z","a"\r\n"2026-01-02T00:00:00Z","b"\r\n';
  const json = '[\n{"timestamp":"2026-01-01T00:00:00Z","action":"a"},\n{"timestamp":"2026-01-02T00:00:00Z","action":"b"}\n]\n';
  await writeFile(path.join(dir, "activity.csv"), csv);
  await writeFile(path.join(dir, "activity.json"), json);
  const header = csv.indexOf("\r\n") + 2;
  const second = csv.indexOf("\r\n", header) + 2;
  const firstJson = json.indexOf("{");
  const secondJson = json.indexOf("{", firstJson + 1);
  return {
    manifest: {
      code: "code-1",
      out: "/somewhere/site",
      fingerprint: "f",
      timeZone: "Europe/Paris",
      format: null,
      columns: ["timestamp", "action"],
      columnNames: ["timestamp", "action"],
      files: [{path: "log.csv", format: "csv", size: 10, mtimeMs: 1, sha256: "h", resume: {start: 10, line: 4, header: "timestamp,action\n"}}],
      counts: {files: 1, rows: 3, accepted: 2, rejected: 1, duplicates: 0},
      periods: {"all/all/": {key: "k", rows: "d", pageRows: "p", totals: {actions: 2, users: 0, datasets: 0, pages: 0, actionsPerUser: 0}}},
    },
    time: Float64Array.from([Date.parse("2026-01-01T00:00:00Z"), Date.parse("2026-01-02T00:00:00Z")]),
    rows: {file: Int32Array.from([0, 0]), line: Int32Array.from([2, 3]), hash: Int32Array.from([11, 12]), hash2: Int32Array.from([21, 22])},
    hashIndex: Float64Array.from([11 * 2 ** 23, 12 * 2 ** 23 + 1]),
    coded: {action: new CodedColumn(Int32Array.from([1, 2]), ["", "a", "b"])},
    source: {
      csvStart: Float64Array.from([header, second, csv.length]),
      jsonStart: Float64Array.from([firstJson, secondJson]),
      jsonEnd: Float64Array.from([json.indexOf("}") + 1, json.lastIndexOf("}") + 1]),
    },
    rejects: [{file: "log.csv", line: 4, reason: "empty action", fields: {timestamp: "x"}}],
    duplicates: [],
    csvFile: path.join(dir, "activity.csv"),
    jsonFile: path.join(dir, "activity.json"),
  };
}

test("writeCache then readCache: the same arrays, dictionaries, lists and manifest", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ar-cache-"));
  const written = await content(dir);
  await writeCache(path.join(dir, "cache"), written);
  const read = await readCache(path.join(dir, "cache"), "code-1");
  if (typeof read === "string") throw new Error(read);
  assert.equal([...read.time], [...written.time]);
  assert.equal([...read.rows.line], [2, 3]);
  assert.equal([...read.rows.hash2], [21, 22]);
  assert.equal([...read.hashIndex], [...written.hashIndex]);
  assert.equal([...read.coded.action], ["a", "b"]);
  assert.equal([...read.source.csvStart], [...written.source.csvStart]);
  assert.is(read.source.csvHeader.toString(), '"timestamp","action"\r\n');
  assert.equal(read.rejects, written.rejects);
  assert.equal(read.manifest.files, written.manifest.files);
  assert.is(read.manifest.rowCount, 2);
  // one file per array, named in the manifest, and nothing else
  const {parts} = read.manifest;
  assert.equal(Object.keys(parts.arrays).sort(), ["coded.action", "csvStart", "file", "hash", "hash2", "hashIndex", "jsonEnd", "jsonStart", "line", "time"]);
  assert.equal(
    (await readdir(path.join(dir, "cache"))).sort(),
    ["manifest.json", ...Object.values(parts.arrays), parts.rejects, parts.duplicates, parts.csv, parts.json].sort(),
  );
  await rm(dir, {recursive: true});
});

test("readCache says why a cache cannot be used: none, another version, incomplete", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ar-cache-"));
  assert.is(await readCache(path.join(dir, "cache"), "code-1"), "no cache yet");
  await writeCache(path.join(dir, "cache"), await content(dir));
  assert.is(await readCache(path.join(dir, "cache"), "code-2"), "the cache is from another version of activity-report");
  // the code fingerprint may still be computed while the arrays are read: compared all the same
  const later = (code: string) => new Promise<string>((resolve) => setTimeout(() => resolve(code), 20));
  assert.is(await readCache(path.join(dir, "cache"), later("code-2")), "the cache is from another version of activity-report");
  const read = await readCache(path.join(dir, "cache"), later("code-1"));
  assert.ok(typeof read !== "string" && read.time.length === (await content(dir)).time.length, "read once the code matches");
  const {parts} = JSON.parse(await readFile(path.join(dir, "cache", "manifest.json"), "utf8"));
  await writeFile(path.join(dir, "cache", parts.json), "[\n]\n"); // the downloads no longer match the offsets
  assert.is(await readCache(path.join(dir, "cache"), "code-1"), "the cache is incomplete");
  await rm(dir, {recursive: true});
});

test("writeCache again: the previous files go, files that are not the cache's stay, no temporary manifest", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ar-cache-"));
  const cache = path.join(dir, "cache");
  await writeCache(cache, await content(dir));
  const first = await readdir(cache);
  await writeFile(path.join(cache, "notes.txt"), "someone else's");
  await writeCache(cache, await content(dir));
  const second = await readdir(cache);
  assert.ok(second.includes("notes.txt"), "a file the cache did not write was removed");
  assert.equal(second.filter((name) => first.includes(name)).sort(), ["manifest.json"]);
  assert.not.ok(second.some((name) => name.includes(".tmp-")));
  await rm(dir, {recursive: true});
});

test("the open periods' downloads: each cache links them, the append after keeps those still first as spares, lent while untouched", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ar-cache-"));
  const cache = path.join(dir, "cache");
  const staged = async (periodPath: string, lo: number, hi: number) => {
    const folder = path.join(dir, "staging", periodPath);
    await mkdir(folder, {recursive: true});
    await writeFile(path.join(folder, "activity.csv"), `csv of ${periodPath}`);
    await writeFile(path.join(folder, "activity.json"), `json of ${periodPath}`);
    return {path: periodPath, csvFile: path.join(folder, "activity.csv"), jsonFile: path.join(folder, "activity.json"), lo, hi};
  };
  const tails = [await staged("month/2026-01", 0, 1), await staged("week/2026-W01", 1, 2)];
  await writeCache(cache, {...(await content(dir)), tailPeriods: Promise.resolve(tails)});
  const first = await readCache(cache, "code-1");
  if (typeof first === "string") throw new Error(first);
  assert.equal(first.periodSpares, {}, "a first cache links the open periods and has no spare yet");
  const links = first.manifest.parts.periods!;
  assert.equal(Object.keys(links).sort(), ["month/2026-01", "week/2026-W01"]);
  assert.is(statSync(path.join(cache, links["week/2026-W01"].json)).ino, statSync(tails[1].jsonFile).ino, "a link, not a copy");
  // an append whose first moved or new row is row 1: the week's rows (1..2) changed, the month's (0..1) did not
  await writeCache(cache, {...(await content(dir)), firstChanged: 1}, first.manifest);
  const second = await readCache(cache, "code-1");
  if (typeof second === "string") throw new Error(second);
  const month = links["month/2026-01"];
  const sizes = {csvBytes: "csv of month/2026-01".length, jsonBytes: "json of month/2026-01".length};
  assert.equal(second.periodSpares, {"month/2026-01": {csvFile: path.join(cache, month.csv), jsonFile: path.join(cache, month.json), lo: 0, hi: 1, ...sizes}});
  const names = await readdir(cache);
  assert.ok(names.includes(month.csv) && names.includes(month.json), "the spare stays in the cache");
  assert.not.ok(names.includes(links["week/2026-W01"].csv), "the week's link, no longer a spare, is removed");
  // written to since: not lent, and the cache is still read
  await writeFile(path.join(cache, month.csv), "someone wrote here");
  const third = await readCache(cache, "code-1");
  if (typeof third === "string") throw new Error(third);
  assert.equal(third.periodSpares, {});
  await rm(dir, {recursive: true});
});

test("a cold build's spare copy in the cache's folder becomes the spare of the next append; one elsewhere does not", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ar-cache-"));
  const cache = path.join(dir, "cache");
  await mkdir(cache);
  const written = await content(dir);
  const spare = {csvFile: path.join(cache, "activity.spare1.csv"), jsonFile: path.join(cache, "activity.spare1.json")};
  await writeFile(spare.csvFile, await readFile(written.csvFile));
  await writeFile(spare.jsonFile, await readFile(written.jsonFile));
  await writeCache(cache, {...written, spare});
  const read = await readCache(cache, "code-1");
  if (typeof read === "string") throw new Error(read);
  assert.equal(read.spare, {...spare, rows: 2}, "every row of the cache");
  assert.ok((await readdir(cache)).includes("activity.spare1.csv"), "kept by the cache that names it");
  // a copy outside the cache's folder is not the cache's to lend
  const elsewhere = {csvFile: path.join(dir, "activity.csv"), jsonFile: path.join(dir, "activity.json")};
  await writeCache(cache, {...(await content(dir)), spare: elsewhere});
  const again = await readCache(cache, "code-1");
  if (typeof again === "string") throw new Error(again);
  assert.is(again.spare, undefined);
  assert.not.ok((await readdir(cache)).includes("activity.spare1.csv"), "the first spare, named no more, was removed");
  await rm(dir, {recursive: true});
});

test("spareFilesFor: a pair of new files in the cache's folder, named as its downloads; none on another file system", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ar-cache-"));
  const cache = path.join(dir, "cache"); // not there yet
  const spare = spareFilesFor(cache, dir);
  assert.ok(spare);
  assert.equal([path.dirname(spare!.csvFile), path.dirname(spare!.jsonFile)], [cache, cache]);
  assert.match(
    path.basename(spare!.csvFile),
    /^activity\.[0-9a-z]+\.csv$/,
    "named as the cache names its downloads, so that a cache write removes a stray one",
  );
  assert.match(path.basename(spare!.jsonFile), /^activity\.[0-9a-z]+\.json$/);
  // a cache on another file system: the copy could only be copied into a report
  const shm = "/dev/shm";
  assert.ok(existsSync(shm) && statSync(shm).dev !== statSync(tmpdir()).dev, "this test needs /dev/shm on a file system of its own");
  const elsewhere = await mkdtemp(path.join(shm, "ar-cache-"));
  try {
    assert.is(spareFilesFor(elsewhere, dir), undefined);
    assert.equal(await readdir(elsewhere), []);
  } finally {
    await rm(elsewhere, {recursive: true, force: true});
    await rm(dir, {recursive: true});
  }
});

/** `written` plus one row, as an append gives it: the same first rows, the hash index merged anew */
async function grown(dir: string, written: CacheContent): Promise<CacheContent> {
  const csv = (await readFile(written.csvFile, "utf8")) + '"2026-01-03T00:00:00Z","a"\r\n';
  const json = (await readFile(written.jsonFile, "utf8")).replace(/\n\]\n$/, ',\n{"timestamp":"2026-01-03T00:00:00Z","action":"a"}\n]\n');
  await mkdir(path.join(dir, "next"), {recursive: true});
  await writeFile(path.join(dir, "next", "activity.csv"), csv);
  await writeFile(path.join(dir, "next", "activity.json"), json);
  const jsonEnd = json.lastIndexOf("}") + 1;
  return {
    ...written,
    time: Float64Array.from([...written.time, Date.parse("2026-01-03T00:00:00Z")]),
    rows: {file: Int32Array.from([0, 0, 0]), line: Int32Array.from([2, 3, 5]), hash: Int32Array.from([11, 12, 5]), hash2: Int32Array.from([21, 22, 25])},
    hashIndex: Float64Array.from([5 * 2 ** 23 + 2, 11 * 2 ** 23, 12 * 2 ** 23 + 1]),
    coded: {action: new CodedColumn(Int32Array.from([1, 2, 1]), ["", "a", "b"])},
    source: {
      csvStart: Float64Array.from([...written.source.csvStart, csv.length]),
      jsonStart: Float64Array.from([...written.source.jsonStart, json.lastIndexOf("{")]),
      jsonEnd: Float64Array.from([...written.source.jsonEnd, jsonEnd]),
    },
    csvFile: path.join(dir, "next", "activity.csv"),
    jsonFile: path.join(dir, "next", "activity.json"),
  };
}

/** A cache of content() written in a new folder, and read back. */
async function cachedOnce() {
  const dir = await mkdtemp(path.join(tmpdir(), "ar-cache-"));
  const cache = path.join(dir, "cache");
  const written = await content(dir);
  await writeCache(cache, written);
  const before = await readCache(cache, "code-1");
  if (typeof before === "string") throw new Error(before);
  return {dir, cache, written, before};
}

test("an append writes its rows into the same array files; the old manifest still reads the old rows", async () => {
  const {dir, cache, written, before} = await cachedOnce();
  // what an interrupted append would leave: the old manifest beside the appended files (hard links
  // to the same files, taken before the append)
  const interrupted = path.join(dir, "interrupted");
  await mkdir(interrupted);
  for (const name of await readdir(cache)) await link(path.join(cache, name), path.join(interrupted, name));
  const inodes = async (names: string[]) => Promise.all(names.map(async (name) => (await stat(path.join(cache, name))).ino));
  const timeInode = await inodes([before.manifest.parts.arrays.time]);

  await writeCache(cache, await grown(dir, written), before.manifest);
  const after = await readCache(cache, "code-1");
  if (typeof after === "string") throw new Error(after);
  const {arrays} = after.manifest.parts;
  for (const name of ["time", "csvStart", "jsonStart", "jsonEnd", "file", "line", "hash", "hash2", "coded.action"])
    assert.is(arrays[name], before.manifest.parts.arrays[name], `${name} was rewritten`);
  assert.is.not(arrays.hashIndex, before.manifest.parts.arrays.hashIndex, "the hash index is merged, so rewritten");
  assert.equal(await inodes([arrays.time]), timeInode);
  assert.equal([...after.time], [...written.time, Date.parse("2026-01-03T00:00:00Z")]);
  assert.equal([...after.rows.line], [2, 3, 5]);
  assert.equal([...after.coded.action], ["a", "b", "a"]);
  assert.equal([...after.hashIndex], [5 * 2 ** 23 + 2, 11 * 2 ** 23, 12 * 2 ** 23 + 1]);
  assert.is(after.source.csvStart.length, 4);

  const old = await readCache(interrupted, "code-1");
  if (typeof old === "string") throw new Error(old);
  assert.equal([...old.time], [...written.time]);
  assert.equal([...old.rows.hash], [11, 12]);
  assert.equal([...old.coded.action], ["a", "b"]);
  assert.equal([...old.source.csvStart], [...written.source.csvStart]);
  await rm(dir, {recursive: true});
});

test("a coded column whose dictionary changed is rewritten, not appended to", async () => {
  const {dir, cache, written, before} = await cachedOnce();
  const next = await grown(dir, written);
  next.coded = {action: new CodedColumn(Int32Array.from([2, 3, 1]), ["", "0-first", "a", "b"])};
  await writeCache(cache, next, before.manifest);
  const after = await readCache(cache, "code-1");
  if (typeof after === "string") throw new Error(after);
  assert.is.not(after.manifest.parts.arrays["coded.action"], before.manifest.parts.arrays["coded.action"]);
  assert.equal([...after.coded.action], ["a", "b", "0-first"]);
  assert.is(after.manifest.parts.arrays.time, before.manifest.parts.arrays.time);
  await rm(dir, {recursive: true});
});

test.run();
