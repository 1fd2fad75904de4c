/**
 * Size limits of ingest, in process: a field over 1 MiB rejects its row (with a reason naming the
 * field, the value cut in the report) and the rest of the file is read; a field of exactly 1 MiB is
 * kept; a quoted 2 MiB field with 20,000 newlines does not shift the lines of later rows; a row with
 * 100,000 fields under a 12-field header is rejected and the next row is read. CSV, NDJSON, JSON.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {ingest} from "../../src/ingest/index.js";

const dir = mkdtempSync(path.join(tmpdir(), "ar-limits-"));
const MIB = 1024 * 1024;
const HEADER = "timestamp,domain_id,user_id,dataset_id,username,action,group_id,page_id,diff,map_id,reuse_title,subdomain_id";
const row = (minute: number, diff: string) => `2025-03-01T10:${String(minute).padStart(2, "0")}:00Z,demo,alice,roads,,edit_dataset,,,${diff},,,`;

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

test("CSV: a field over 1 MiB rejects its row only; 1 MiB exactly is kept; later lines stay right", async () => {
  const multiLine = `"${"y\n".repeat(20_000)}${"z".repeat(2 * MIB - 40_000)}"`; // 2 MiB, lines 5 to 20,005
  const file = write(
    "big-fields.csv",
    [
      HEADER,
      row(1, "small"), // line 2
      row(2, "x".repeat(MIB + 1)), // line 3
      row(3, "w".repeat(MIB)), // line 4
      row(4, multiLine), // line 5
      row(5, "after"), // line 20,006
      "",
    ].join("\n"),
  );
  const log = await ingest({inputs: [file], timeZone: "UTC"});
  assert.equal(log.counts, {files: 1, rows: 5, accepted: 3, rejected: 2, duplicates: 0});
  assert.equal(
    log.rejects.map((r) => [r.line, r.reason]),
    [
      [3, `field "diff" is larger than 1 MiB (${MIB + 1} characters)`],
      [5, `field "diff" is larger than 1 MiB (${2 * MIB} characters)`],
    ],
  );
  // the report keeps 1 KiB of the value and says how long it was
  assert.ok(log.rejects[0].fields.diff.length < 1100);
  assert.ok(log.rejects[0].fields.diff.startsWith("x".repeat(1000)));
  assert.ok(log.rejects[0].fields.diff.endsWith(`[cut: ${MIB + 1} characters]`));
  assert.is(log.rejects[0].fields.user_id, "alice");
  const diffs = log.table.array("diff") as string[];
  assert.equal(
    diffs.map((d) => d.length),
    [5, MIB, 5],
  );
  assert.is(diffs[2], "after");
});

test("CSV: a row with 100,000 fields under a 12-field header is rejected and the next row read", async () => {
  const wide = "2025-03-01T10:00:00Z" + ",f".repeat(99_999);
  const file = write("wide.csv", [HEADER, row(1, "a"), wide, row(2, "b"), ""].join("\r\n"));
  const log = await ingest({inputs: [file], timeZone: "UTC"});
  assert.equal(log.counts, {files: 1, rows: 3, accepted: 2, rejected: 1, duplicates: 0});
  assert.is(log.rejects[0].line, 3);
  assert.is(log.rejects[0].reason, "row has 100000 fields, the header has 12");
  assert.is(log.rejects[0].fields.timestamp, "2025-03-01T10:00:00Z");
  assert.equal(log.table.array("diff"), ["a", "b"]);
});

test("NDJSON: a value over 1 MiB rejects its line only, the next lines are read", async () => {
  const record = (minute: number, diff: unknown) => JSON.stringify({timestamp: `2025-03-01T10:0${minute}:00Z`, action: "edit_dataset", user_id: "bob", diff});
  const file = write("big.ndjson", [record(1, "a"), record(2, "é".repeat(MIB + 1)), record(3, {nested: "q".repeat(MIB)}), record(4, "b"), ""].join("\n"));
  const log = await ingest({inputs: [file], timeZone: "UTC"});
  assert.equal(log.counts, {files: 1, rows: 4, accepted: 2, rejected: 2, duplicates: 0});
  // an object value counts as its JSON text: {"nested":"q…"} is 1 MiB + 13 characters
  assert.equal(
    log.rejects.map((r) => [r.line, r.reason]),
    [
      [2, `field "diff" is larger than 1 MiB (${MIB + 1} characters)`],
      [3, `field "diff" is larger than 1 MiB (${MIB + 13} characters)`],
    ],
  );
  assert.equal(log.table.array("diff"), ["a", "b"]);
});

test("JSON: a value over 1 MiB rejects its record only", async () => {
  const records = [
    {timestamp: "2025-03-01T10:00:00Z", action: "a", diff: "ok"},
    {timestamp: "2025-03-01T10:01:00Z", action: "b", diff: "x".repeat(MIB + 1)},
    {timestamp: "2025-03-01T10:02:00Z", action: "c", diff: "ok"},
  ];
  const file = write("big.json", JSON.stringify(records, null, 1));
  const log = await ingest({inputs: [file], timeZone: "UTC"});
  assert.equal(log.counts, {files: 1, rows: 3, accepted: 2, rejected: 1, duplicates: 0});
  assert.match(log.rejects[0].reason, /field "diff" is larger than 1 MiB/);
  assert.is(log.rejects[0].line, 7); // "[", then 5 lines per record written with an indent of 1
  assert.equal(log.table.array("action"), ["a", "c"]);
});

test.after(() => rmSync(dir, {recursive: true, force: true}));

test.run();
