import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtemp, readdir, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {readCache, writeCache, type CacheContent} from "../../src/cache/build-cache.js";
import {CodedColumn} from "../../src/periods/add-period-keys.js";

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
      code: "code-1", out: "/somewhere/site", fingerprint: "f", timeZone: "Europe/Paris", format: null,
      columns: ["timestamp", "action"], columnNames: ["timestamp", "action"],
      files: [{path: "log.csv", format: "csv", size: 10, mtimeMs: 1, sha256: "h", resume: {start: 10, line: 4, header: "timestamp,action\n"}}],
      counts: {files: 1, rows: 3, accepted: 2, rejected: 1, duplicates: 0},
      periods: {"all/all/": {key: "k", rows: "d", totals: {actions: 2, users: 0, datasets: 0, pages: 0, actionsPerUser: 0}}},
    },
    time: Float64Array.from([Date.parse("2026-01-01T00:00:00Z"), Date.parse("2026-01-02T00:00:00Z")]),
    rows: {file: Int32Array.from([0, 0]), line: Int32Array.from([2, 3]), hash: Int32Array.from([11, 12]), hash2: Int32Array.from([21, 22])},
    hashIndex: Float64Array.from([11 * 2 ** 23, 12 * 2 ** 23 + 1]),
    coded: {action: new CodedColumn(Int32Array.from([1, 2]), ["", "a", "b"])},
    source: {csvStart: Float64Array.from([header, second, csv.length]), jsonStart: Float64Array.from([firstJson, secondJson]), jsonEnd: Float64Array.from([json.indexOf("}") + 1, json.lastIndexOf("}") + 1])},
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
  assert.equal((await readdir(path.join(dir, "cache"))).sort(), ["activity.csv", "activity.json", "columns.bin", "duplicates.json", "manifest.json", "rejects.json"]);
  await rm(dir, {recursive: true});
});

test("readCache says why a cache cannot be used: none, another version, incomplete", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ar-cache-"));
  assert.is(await readCache(path.join(dir, "cache"), "code-1"), "no cache yet");
  await writeCache(path.join(dir, "cache"), await content(dir));
  assert.is(await readCache(path.join(dir, "cache"), "code-2"), "the cache is from another version of activity-report");
  await writeFile(path.join(dir, "cache", "activity.json"), "[\n]\n"); // the downloads no longer match the offsets
  assert.is(await readCache(path.join(dir, "cache"), "code-1"), "the cache is incomplete");
  await rm(dir, {recursive: true});
});

test("writeCache replaces a previous cache whole and leaves no temporary folder", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ar-cache-"));
  const cache = path.join(dir, "cache");
  await writeCache(cache, await content(dir));
  await writeFile(path.join(cache, "stray"), "x");
  await writeCache(cache, await content(dir));
  assert.not.ok((await readdir(cache)).includes("stray"));
  assert.equal((await readdir(dir)).filter((name) => name.startsWith("cache")), ["cache"]);
  await rm(dir, {recursive: true});
});

test.run();
