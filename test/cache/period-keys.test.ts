import {test} from "uvu";
import * as assert from "uvu/assert";
import {periodContentKey, rowsDigest} from "../../src/cache/period-keys.js";

const rows = (pairs: [number, number][]) => ({hash: Int32Array.from(pairs, ([a]) => a), hash2: Int32Array.from(pairs, ([, b]) => b)});
const base: [number, number][] = [[1, 10], [2, 20], [3, 30], [4, 40]];

test("rowsDigest: equal rows give equal digests, with the row count", () => {
  assert.is(rowsDigest(rows(base), 0, 4), rowsDigest(rows([...base]), 0, 4));
  assert.match(rowsDigest(rows(base), 1, 3), /^[0-9a-f]{8}:[0-9a-f]{8}:2$/);
  assert.is(rowsDigest(rows(base), 1, 3), rowsDigest(rows([[9, 9], [2, 20], [3, 30]]), 1, 3), "only the range counts");
});

test("rowsDigest: a changed, added, removed or reordered row changes it", () => {
  const digest = rowsDigest(rows(base), 0, 4);
  assert.is.not(rowsDigest(rows([[1, 10], [2, 20], [3, 31], [4, 40]]), 0, 4), digest, "second hash changed only");
  assert.is.not(rowsDigest(rows([[1, 10], [2, 20], [5, 30], [4, 40]]), 0, 4), digest, "first hash changed only");
  assert.is.not(rowsDigest(rows([...base, [5, 50]]), 0, 5), digest, "added");
  assert.is.not(rowsDigest(rows(base), 0, 3), digest, "removed");
  assert.is.not(rowsDigest(rows([[2, 20], [1, 10], [3, 30], [4, 40]]), 0, 4), digest, "reordered");
});

test("periodContentKey: a hex SHA-256 of every part, sensitive to each", () => {
  const parts = {code: "c1", columns: ["timestamp", "action"], rows: "00:00:0", content: {top: 5, title: "x"}};
  const key = periodContentKey(parts);
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.is(periodContentKey(structuredClone(parts)), key);
  assert.is.not(periodContentKey({...parts, code: "c2"}), key);
  assert.is.not(periodContentKey({...parts, columns: ["timestamp", "action", "extra"]}), key);
  assert.is.not(periodContentKey({...parts, rows: "00:00:1"}), key);
  assert.is.not(periodContentKey({...parts, content: {top: 3, title: "x"}}), key);
});

test.run();
