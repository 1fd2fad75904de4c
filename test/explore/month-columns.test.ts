/**
 * Where the explorer's month files take their rows' text (month-columns.ts): a table with every
 * column of the log (a cold build's) gives the same bytes without reading activity.json at all, and
 * a table of the coded columns and period keys only (an incremental build's) the same bytes from
 * activity.json: on a JSON log whose values are strings, nulls, numbers as written and objects.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtemp, readdir, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {ingest} from "../../src/ingest/index.js";
import {addPeriodKeys, timeColumn} from "../../src/periods/add-period-keys.js";
import {writeSourceData} from "../../src/downloads/whole-log.js";
import {writeExploreData, type ExploreDataInput} from "../../src/explore/explore-data.js";
import {CACHED_COLUMNS} from "../../src/cache/merged-log.js";
import type {MonthData, MonthRows} from "../../src/explore/data-format.js";
import {readDataFile, texts} from "./read-data-file.js";

const ROWS = [
  {timestamp: "2026-02-27T10:00:00Z", user_id: "alice", action: "edit_dataset", dataset_id: "roads", subdomain_id: "culture", diff: {field: "title", n: 1.5}},
  {timestamp: "2026-02-28T11:00:00Z", user_id: "bob", action: "add_map", map_id: 1, subdomain_id: null, diff: '{"a": 1}'},
  {timestamp: "2026-03-01T09:00:00Z", user_id: null, action: "publish_reuse", reuse_title: "Vélos <b>", subdomain_id: "", diff: null},
  {timestamp: "2026-03-02T09:30:00Z", user_id: "carol", action: "edit_page", page_id: "home", group_id: "g1", subdomain_id: "sport", diff: [1, "x"]},
  {timestamp: "2026-03-02T09:31:00Z", user_id: "carol", action: "add_group", group_id: true, subdomain_id: "sport"},
];
// numbers as written, which JSON.parse would not keep: 1.50, 1e2, 20 digits
const LOG =
  ROWS.map((row) =>
    JSON.stringify(row).replace('"n":1.5', '"n":1.50').replace('"diff":[1,', '"diff":[1e2,').replace('"map_id":1,', '"map_id":12345678901234567890,'),
  ).join("\n") + "\n";

let root = "";
test.before(async () => {
  root = await mkdtemp(path.join(tmpdir(), "ar-month-columns-"));
});
test.after(() => rm(root, {recursive: true, force: true}));

/** The data files written for `input`, name -> text. */
async function written(name: string, input: ExploreDataInput): Promise<Map<string, string>> {
  const staging = path.join(root, name);
  await writeExploreData(staging, path.join(root, "no-published-report"), input);
  const dir = path.join(staging, "explore", "data");
  return new Map(await Promise.all((await readdir(dir)).sort().map(async (file) => [file, await readFile(path.join(dir, file), "utf8")] as const)));
}

const parse = readDataFile;

test("a full table reads no activity.json; a cached table reads it; both write the same bytes", async () => {
  const file = path.join(root, "log.ndjson");
  await writeFile(file, LOG);
  const log = await ingest({inputs: [file], timeZone: "Europe/Paris"});
  const table = addPeriodKeys(log.table, "Europe/Paris");
  const source = await writeSourceData(root, log.table, log.columns);
  const input: ExploreDataInput = {
    table,
    time: timeColumn(table),
    counted: table.numRows(),
    digest: (lo, hi) => `${lo}-${hi}`,
    code: "test",
    meta: {title: "t", timeZone: "Europe/Paris", asOf: "2026-03-31", top: 5, actions: [], periods: []},
    columns: log.columns,
    source,
  };
  const cold = await written("cold", {...input, source: {...source, jsonFile: path.join(root, "missing.json")}});
  const cached = table.select(["time", ...CACHED_COLUMNS.filter((name) => table.columnNames().includes(name))]);
  assert.ok(!cached.columnNames().includes("diff") && !cached.columnNames().includes("subdomain_id"));
  const incremental = await written("incremental", {...input, table: cached});
  assert.equal([...cold.keys()], ["2026-02.js", "2026-03.js", "meta.js", "rows-2026-02.js", "rows-2026-03.js"]);
  assert.equal(incremental, cold);

  // the text is the CSV download's: null and no value as "", numbers and objects as written
  // a target the month file has (dataset, page) is "" in the rows file: the page takes it from there
  const rows = parse(cold.get("rows-2026-02.js")!) as MonthRows;
  assert.equal(texts(rows.diff), ['{"field":"title","n":1.50}', '{"a": 1}']);
  assert.equal(texts(rows.otherTarget), ["", "12345678901234567890"]);
  assert.equal(texts((parse(cold.get("2026-02.js")!) as MonthData).columns.dataset_id), ["roads", ""]);
  const march = parse(cold.get("rows-2026-03.js")!) as MonthRows;
  assert.equal(texts(march.diff), ["", '[1e2,"x"]', ""]);
  assert.equal(texts(march.otherTarget), ["Vélos <b>", "", "true"]);
  assert.equal(Array.from(march.time), [Date.parse("2026-03-01T09:00:00Z"), Date.parse("2026-03-02T09:30:00Z"), Date.parse("2026-03-02T09:31:00Z")]);
  const month = parse(cold.get("2026-03.js")!) as MonthData;
  assert.equal(texts(month.columns.page_id), ["", "home", ""]);
  assert.equal(texts(month.columns.subdomain_id), ["", "sport", "sport"]);
  const meta = parse(cold.get("meta.js")!);
  assert.equal(meta.kind === "meta" && meta.subdomains, ["culture", "sport"]);
});

test.run();
