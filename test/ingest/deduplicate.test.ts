import {test} from "uvu";
import * as assert from "uvu/assert";
import {DuplicateIndex, rowHash} from "../../src/ingest/deduplicate.js";

test("rowHash: a 30-bit integer, equal for equal rows, trailing empty columns ignored", () => {
  const h = rowHash(["2025-01-01T00:00:00Z", "create", "u1"]);
  assert.ok(Number.isInteger(h) && h >= 0 && h < 2 ** 30);
  assert.is(rowHash(["2025-01-01T00:00:00Z", "create", "u1"]), h);
  assert.is(rowHash(["2025-01-01T00:00:00Z", "create", "u1", "", ""]), h);
});

test("rowHash: moving text between fields or columns changes the hash", () => {
  assert.is.not(rowHash(["ab", "c"]), rowHash(["a", "bc"]));
  assert.is.not(rowHash(["a", ""]), rowHash(["", "a"]));
  assert.is.not(rowHash(["a", "b"]), rowHash(["b", "a"]));
});

test("DuplicateIndex: finds the first equal row, tells apart rows that share a hash", () => {
  const columns: string[][] = [["t1", "t1", "t2"], ["a", "b", "a"]];
  const index = new DuplicateIndex(columns);
  // force every row onto the same hash to exercise the comparison
  index.remember(7, 0);
  index.remember(7, 1);
  assert.is(index.find(["t1", "b"], 7), 1);
  assert.is(index.find(["t1", "a"], 7), 0);
  assert.is(index.find(["t2", "a"], 7), -1);
  assert.is(index.find(["t1", "a"], 8), -1);
});

test("DuplicateIndex: a column added later counts as empty for earlier rows", () => {
  const columns: string[][] = [["t1"], ["a"]];
  const index = new DuplicateIndex(columns);
  index.remember(rowHash(["t1", "a"]), 0);
  columns.push([""]);
  assert.is(index.find(["t1", "a", ""], rowHash(["t1", "a", ""])), 0);
  assert.is(index.find(["t1", "a", "x"], rowHash(["t1", "a", "x"])), -1);
});

test.run();
