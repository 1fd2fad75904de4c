import {test} from "uvu";
import * as assert from "uvu/assert";
import {hashIndexOf} from "../../src/cache/hash-index.js";
import {knownRows} from "../../src/cache/known-rows.js";

const cached = {hash: Int32Array.from([5, 9, 5, 7]), hash2: Int32Array.from([50, 90, 51, 70])};
const cache = {hashIndex: hashIndexOf(cached.hash), rows: {...cached, file: new Int32Array(4), line: new Int32Array(4)}};

test("knownRows: each row's cached row by both hashes, in any order; -1 for a row the cache lacks", () => {
  const rows = {hash: Int32Array.from([7, 5, 5, 9, 4]), hash2: Int32Array.from([70, 51, 50, 90, 40])};
  assert.equal([...knownRows(cache, rows)], [3, 2, 0, 1, -1]);
});

test("knownRows: the same first hash with another second hash is not known; a cached row is given once", () => {
  const rows = {hash: Int32Array.from([5, 5, 9, 9]), hash2: Int32Array.from([52, 50, 90, 90])};
  assert.equal([...knownRows(cache, rows)], [-1, 0, 1, -1]);
});

test.run();
