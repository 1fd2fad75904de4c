import {test} from "uvu";
import * as assert from "uvu/assert";
import {extendHashIndex, hashIndexOf, MAX_INDEXED_ROWS, rowsWithHash, spliceHashIndex} from "../../src/cache/hash-index.js";
import {spliceRows} from "../../src/cache/merge-rows.js";

const hashes = Int32Array.from([7, 0x3fffffff, 7, 3, 0, 7, 3]);

test("hashIndexOf: packs hash and row, ascending", () => {
  const index = hashIndexOf(hashes);
  assert.is(index.length, hashes.length);
  for (let i = 1; i < index.length; i++) assert.ok(index[i - 1] < index[i]);
  assert.is(index[0], 0 * MAX_INDEXED_ROWS + 4);
  assert.is(index.at(-1), 0x3fffffff * MAX_INDEXED_ROWS + 1, "the largest 30-bit hash stays exact");
});

test("rowsWithHash: every row with that hash, ascending, and none for an absent hash", () => {
  const index = hashIndexOf(hashes);
  assert.equal(rowsWithHash(index, 7), [0, 2, 5]);
  assert.equal(rowsWithHash(index, 3), [3, 6]);
  assert.equal(rowsWithHash(index, 0x3fffffff), [1]);
  assert.equal(rowsWithHash(index, 8), []);
  assert.equal(rowsWithHash(new Float64Array(0), 7), []);
});

test("extendHashIndex: the index of the grown array, as if sorted anew", () => {
  const old = hashIndexOf(hashes.subarray(0, 4));
  const grown = extendHashIndex(old, hashes);
  assert.equal([...grown], [...hashIndexOf(hashes)]);
  // random hashes, 10,000 old rows and 300 new ones
  const many = Int32Array.from({length: 10_300}, (_, i) => (Math.imul(i + 1, 2654435761) >>> 2) % 5000);
  assert.equal([...extendHashIndex(hashIndexOf(many.subarray(0, 10_000)), many)], [...hashIndexOf(many)]);
});

test("spliceHashIndex: new rows placed among the old ones, the index as if sorted anew", () => {
  const many = Int32Array.from({length: 10_300}, (_, i) => (Math.imul(i + 1, 2654435761) >>> 2) % 5000);
  const old = many.slice(0, 10_000);
  const added = many.slice(10_000);
  for (const places of [
    Int32Array.from({length: 300}, (_, r) => Math.floor((r * 10_000) / 300)),
    Int32Array.from({length: 300}, () => 0),
    Int32Array.from({length: 300}, (_, r) => 9_900 + Math.floor(r / 3)),
  ]) {
    const merged = spliceRows(old.slice(), added, places);
    assert.equal([...spliceHashIndex(hashIndexOf(old), merged, places)], [...hashIndexOf(merged)]);
  }
});

test.run();
