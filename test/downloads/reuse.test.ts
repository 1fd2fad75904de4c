/**
 * The whole log's downloads of a log read whole again (downloads/reuse.ts): a re-export's rows that
 * keep their place (placesKept), and the files written from the previous build's, patched in place
 * or written whole, always the bytes and offsets writeSourceData gives for the new table.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {copyFile, mkdtemp, readFile, rm, stat, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import Papa from "papaparse";
import {hashIndexOf} from "../../src/cache/hash-index.js";
import {knownRows} from "../../src/cache/known-rows.js";
import {placesKept, reuseSourceData} from "../../src/downloads/reuse.js";
import {writeSourceData, type SourceData} from "../../src/downloads/whole-log.js";
import {ingest, type ActivityLog} from "../../src/ingest/index.js";

test("placesKept: rows in their place, groups of rows reordered among themselves, and where writing must start", () => {
  const of = (known: number[], previous = known.length) => placesKept(Int32Array.from(known), previous);
  assert.equal(of([0, 1, 2, 3]), {first: 4, groups: []});
  assert.equal(of([0, 2, 1, 3, 5, 6, 4, 7]), {
    first: 8,
    groups: [
      [1, 3],
      [4, 7],
    ],
  });
  // new rows last: the previous rows all keep their place
  assert.equal(of([1, 0, 2, -1, -1], 3), {first: 3, groups: [[0, 2]]});
  // a new row among them: from there on
  assert.equal(of([0, 2, 1, -1, 3, 4], 5), {first: 3, groups: [[1, 3]]});
  // previous row 2 is gone: from where the rows stop being the previous ones on
  assert.equal(of([1, 0, 3, 4, 5], 6), {first: 2, groups: [[0, 2]]});
  // a row moved far: one group would hold everything in between
  assert.equal(of([0, 3, 1, 2, 4], 5), {first: 5, groups: [[1, 4]]});
  assert.equal(of([], 3), {first: 0, groups: []});
});

const HEADER = ["timestamp", "user_id", "dataset_id", "action", "diff"];
/** `count` rows from minute `from` on, two rows at every fifth minute (an instant shared), some fields quoted */
const rowsFrom = (from: number, count: number, tag: string) =>
  Array.from({length: count}, (_, k) => [
    new Date(Date.UTC(2025, 2, 1) + (from + k - (k % 5 === 1 ? 1 : 0)) * 60_000).toISOString(),
    `user-${k % 7}-${tag}`,
    k % 9 === 0 ? "=cmd|' /C calc'!A0" : `dataset-${k % 4}`,
    "edit_dataset",
    k % 3 === 0 ? `{"old":"a, b","new":"é ${k}"}` : "",
  ]);
/** `rows` in an order of its own (the same for the same seed) */
const shuffled = <T>(rows: readonly T[], seed: number): T[] => {
  const out = [...rows];
  for (let i = out.length - 1, s = seed; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

let root: string;
test.before(async () => {
  root = await mkdtemp(path.join(tmpdir(), "ar-downloads-reuse-"));
});
test.after(async () => {
  await rm(root, {recursive: true, force: true});
});

/** The log of `body` (a CSV file in a folder of its own) and that folder. */
async function logOf(name: string, body: string[][]): Promise<{dir: string; log: ActivityLog}> {
  const dir = await mkdtemp(path.join(root, `${name}-`));
  const file = path.join(dir, "log.csv");
  await writeFile(file, Papa.unparse([HEADER, ...body], {newline: "\n"}) + "\n");
  return {dir, log: await ingest({inputs: [file], timeZone: "UTC"})};
}

const bytes = (dir: string) => Promise.all(["activity.csv", "activity.json"].map((name) => readFile(path.join(dir, name), "utf8")));
const offsets = (source: SourceData) => [[...source.csvStart], [...source.jsonStart], [...source.jsonEnd]];

/** The previous build's files (of `before`), then `after`'s written from them (lending a spare copy when `lend`), against `after`'s fresh files. */
async function reexport(before: string[][], after: string[][], lend: boolean): Promise<{taken: boolean; spare?: unknown}> {
  const old = await logOf("before", before);
  const previous = await writeSourceData(old.dir, old.log.table, old.log.columns);
  const fresh = await logOf("fresh", after);
  const expected = await writeSourceData(fresh.dir, fresh.log.table, fresh.log.columns);
  const next = await logOf("after", after);
  const known = knownRows({hashIndex: hashIndexOf(old.log.rows.hash), rows: old.log.rows}, next.log.rows);
  const spare = {csvFile: path.join(old.dir, "spare.csv"), jsonFile: path.join(old.dir, "spare.json"), rows: previous.jsonStart.length};
  await Promise.all([copyFile(previous.csvFile, spare.csvFile), copyFile(previous.jsonFile, spare.jsonFile)]);
  const spareInode = (await stat(spare.csvFile)).ino;
  const written = await reuseSourceData(next.dir, previous, next.log.table, next.log.columns, known, undefined, Promise.resolve(lend ? spare : undefined));
  assert.equal(await bytes(next.dir), await bytes(fresh.dir));
  assert.equal(offsets(written), offsets(expected));
  return {taken: (await stat(written.csvFile)).ino === spareInode, spare: written.spare};
}

test("reuseSourceData: a re-export in another order with new rows last: the spare taken, its reordered instants patched, the new rows added", async () => {
  const before = shuffled(rowsFrom(0, 400, "a"), 1);
  const after = shuffled([...rowsFrom(0, 400, "a"), ...rowsFrom(500, 30, "b")], 2);
  const result = await reexport(before, after, true);
  assert.ok(result.taken, "the spare became the new files: no copy");
  assert.is(result.spare, undefined, "no spare written for the next build");
});

test("reuseSourceData: rows placed among the previous ones, one removed: the files from there on written again, the same bytes", async () => {
  const base = rowsFrom(0, 400, "a");
  const after = shuffled([...base.slice(0, 300), ...base.slice(301), ...rowsFrom(250, 10, "c"), ...rowsFrom(500, 5, "b")], 3);
  assert.ok((await reexport(shuffled(base, 1), after, true)).taken, "most rows kept their place: the spare is patched");
  // new rows early: nearly every row moves, the files are written whole
  const early = shuffled([...rowsFrom(-50, 20, "d"), ...base], 4);
  assert.not.ok((await reexport(shuffled(base, 1), early, true)).taken);
});

test("reuseSourceData: no spare in the cache: the previous files copied, then patched", async () => {
  const base = rowsFrom(0, 300, "a");
  assert.not.ok((await reexport(shuffled(base, 1), shuffled([...base, ...rowsFrom(400, 3, "b")], 5), false)).taken);
});

test.run();
