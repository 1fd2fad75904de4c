import {test} from "uvu";
import * as assert from "uvu/assert";
import {rowOrder} from "../../src/ingest/row-order.js";

/** Keys of rows with these times and hashes (hash2 = hash unless given). */
const keys = (time: number[], hash = time.map(() => 0), hash2 = hash) => ({time, hash, hash2});

test("rowOrder: undefined when already sorted, else by time, then hashes, then input order", () => {
  assert.is(rowOrder(keys([1, 1, 2, 5])), undefined);
  assert.is(rowOrder(keys([])), undefined);
  assert.equal(rowOrder(keys([3, 1, 3, 1, 2])), [1, 3, 4, 0, 2]);
  // newest first, with ties: reversed by runs, each run in input order
  assert.equal(rowOrder(keys([5, 5, 3, 3, 3, 1])), [5, 2, 3, 4, 0, 1]);
  assert.equal(rowOrder(keys([2, 1])), [1, 0]);
  const many = Array.from({length: 5000}, (_, i) => (i % 3 === 0 ? 10 : 5));
  const order = rowOrder(keys(many))!;
  const fives = order.slice(0, many.filter((t) => t === 5).length);
  assert.ok(
    fives.every((row, i) => i === 0 || row > fives[i - 1]),
    "ties keep input order",
  );
  // rows of one instant by their hashes, whatever their input order: the first, then the second hash
  assert.equal(rowOrder(keys([7, 7, 7, 7], [9, 3, 9, 1], [2, 5, 1, 0])), [3, 1, 2, 0]);
  assert.is(rowOrder(keys([7, 7, 8], [1, 2, 0])), undefined);
  assert.equal(rowOrder(keys([8, 7, 7], [0, 2, 1])), [2, 1, 0], "newest first, the instant's rows by hash");
});

test("rowOrder: a log in time order sorts only its instants' rows; the same order a full sort gives", () => {
  const next = (() => {
    let a = 11;
    return () => (a = (Math.imul(a, 48271) + 7) >>> 0) % 997;
  })();
  for (const descending of [false, true]) {
    const time = Array.from({length: 3000}, (_, i) => Math.floor(i / 3)).map((t) => (descending ? 5000 - t : t));
    const hash = time.map(() => next() % 5);
    const hash2 = time.map(() => next());
    const order = rowOrder({time, hash, hash2}) ?? time.map((_, i) => i);
    const full = time.map((_, i) => i).sort((a, b) => time[a] - time[b] || hash[a] - hash[b] || hash2[a] - hash2[b] || a - b);
    assert.equal(order, full, descending ? "newest first" : "oldest first");
  }
});

test.run();
