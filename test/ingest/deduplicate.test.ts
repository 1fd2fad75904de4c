import {test} from "uvu";
import * as assert from "uvu/assert";
import {DuplicateIndex, rowHash, type StoredRows} from "../../src/ingest/deduplicate.js";

/** Rows stored as plain arrays, [column][row], as DuplicateIndex reads them. */
const stored = (columns: string[][]): StoredRows => ({
  get columnCount() {
    return columns.length;
  },
  value: (column, row) => columns[column]?.[row] ?? "",
});

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
  const columns: string[][] = [
    ["t1", "t1", "t2"],
    ["a", "b", "a"],
  ];
  const index = new DuplicateIndex(stored(columns));
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
  const index = new DuplicateIndex(stored(columns));
  index.remember(rowHash(["t1", "a"]), 0);
  columns.push([""]);
  assert.is(index.find(["t1", "a", ""], rowHash(["t1", "a", ""])), 0);
  assert.is(index.find(["t1", "a", "x"], rowHash(["t1", "a", "x"])), -1);
});

test("DuplicateIndex: past its first table size, every row is still found, and only its equal", () => {
  // the first 50 rows share hash 7 (collisions on purpose), the others are spread
  const hashOf = (row: number) => (row < 50 ? 7 : (Math.imul(row, 0x9e3779b1) >>> 2) & 0x3fffffff);
  const count = 70_000; // the table starts with 65,536 slots and grows at half full
  const columns: string[][] = [[], []];
  const index = new DuplicateIndex(stored(columns));
  for (let row = 0; row < count; row++) {
    columns[0].push(`t${row}`);
    columns[1].push(row % 2 === 0 ? "a" : "b");
    index.remember(hashOf(row), row);
  }
  for (const row of [0, 1, 49, 50, 999, 1000, 65_535, 69_999]) {
    assert.is(index.find([`t${row}`, row % 2 === 0 ? "a" : "b"], hashOf(row)), row);
    assert.is(index.find([`t${row}`, row % 2 === 0 ? "b" : "a"], hashOf(row)), -1);
  }
  assert.is(index.find(["t5", "b"], 6), -1); // right row, other hash
});

test.run();
