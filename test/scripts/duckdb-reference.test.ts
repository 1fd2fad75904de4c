/**
 * The bench's DuckDB reference phase (bench/measure.ts duckdb): it reads the whole log and its counts
 * agree with a count made here by hand, so the time it reports is the time of a complete read.
 */
import {execFileSync} from "node:child_process";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {test} from "uvu";
import * as assert from "uvu/assert";

const HEADER = "timestamp,domain_id,user_id,dataset_id,username,action,group_id,page_id,diff,map_id,reuse_title,subdomain_id";

test("the duckdb phase reads every row: rows, actions and days as counted by hand", () => {
  const dir = mkdtempSync(join(tmpdir(), "bench-duckdb-"));
  const log = join(dir, "log.csv");
  const rows = [
    '2025-03-01T10:00:00.000Z,d,u1,ds1,,edit_dataset,,,"{""a"",""b""}",,,',
    "2025-03-01T11:00:00.000Z,d,u2,ds1,,publish_dataset,,,,,,culture",
    "2025-03-02T09:00:00.000Z,d,u1,,,edit_page,,p1,,,,",
    "2025-03-04T23:59:59.999Z,d,,ds2,,edit_dataset,,,,,,",
  ];
  writeFileSync(log, [HEADER, ...rows].join("\n") + "\n");
  const stdout = execFileSync(process.execPath, ["--import", "tsx", "bench/measure.ts", "duckdb", log, join(dir, "out")], {encoding: "utf8"});
  const line = JSON.parse(stdout.trim().split("\n").at(-1)!);
  assert.is(line.phase, "duckdb");
  assert.is(line.rows, 4);
  assert.is(line.actions, 3); // edit_dataset, publish_dataset, edit_page
  assert.is(line.days, 3); // 1, 2 and 4 March (UTC)
  assert.ok(line.duckdbSeconds > 0);
});

test.run();
