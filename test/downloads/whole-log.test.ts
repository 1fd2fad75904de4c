import {test} from "uvu";
import * as assert from "uvu/assert";
import {existsSync} from "node:fs";
import {link, readFile, rm, truncate, writeFile} from "node:fs/promises";
import path from "node:path";
import * as aq from "arquero";
import Papa from "papaparse";
import {writeSourceData} from "../../src/downloads/whole-log.js";
import {appendSourceData} from "../../src/downloads/append.js";
import {writePeriodSourceData, writePeriodsSourceData} from "../../src/downloads/period-files.js";
import {tempDirs} from "../temp-dirs.js";

const COLUMNS = ["timestamp", "action", "diff"];
const table = aq.table({
  timestamp: ["2025-03-01T10:00:00Z", "2025-03-02T10:00:00Z", "2025-03-03T10:00:00Z", "2025-03-04T10:00:00Z"],
  action: ["edit_dataset", "=cmd|' /C calc'!A0", "publish_dataset", "édition ✓"],
  diff: ['{"a":"b"}', "line\nbreak", "", "tab\there"],
});
const tmp = tempDirs(test, "ar-source-");

test("writeSourceData writes the whole log as CSV (defused) and JSON (raw)", async () => {
  const dir = await tmp();
  await writeSourceData(dir, table, COLUMNS);
  const csv = await readFile(path.join(dir, "activity.csv"), "utf8");
  const parsed = Papa.parse<string[]>(csv.trimEnd()).data;
  assert.equal(parsed[0], COLUMNS);
  assert.equal(parsed[2], ["2025-03-02T10:00:00Z", "'=cmd|' /C calc'!A0", "line\nbreak"]);
  assert.is(parsed.length, 5);
  const json = JSON.parse(await readFile(path.join(dir, "activity.json"), "utf8"));
  assert.equal(json[1], {timestamp: "2025-03-02T10:00:00Z", action: "=cmd|' /C calc'!A0", diff: "line\nbreak"});
  assert.equal(json[3].action, "édition ✓");
});

test("a period's files are exactly the whole log's rows lo..hi, multi-byte text included", async () => {
  const dir = await tmp();
  const source = await writeSourceData(dir, table, COLUMNS);
  const all = JSON.parse(await readFile(path.join(dir, "activity.json"), "utf8"));
  const allCsv = Papa.parse<string[]>((await readFile(path.join(dir, "activity.csv"), "utf8")).trimEnd()).data;
  for (const [lo, hi] of [
    [0, 4],
    [1, 3],
    [3, 4],
    [0, 1],
    [2, 2],
  ]) {
    const period = path.join(await tmp(), "p");
    await import("node:fs/promises").then((fs) => fs.mkdir(period));
    const info = await writePeriodSourceData(period, source, lo, hi);
    assert.is(info.csv.rows, hi - lo);
    const json = await readFile(path.join(period, "activity.json"), "utf8");
    assert.equal(JSON.parse(json), all.slice(lo, hi), `json ${lo}..${hi}`);
    assert.is(info.json.bytes, Buffer.byteLength(json));
    const csv = await readFile(path.join(period, "activity.csv"), "utf8");
    assert.equal(Papa.parse<string[]>(csv.trimEnd()).data, [allCsv[0], ...allCsv.slice(1 + lo, 1 + hi)], `csv ${lo}..${hi}`);
    assert.is(info.csv.bytes, Buffer.byteLength(csv));
  }
});

test("the whole range of a period equals the whole-log file byte for byte", async () => {
  const dir = await tmp();
  const source = await writeSourceData(dir, table, COLUMNS);
  const period = await tmp();
  await writePeriodSourceData(period, source, 0, 4);
  for (const name of ["activity.csv", "activity.json"]) {
    assert.ok((await readFile(path.join(dir, name))).equals(await readFile(path.join(period, name))), name);
  }
});

