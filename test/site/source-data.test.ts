import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtemp, readFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import * as aq from "arquero";
import Papa from "papaparse";
import {writePeriodSourceData, writeSourceData} from "../../src/site/source-data.js";

const COLUMNS = ["timestamp", "action", "diff"];
const table = aq.table({
  timestamp: ["2025-03-01T10:00:00Z", "2025-03-02T10:00:00Z", "2025-03-03T10:00:00Z", "2025-03-04T10:00:00Z"],
  action: ["edit_dataset", "=cmd|' /C calc'!A0", "publish_dataset", "édition ✓"],
  diff: ['{"a":"b"}', "line\nbreak", "", "tab\there"],
});
const tmp = () => mkdtemp(path.join(tmpdir(), "ar-source-"));

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
  for (const [lo, hi] of [[0, 4], [1, 3], [3, 4], [0, 1], [2, 2]]) {
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

test("an empty log gives a header-only CSV and an empty JSON array", async () => {
  const dir = await tmp();
  const source = await writeSourceData(dir, aq.table({timestamp: [], action: [], diff: []}), COLUMNS);
  assert.equal(JSON.parse(await readFile(path.join(dir, "activity.json"), "utf8")), []);
  const period = await tmp();
  await writePeriodSourceData(period, source, 0, 0);
  assert.equal(JSON.parse(await readFile(path.join(period, "activity.json"), "utf8")), []);
  assert.is(await readFile(path.join(period, "activity.csv"), "utf8"), '"timestamp","action","diff"\r\n');
});

test.run();
