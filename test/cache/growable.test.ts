import {test} from "uvu";
import * as assert from "uvu/assert";
import {concat, grow, roomFor, withRoom} from "../../src/cache/growable.js";
import {extendHashIndex, hashIndexOf} from "../../src/cache/hash-index.js";

test("grow: in place once when the array has room, a copy otherwise; the first entries are kept", () => {
  const cached = withRoom(Float64Array, 3, 4);
  cached.set([1, 2, 3]);
  const grown = grow(cached, 2);
  assert.is(grown.buffer, cached.buffer, "an array with room was copied");
  assert.equal([...grown.subarray(0, 3)], [1, 2, 3]);
  assert.is(grown.length, 5);
  // grown a second time, the same array must not hand out the same room again
  const again = grow(cached, 1);
  assert.is.not(again.buffer, cached.buffer);
  assert.equal([...again], [1, 2, 3, 0]);
  // too little room, or an array not made with room: a copy
  const small = withRoom(Int32Array, 2, 1);
  small.set([7, 8]);
  assert.is.not(grow(small, 2).buffer, small.buffer);
  const plain = Int32Array.from([1]);
  assert.is.not(grow(plain, 1).buffer, plain.buffer);
});

test("concat: the array then the tail, whether in place or copied", () => {
  const cached = withRoom(Int32Array, 2, 8);
  cached.set([4, 5]);
  assert.equal([...concat(cached, Int32Array.from([6, 7]))], [4, 5, 6, 7]);
  assert.equal([...concat(Int32Array.from([1]), Int32Array.from([2, 3]))], [1, 2, 3]);
  assert.ok(roomFor(1_000_000) >= 30_000 && roomFor(10) === 65_536);
});

test("extendHashIndex in the room after a cached index: the same index as sorted anew", () => {
  let seed = 7;
  const hashes = Int32Array.from({length: 5_000}, () => (seed = (seed * 1103515245 + 12345) % 2 ** 30));
  const old = hashIndexOf(hashes.subarray(0, 4_000));
  const cached = withRoom(Float64Array, old.length, 2_000);
  cached.set(old);
  const grown = extendHashIndex(cached, hashes);
  assert.is(grown.buffer, cached.buffer);
  assert.equal([...grown], [...hashIndexOf(hashes)]);
});

test.run();
