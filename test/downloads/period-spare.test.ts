import {test} from "uvu";
import * as assert from "uvu/assert";
import {existsSync} from "node:fs";
import {copyFile, link, mkdir, readFile, rm, stat, truncate, writeFile} from "node:fs/promises";
import path from "node:path";
import * as aq from "arquero";
import {writeSourceData} from "../../src/downloads/whole-log.js";
import {writePeriodSourceData} from "../../src/downloads/period-files.js";
import {extendPeriodSpare, type PeriodSpare} from "../../src/downloads/period-spare.js";
import {tempDirs} from "../temp-dirs.js";

const COLUMNS = ["timestamp", "action", "diff"];
const ROWS = [
  ["2025-02-27T10:00:00Z", "edit_dataset", '{"a":"b"}'],
  ["2025-03-01T10:00:00Z", "=cmd|' /C calc'!A0", "line\nbreak"],
  ["2025-03-02T10:00:00Z", "publish_dataset", ""],
  ["2025-03-03T10:00:00Z", "édition ✓", "tab\there"],
  ["2025-03-04T10:00:00Z", "edit_page", "x"],
  ["2025-03-05T10:00:00Z", "edit_page", "y"],
];
const tableOf = (rows: string[][]) => aq.table(Object.fromEntries(COLUMNS.map((name, c) => [name, rows.map((row) => row[c])])));
const tmp = tempDirs(test, "ar-period-spare-");
const bytes = async (dir: string) => Promise.all(["activity.csv", "activity.json"].map((name) => readFile(path.join(dir, name))));

/**
 * A month (rows 1.. of the log) written when the log had `had` rows, kept as a spare in a cache
 * folder; then the whole log of every row, its month written afresh for comparison.
 */
async function setUp(had: number) {
  const [before, cache, now, fresh, target] = await Promise.all([tmp(), tmp(), tmp(), tmp(), tmp()]);
  const old = await writeSourceData(before, tableOf(ROWS.slice(0, had)), COLUMNS);
  const month = path.join(before, "month");
  await mkdir(month);
  await writePeriodSourceData(month, old, 1, had);
  const [csvFile, jsonFile] = [path.join(cache, "activity.1p0.csv"), path.join(cache, "activity.1p0.json")];
  await copyFile(path.join(month, "activity.csv"), csvFile);
  await copyFile(path.join(month, "activity.json"), jsonFile);
  const spare: PeriodSpare = {csvFile, jsonFile, lo: 1, hi: had, csvBytes: (await stat(csvFile)).size, jsonBytes: (await stat(jsonFile)).size};
  const source = await writeSourceData(now, tableOf(ROWS), COLUMNS);
  await writePeriodSourceData(fresh, source, 1, ROWS.length);
  return {source, spare, fresh, target};
}

test("extendPeriodSpare moves the spare into the period's folder and writes only the rows it lacks: the bytes of a fresh copy", async () => {
  for (const had of [2, 3, 5, 6]) {
    const {source, spare, fresh, target} = await setUp(had);
    const sizes = await extendPeriodSpare(target, source, 1, ROWS.length, spare);
    assert.ok(sizes, `a spare of rows 1..${had} serves`);
    assert.equal(await bytes(target), await bytes(fresh), `spare of rows 1..${had}`);
    assert.equal([sizes!.csv, sizes!.json], [(await stat(path.join(target, "activity.csv"))).size, (await stat(path.join(target, "activity.json"))).size]);
    assert.not.ok(existsSync(spare.csvFile) || existsSync(spare.jsonFile), "moved, not copied");
  }
});

test("a spare holding rows that late rows moved since: cut after its rows still in place, then extended, the bytes of a fresh copy", async () => {
  // the month was written with rows 1, 2, 4, 5 (row 3 arrived late, between 2 and 4): its first two rows are still rows 1 and 2
  const monthOf = async (hi: number): Promise<PeriodSpare> => {
    const dir = await tmp();
    const old = await writeSourceData(dir, tableOf([ROWS[0], ROWS[1], ROWS[2], ROWS[4], ROWS[5]]), COLUMNS);
    const month = path.join(dir, "month");
    await mkdir(month);
    await writePeriodSourceData(month, old, 1, 5);
    const [csvFile, jsonFile] = [path.join(month, "activity.csv"), path.join(month, "activity.json")];
    return {csvFile, jsonFile, lo: 1, hi, csvBytes: (await stat(csvFile)).size, jsonBytes: (await stat(jsonFile)).size};
  };
  const [now, fresh, target, target2] = await Promise.all([tmp(), tmp(), tmp(), tmp()]);
  const source = await writeSourceData(now, tableOf(ROWS), COLUMNS);
  await writePeriodSourceData(fresh, source, 1, ROWS.length);
  assert.ok(await extendPeriodSpare(target, source, 1, ROWS.length, await monthOf(3)), "serves, cut after row 2");
  assert.equal(await bytes(target), await bytes(fresh));
  // counted up to a row that moved, its bytes before the cut are not the whole log's: refused
  assert.is(await extendPeriodSpare(target2, source, 1, ROWS.length, await monthOf(4)), undefined, "rows 1..3 are no longer the spare's first rows");
});

test("a spare that cannot serve is left where it is and nothing is written: the caller copies", async () => {
  const cases: [string, (spare: PeriodSpare) => Promise<PeriodSpare>][] = [
    ["linked by a published report", async (spare) => (await link(spare.csvFile, `${spare.csvFile}.published`), spare)],
    ["another first row", async (spare) => ({...spare, lo: 0})],
    ["more rows than the period has", async (spare) => ({...spare, hi: ROWS.length + 1})],
    ["no rows", async (spare) => ({...spare, hi: spare.lo})],
    ["cut short", async (spare) => (await truncate(spare.jsonFile, 10), spare)],
    [
      "rewritten, same size",
      async (spare) => {
        const text = await readFile(spare.csvFile, "utf8");
        await writeFile(spare.csvFile, text.replace("publish_dataset", "publish_datasex"));
        return spare;
      },
    ],
    ["gone", async (spare) => (await rm(spare.jsonFile), spare)],
  ];
  for (const [name, spoil] of cases) {
    const {source, spare, target} = await setUp(3);
    const spoiled = await spoil(spare);
    assert.is(await extendPeriodSpare(target, source, 1, ROWS.length, spoiled), undefined, name);
    assert.ok(existsSync(spare.csvFile), `${name}: the spare's CSV is where it was`);
    assert.not.ok(existsSync(path.join(target, "activity.csv")) || existsSync(path.join(target, "activity.json")), `${name}: nothing written`);
  }
});

test("writePeriodSourceData takes a spare that serves and copies when it does not, the same bytes either way", async () => {
  const {source, spare, fresh, target} = await setUp(4);
  await link(spare.jsonFile, `${spare.jsonFile}.published`);
  const copied = await tmp();
  await writePeriodSourceData(copied, source, 1, ROWS.length, spare);
  assert.equal(await bytes(copied), await bytes(fresh), "copied around a linked spare");
  assert.ok(existsSync(spare.csvFile), "the linked spare was left alone");
  await rm(`${spare.jsonFile}.published`);
  const info = await writePeriodSourceData(target, source, 1, ROWS.length, spare);
  assert.equal(await bytes(target), await bytes(fresh), "extended");
  assert.not.ok(existsSync(spare.csvFile), "the spare was taken");
  assert.equal([info.csv.rows, info.json.rows], [ROWS.length - 1, ROWS.length - 1]);
  assert.is(info.json.bytes, (await readFile(path.join(fresh, "activity.json"))).length);
});

test.run();
