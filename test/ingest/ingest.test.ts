import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {ingest, type ActivityLog} from "../../src/ingest/index.js";
import {fieldText, RAW_MARK} from "../../src/ingest/json-value.js";
import {ConfigError, InputError} from "../../src/errors.js";

const fixtures = "test/fixtures/ingest";
const at = (name: string) => join(fixtures, name);
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);
const dir = mkdtempSync(join(tmpdir(), "ingest-"));
const rowsOf = (log: ActivityLog) => log.table.objects() as Record<string, unknown>[];
function tempFile(name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

test("accounting: every row is accepted, rejected or a duplicate (fixture counted by hand)", async () => {
  const log = await ingest({inputs: [at("accounting.csv")], timeZone: "Europe/Paris"});
  assert.equal(log.counts, {files: 1, rows: 13, accepted: 5, rejected: 6, duplicates: 2});
  assert.equal(
    log.rejects.map((r) => [r.line, r.reason]),
    [
      [4, 'timestamp "2025-02-30T10:00:00Z" is not a valid date'],
      [6, 'timestamp "2025-03-01" is a date without a time'],
      [7, "action is empty"],
      [12, "row has 6 fields, the header has 12"],
      [13, 'timestamp "not a date" is not an ISO 8601 date-time'],
      [16, "timestamp is empty"],
    ],
  );
  assert.is(log.rejects[0].file, at("accounting.csv"));
  assert.equal(log.rejects[3].fields, {
    timestamp: "2025-03-01T14:00:00Z",
    domain_id: "d",
    user_id: "carol",
    dataset_id: "ds4",
    username: "",
    action: "create_dataset",
  });
  assert.equal(log.duplicates, [
    {file: at("accounting.csv"), line: 5, firstSeen: `${at("accounting.csv")}:2`},
    {file: at("accounting.csv"), line: 14, firstSeen: `${at("accounting.csv")}:8`},
  ]);
  // sorted by time; 10:00:00Z (line 2) and 10:00:00.000Z (line 15) tie: by their values' hashes
  const rows = rowsOf(log);
  const [first, second] = [rows[1], rows[2]].map((r) => r.timestamp);
  assert.equal(
    rows.map((r) => [r.time, r.user_id, r.timestamp]),
    [
      [utc(2025, 3, 1, 8), "bob", "2025-03-01T09:00:00+01:00"],
      [utc(2025, 3, 1, 10), "alice", first],
      [utc(2025, 3, 1, 10), "alice", second],
      [utc(2025, 3, 1, 12), "", "2025-03-01T12:00:00Z"],
      [utc(2025, 3, 1, 13), "carol", "2025-03-01T13:00:00Z"],
    ],
  );
  assert.equal([first, second].sort(), ["2025-03-01T10:00:00.000Z", "2025-03-01T10:00:00Z"]);
  assert.ok(log.rows.hash[1] < log.rows.hash[2] || (log.rows.hash[1] === log.rows.hash[2] && log.rows.hash2[1] < log.rows.hash2[2]), "the tie by hash");
  assert.is(rows[0].diff, '{"title":"a;b"}');
  assert.is(rows[4].diff, "multi\nline diff");
  assert.equal(log.columns, [
    "timestamp",
    "domain_id",
    "user_id",
    "dataset_id",
    "username",
    "action",
    "group_id",
    "page_id",
    "diff",
    "map_id",
    "reuse_title",
    "subdomain_id",
  ]);
  assert.equal(log.table.columnNames(), ["time", ...log.columns]);
});

test("accounting across files: a duplicate in another file, an extra column, a naive time", async () => {
  const log = await ingest({inputs: [at("accounting.csv"), at("accounting-2.ndjson")], timeZone: "Europe/Paris"});
  assert.equal(log.counts, {files: 2, rows: 16, accepted: 7, rejected: 6, duplicates: 3});
  assert.equal(log.counts.rows, log.counts.accepted + log.counts.rejected + log.counts.duplicates);
  assert.equal(log.duplicates[2], {file: at("accounting-2.ndjson"), line: 1, firstSeen: `${at("accounting.csv")}:2`});
  assert.equal(log.columns.at(-1), "Source");
  const rows = rowsOf(log);
  assert.equal(
    rows.slice(-2).map((r) => [r.time, r.Source, r.domain_id]),
    [
      [utc(2025, 3, 1, 15), "api", ""], // 16:00 Paris (+01:00) is 15:00 UTC: ties keep file order
      [utc(2025, 3, 1, 15), "api", ""],
    ],
  );
  assert.is(rows[0].Source, "");
  assert.equal(log.files, [at("accounting.csv"), at("accounting-2.ndjson")]);
});

test("the same log as CSV, JSON and NDJSON gives identical tables (as text; JSON values are held as written)", async () => {
  const logs = await Promise.all(["same.csv", "same.json", "same.ndjson"].map((name) => ingest({inputs: [at(name)], timeZone: "UTC"})));
  const asText = (row: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(row).map(([name, value]) => [name, typeof value === "string" ? fieldText(value) : value]));
  const [csv, json, ndjson] = logs.map((log) => ({columns: log.columns, rows: rowsOf(log).map(asText), counts: log.counts}));
  const held = rowsOf(logs[1]);
  assert.equal(
    [held[0].diff, held[0].map_id, held[0].flag, held[1].map_id, held[1].diff],
    [`${RAW_MARK}null`, `${RAW_MARK}null`, `${RAW_MARK}false`, `${RAW_MARK}42`, `${RAW_MARK}{"title":"Café","tags":["a","b"]}`],
  );
  assert.equal(csv.columns, ["timestamp", "user_id", "dataset_id", "action", "diff", "map_id", "flag"]);
  assert.equal(csv.rows[0], {
    time: utc(2025, 1, 1, 9),
    timestamp: "2025-01-01T10:00:00+01:00",
    user_id: "u2",
    dataset_id: "ds2",
    action: "update_dataset",
    diff: "",
    map_id: "",
    flag: "false",
  });
  assert.equal(csv.rows[1].diff, '{"title":"Café","tags":["a","b"]}');
  assert.equal(csv.rows[2].time, utc(2025, 1, 3, 10, 0, 0, 123));
  assert.equal(json, csv);
  assert.equal(ndjson, csv);
});

test("a directory: its log files in name order, nothing else, no sub-directories", async () => {
  const log = await ingest({inputs: [at("logs")], timeZone: "UTC"});
  assert.equal(log.files, [join(fixtures, "logs", "a.ndjson"), join(fixtures, "logs", "b.csv")]);
  assert.equal(log.counts, {files: 2, rows: 6, accepted: 3, rejected: 0, duplicates: 3});
  assert.is(log.duplicates[0].firstSeen, `${join(fixtures, "logs", "a.ndjson")}:1`);
});

test("format override reads a .txt file as NDJSON; progress reaches the total", async () => {
  const file = tempFile("log.txt", '{"timestamp": "2025-01-01T00:00:00Z", "action": "a"}\n');
  const progress: [number, number][] = [];
  const log = await ingest({inputs: [file], format: "ndjson", timeZone: "UTC", onProgress: (read, total) => progress.push([read, total])});
  assert.is(log.counts.accepted, 1);
  assert.equal(progress.at(-1), [53, 53]);
});

test("a field over 1 MiB rejects its row; the reported value is cut with a marker", async () => {
  const big = "x".repeat(1024 * 1024 + 1);
  const file = tempFile("big.csv", `timestamp,action,diff\n2025-01-01T00:00:00Z,a,${big}\n2025-01-01T00:00:01Z,b,small\n`);
  const log = await ingest({inputs: [file], timeZone: "UTC"});
  assert.equal(log.counts, {files: 1, rows: 2, accepted: 1, rejected: 1, duplicates: 0});
  assert.is(log.rejects[0].reason, 'field "diff" is larger than 1 MiB (1048577 characters)');
  assert.is(log.rejects[0].fields.diff, `${"x".repeat(1024)}… [cut: 1048577 characters]`);
});

test("header names match whatever their case and spaces; a field named twice rejects its record", async () => {
  const file = tempFile("twice.ndjson", '{"timestamp": "2025-01-01T00:00:00Z", "Action": "a", " action ": "b"}\n');
  const log = await ingest({inputs: [file], timeZone: "UTC"});
  assert.is(log.rejects[0].reason, 'field "action" appears twice in this record');
  const csv = tempFile("twice.csv", "timestamp,Action, action \n");
  await fails([csv], `${csv}:1: column "action" appears twice in the header`);
});

async function fails(inputs: string[], message: string, type: Function = InputError): Promise<void> {
  try {
    await ingest({inputs, timeZone: "UTC"});
    assert.unreachable("should throw");
  } catch (error) {
    assert.instance(error, type);
    assert.is((error as Error).message, message);
  }
}

test("fatal: missing file, path through a file, empty files, unknown extension", async () => {
  await fails([join(dir, "missing.csv")], `${join(dir, "missing.csv")}: no such file or directory`);
  const csv = tempFile("plain.csv", "timestamp,action\n");
  await fails([join(csv, "x.csv")], `${join(csv, "x.csv")}: a part of this path is not a directory`);
  for (const name of ["empty.csv", "empty.json", "empty.ndjson"]) {
    const file = tempFile(name, "");
    await fails([file], `${file}: the file is empty${name.endsWith(".csv") ? " (expected a CSV header line)" : ""}`);
  }
  const txt = tempFile("log.txt", "timestamp,action\n");
  await fails([txt], `${txt}: cannot tell the format from the extension (expected .csv, .json, .ndjson or .jsonl); give the format explicitly`);
});

test("fatal: a header without timestamp or action", async () => {
  const file = tempFile("no-action.csv", "timestamp;user_id;dataset_id\n2025-01-01T00:00:00Z;u;d\n");
  await fails([file], `${file}:1: the header has no "action" column (found: timestamp, user_id, dataset_id)`);
  const other = tempFile("no-timestamp.csv", "date,action\n");
  await fails([other], `${other}:1: the header has no "timestamp" column (found: date, action)`);
});

test("fatal: NUL bytes and invalid UTF-8 name the file and line", async () => {
  const binary = tempFile("binary.csv", Buffer.from("timestamp,action\n2025-01-01T00:00:00Z,a\n\x00\x01\x02", "latin1"));
  await fails([binary], `${binary}:3: NUL byte: this is not a text file`);
  const latin1 = tempFile("latin1.csv", Buffer.from("timestamp,action\n2025-01-01T00:00:00Z,créé\n", "latin1"));
  await fails([latin1], `${latin1}:2: bytes that are not valid UTF-8 (byte 0xE9); save the file as UTF-8`);
  const truncated = tempFile("truncated.ndjson", Buffer.concat([Buffer.from('{"action": "'), Buffer.from([0xe2, 0x82])]));
  await fails([truncated], `${truncated}:1: bytes that are not valid UTF-8 (byte 0xE2); save the file as UTF-8`);
});

test("fatal: invalid JSON with line:column, an open quote at the end of a CSV", async () => {
  const json = tempFile("bad.json", '[\n{"timestamp": "2025-01-01T00:00:00Z", "action": "a"} {}\n]');
  await fails([json], `${json}:2:54: invalid JSON: expected "," or "]", found "{"`);
  const csv = tempFile("open.csv", 'timestamp,action\n2025-01-01T00:00:00Z,"a\n');
  await fails([csv], `${csv}:2:22: the quoted field opened here is not closed before the end of the file`);
});

test("fatal: a directory without log files; an unknown time zone is a ConfigError", async () => {
  await fails([at("no-logs")], `${at("no-logs")}: no log file in this directory (expected .csv, .json, .ndjson or .jsonl)`);
  try {
    await ingest({inputs: [at("same.csv")], timeZone: "Mars/Olympus"});
    assert.unreachable("should throw");
  } catch (error) {
    assert.instance(error, ConfigError);
  }
});

test.run();