test("writePeriodsSourceData: two lanes write every period's folder as writePeriodSourceData alone does", async () => {
  const dir = await tmp();
  const source = await writeSourceData(dir, table, COLUMNS);
  const ranges = [
    [0, 4],
    [1, 3],
    [3, 4],
    [0, 1],
    [2, 2],
    [1, 4],
  ];
  const root = await tmp();
  await writePeriodsSourceData(
    source,
    ranges.map(([lo, hi], i) => ({dir: path.join(root, "lanes", `p${i}`), lo, hi})),
    2,
  );
  for (const [i, [lo, hi]] of ranges.entries()) {
    const alone = path.join(root, "alone", `p${i}`);
    await import("node:fs/promises").then((fs) => fs.mkdir(alone, {recursive: true}));
    await writePeriodSourceData(alone, source, lo, hi);
    for (const name of ["activity.csv", "activity.json"]) {
      const [a, b] = await Promise.all([readFile(path.join(root, "lanes", `p${i}`, name)), readFile(path.join(alone, name))]);
      assert.ok(a.equals(b), `p${i}/${name}`);
    }
  }
});

test("writePeriodsSourceData: after a failed period no other starts, and it settles once the copies under way end", async () => {
  const dir = await tmp();
  const source = await writeSourceData(dir, table, COLUMNS);
  const root = await tmp();
  // a file where period 1's folder should go: its mkdir fails while period 0 is being copied
  await writeFile(path.join(root, "blocked"), "");
  const periods = [
    {dir: path.join(root, "p0"), lo: 0, hi: 4},
    {dir: path.join(root, "blocked", "p1"), lo: 0, hi: 2},
    {dir: path.join(root, "p2"), lo: 1, hi: 3},
    {dir: path.join(root, "p3"), lo: 2, hi: 4},
  ];
  const error = await writePeriodsSourceData(source, periods, 2).then(
    () => undefined,
    (failure: NodeJS.ErrnoException) => failure,
  );
  assert.is(error?.code, "ENOTDIR");
  // period 0, under way when period 1 failed, was finished before the promise settled
  assert.ok((await readFile(path.join(dir, "activity.json"))).equals(await readFile(path.join(root, "p0", "activity.json"))));
  // the periods after the failed one were never started
  assert.not.ok(existsSync(path.join(root, "p2")));
  assert.not.ok(existsSync(path.join(root, "p3")));
});

test("an empty log gives a header-only CSV and an empty JSON array", async () => {
  const dir = await tmp();
  const source = await writeSourceData(dir, aq.table({timestamp: [], action: [], diff: []}), COLUMNS);
  assert.equal(JSON.parse(await readFile(path.join(dir, "activity.json"), "utf8")), []);
  const period = await tmp();
  await writePeriodSourceData(period, source, 0, 0);
  assert.equal(JSON.parse(await readFile(path.join(period, "activity.json"), "utf8")), []);
  assert.is(await readFile(path.join(period, "activity.csv"), "utf8"), '"timestamp","action","diff"\r\n');
});

// appendSourceData: the nightly append, from a copy of the previous files or from a spare
const ROWS = [
  ["2025-03-01T10:00:00Z", "edit_dataset", '{"a":"b"}'],
  ["2025-03-02T10:00:00Z", "=cmd|' /C calc'!A0", "line\nbreak"],
  ["2025-03-03T10:00:00Z", "publish_dataset", ""],
  ["2025-03-04T10:00:00Z", "édition ✓", "tab\there"],
  ["2025-03-05T10:00:00Z", "edit_page", "x"],
  ["2025-03-06T10:00:00Z", "edit_page", "y"],
];
const tableOf = (rows: string[][]) => aq.table(Object.fromEntries(COLUMNS.map((name, c) => [name, rows.map((row) => row[c])])));
const bytes = async (dir: string) => [await readFile(path.join(dir, "activity.csv")), await readFile(path.join(dir, "activity.json"))];

/** Three nights: `first` rows cold, then two rows, then the rest; the third night may use the first's files as its spare. */
async function threeNights(first: number, spoil?: (spare: {csvFile: string; jsonFile: string}) => Promise<void>) {
  const [a, b, c, cold] = await Promise.all([tmp(), tmp(), tmp(), tmp()]);
  const nightA = await writeSourceData(a, tableOf(ROWS.slice(0, first)), COLUMNS);
  const nightB = await appendSourceData(b, nightA, COLUMNS, ROWS.slice(first, first + 2));
  const spare = {csvFile: nightA.csvFile, jsonFile: nightA.jsonFile, rows: first};
  await spoil?.(spare);
  const nightC = await appendSourceData(c, nightB, COLUMNS, ROWS.slice(first + 2), spare);
  const whole = await writeSourceData(cold, tableOf(ROWS), COLUMNS);
  return {nightA, nightB, nightC, whole, c, cold, spare};
}

