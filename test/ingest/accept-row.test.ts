import {test} from "uvu";
import * as assert from "uvu/assert";
import {acceptRow, canonicalName, ColumnIndex} from "../../src/ingest/accept-row.js";

test("canonicalName: known fields lowercased and trimmed, others trimmed", () => {
  assert.is(canonicalName("  User_ID "), "user_id");
  assert.is(canonicalName("TIMESTAMP"), "timestamp");
  assert.is(canonicalName(" Source "), "Source");
  assert.is(canonicalName("time"), "time_extra");
  assert.is(canonicalName("  "), "unnamed");
});

test("ColumnIndex: numbers by first appearance, output order known fields first", () => {
  const columns = new ColumnIndex();
  assert.equal(
    ["Extra", "action", " Timestamp", "USER_ID", "action ", "Other"].map((n) => columns.numberOf(n)),
    [0, 1, 2, 3, 1, 4],
  );
  assert.equal(columns.outputOrder(), ["timestamp", "user_id", "action", "Extra", "Other"]);
  assert.is(columns.find("timestamp"), 2);
  assert.is(columns.find("diff"), -1);
});

test("acceptRow: values by column number, missing ones empty, kept as written", () => {
  const columns = new ColumnIndex();
  columns.numberOf("diff");
  const result = acceptRow({line: 2, names: ["Action", "timestamp"], values: [" create ", "2025-01-01T00:00:00Z"]}, columns, "UTC");
  assert.equal(result, {time: Date.UTC(2025, 0, 1), values: ["", " create ", "2025-01-01T00:00:00Z"]});
});

test("acceptRow: reasons", () => {
  const columns = new ColumnIndex();
  const reason = (names: string[], values: string[], problem?: string) => {
    const result = acceptRow({line: 1, names, values, problem}, columns, "UTC");
    return "reason" in result ? result.reason : "accepted";
  };
  assert.is(reason(["timestamp", "action"], ["2025-01-01T00:00:00Z", " \t"]), "action is empty");
  assert.is(reason(["action"], ["a"]), "timestamp is empty");
  assert.is(reason(["timestamp", "action"], ["2025-01-01", "a"]), 'timestamp "2025-01-01" is a date without a time');
  assert.is(reason(["timestamp", "action"], ["x", "a"], "row has 3 fields, the header has 2"), "row has 3 fields, the header has 2");
  assert.is(reason(["timestamp", "user_id", "action"], ["2025-01-01T00:00:00Z", "", "a"]), "accepted");
});

test("acceptRow: timestamps outside the years 1970 to 2199 (UTC) are rejected, the bounds' own instants decide", () => {
  const columns = new ColumnIndex();
  const reason = (stamp: string, timeZone = "UTC") => {
    const result = acceptRow({line: 1, names: ["timestamp", "action"], values: [stamp, "a"]}, columns, timeZone);
    return "reason" in result ? result.reason : "accepted";
  };
  const outside = (stamp: string) => `timestamp "${stamp.trim()}" is outside the years 1970 to 2199 (UTC) that a report covers`;
  for (const far of [
    "9999-12-31T23:59:59.999Z",
    "0001-01-01T00:00:00Z",
    "1969-12-31T23:59:59.999Z",
    "2200-01-01T00:00:00.000Z",
    " 1970-01-01T00:30:00+01:00 ",
  ]) {
    assert.is(reason(far), outside(far), far);
  }
  assert.is(reason("1970-01-01T00:00:00", "Europe/Paris"), outside("1970-01-01T00:00:00")); // 23:00 UTC the day before
  for (const edge of ["1970-01-01T00:00:00.000Z", "2199-12-31T23:59:59.999Z", "2200-01-01T00:00:00+01:00", "1969-12-31T19:00:00-05:00"]) {
    assert.is(reason(edge), "accepted", edge);
  }
});

test("acceptRow: a field named twice is reported after an oversized field before it, not after one past it", () => {
  const columns = new ColumnIndex();
  const big = "x".repeat(1024 * 1024 + 1);
  const reason = (names: string[], values: string[]) => {
    const result = acceptRow({line: 1, names, values}, columns, "UTC");
    return "reason" in result ? result.reason : "accepted";
  };
  assert.is(reason(["timestamp", "action", "Action", "diff"], ["2025-01-01T00:00:00Z", "a", "b", big]), 'field "action" appears twice in this record');
  assert.is(
    reason(["diff", "timestamp", "action", "Action"], [big, "2025-01-01T00:00:00Z", "a", "b"]),
    'field "diff" is larger than 1 MiB (1048577 characters)',
  );
});

test("acceptRow: a record whose fields are the columns in order keeps its values; others are placed by column", () => {
  const columns = new ColumnIndex();
  const names = ["timestamp", "action"];
  const values = ["2025-01-01T00:00:00Z", "a"];
  const same = acceptRow({line: 1, names, values}, columns, "UTC");
  assert.equal(same, {time: Date.UTC(2025, 0, 1), values: ["2025-01-01T00:00:00Z", "a"]});
  const swapped = acceptRow({line: 2, names: ["action", "timestamp"], values: ["b", "2025-01-02T00:00:00Z"]}, columns, "UTC");
  assert.equal(swapped, {time: Date.UTC(2025, 0, 2), values: ["2025-01-02T00:00:00Z", "b"]});
  const shorter = acceptRow({line: 3, names: ["timestamp"], values: ["2025-01-03T00:00:00Z"]}, columns, "UTC");
  assert.equal(shorter, {reason: "action is empty"});
});

test.run();