test("appendSourceData extends the spare of the night before last: the bytes and offsets of a cold write", async () => {
  for (const first of [0, 1, 2]) {
    const {nightC, whole, c, cold, spare} = await threeNights(first);
    assert.equal(await bytes(c), await bytes(cold), `first night: ${first} rows`);
    assert.equal([...nightC.csvStart], [...whole.csvStart]);
    assert.equal([...nightC.jsonStart], [...whole.jsonStart]);
    assert.equal([...nightC.jsonEnd], [...whole.jsonEnd]);
    // the spare was moved, not copied
    assert.not.ok(existsSync(spare.csvFile) || existsSync(spare.jsonFile), "the spare became the new files");
  }
});

test("a spare still linked elsewhere (a published report), or not what the cache says, is left alone and copied around", async () => {
  const cases: [string, (spare: {csvFile: string; jsonFile: string}) => Promise<void>][] = [
    ["linked by a report", async (spare) => link(spare.csvFile, spare.csvFile + ".published")],
    [
      "rewritten, same size",
      async (spare) => {
        const text = await readFile(spare.jsonFile, "utf8");
        await writeFile(spare.jsonFile, text.replace("edit_dataset", "edit_datasex"));
      },
    ],
    ["cut short", async (spare) => truncate(spare.csvFile, 10)],
    ["gone", async (spare) => rm(spare.jsonFile)],
  ];
  for (const [name, spoil] of cases) {
    const {c, cold, spare} = await threeNights(2, spoil);
    assert.equal(await bytes(c), await bytes(cold), name);
    assert.ok(existsSync(spare.csvFile), `${name}: the spare's CSV is where it was`);
  }
});

test("appendSourceData with rows read late: placed among the old rows' bytes, the bytes and offsets of a cold write", async () => {
  // [old rows, new rows (time order), where each new row goes among the old ones]
  const cases: [number[], number[], number[]][] = [
    [
      [1, 3, 5],
      [0, 2, 4],
      [0, 1, 2],
    ],
    [
      [0, 1, 2, 3],
      [4, 5],
      [4, 4],
    ],
    [
      [2, 3, 4, 5],
      [0, 1],
      [0, 0],
    ],
    [
      [0, 1, 4, 5],
      [2, 3],
      [2, 2],
    ],
  ];
  for (const [old, added, places] of cases) {
    for (const withSpare of [false, true]) {
      const [a, b, c, cold] = await Promise.all([tmp(), tmp(), tmp(), tmp()]);
      // night A: the first old row; night B: the rest of the old rows; night C merges the new ones (with A's files as its spare)
      const nightA = await writeSourceData(a, tableOf(old.slice(0, 1).map((i) => ROWS[i])), COLUMNS);
      const nightB = await appendSourceData(
        b,
        nightA,
        COLUMNS,
        old.slice(1).map((i) => ROWS[i]),
      );
      const spare = withSpare ? {csvFile: nightA.csvFile, jsonFile: nightA.jsonFile, rows: 1} : undefined;
      const nightC = await appendSourceData(
        c,
        nightB,
        COLUMNS,
        added.map((i) => ROWS[i]),
        spare,
        Int32Array.from(places),
      );
      const whole = await writeSourceData(cold, tableOf(ROWS), COLUMNS);
      const about = `old ${old}, new ${added}${withSpare ? ", spare" : ""}`;
      assert.equal(await bytes(c), await bytes(cold), about);
      assert.equal([...nightC.csvStart], [...whole.csvStart], about);
      assert.equal([...nightC.jsonStart], [...whole.jsonStart], about);
      assert.equal([...nightC.jsonEnd], [...whole.jsonEnd], about);
    }
  }
});

test.run();
