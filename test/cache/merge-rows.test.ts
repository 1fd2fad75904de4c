import {test} from "uvu";
import * as assert from "uvu/assert";
import {withRoom} from "../../src/cache/growable.js";
import {firstChangedRow, placesAmong, shiftsFrom, spliceRows} from "../../src/cache/merge-rows.js";
import {timeOrder} from "../../src/ingest/log-rows.js";

test("placesAmong: a new row goes after every cached row of its instant or before", () => {
  const cached = Float64Array.from([10, 20, 20, 30]);
  assert.equal([...placesAmong(cached, Float64Array.from([5, 20, 20, 25, 30, 40]))], [0, 3, 3, 3, 4, 4]);
  assert.equal([...placesAmong(cached, Float64Array.from([31, 40]))], [4, 4], "rows that only extend the log");
  assert.equal([...placesAmong(new Float64Array(0), Float64Array.from([1, 2]))], [0, 0]);
  assert.is(firstChangedRow(Int32Array.from([3, 4]), 4), 3);
  assert.is(firstChangedRow(new Int32Array(0), 4), 4);
});

test("spliceRows: the order a stable sort of the cached rows then the new rows gives (ingest's timeOrder)", () => {
  const next = (() => {
    let a = 7;
    return () => ((a = (Math.imul(a, 48271) + 11) >>> 0) % 1000) / 10;
  })();
  for (const [n, k] of [
    [0, 5],
    [50, 0],
    [50, 7],
    [200, 60],
  ]) {
    const cachedTimes = Array.from({length: n}, () => Math.floor(next())).sort((x, y) => x - y);
    const addedTimes = Array.from({length: k}, () => Math.floor(next())).sort((x, y) => x - y);
    const all = [...cachedTimes, ...addedTimes];
    const order = timeOrder(all) ?? all.map((_, i) => i);
    // each row's number (its input order) goes where the cold order puts it
    const cached = withRoom(Int32Array, n, k);
    cached.set(cachedTimes.map((_, i) => i));
    const places = placesAmong(Float64Array.from(cachedTimes), Float64Array.from(addedTimes));
    const merged = spliceRows(
      cached,
      Int32Array.from(addedTimes, (_, r) => n + r),
      places,
    );
    assert.equal([...merged], order, `${n} cached rows, ${k} new`);
    assert.is(merged.buffer, cached.buffer, "in the room after the cached rows");
    // without room: a copy, the same rows
    const copy = spliceRows(
      Int32Array.from(cachedTimes, (_, i) => i),
      Int32Array.from(addedTimes, (_, r) => n + r),
      places,
    );
    assert.equal([...copy], order);
  }
});

test("shiftsFrom: how many new rows land before each cached row from a row on", () => {
  assert.equal([...shiftsFrom(Int32Array.from([1, 1, 3]), 5, 1)], [2, 2, 3, 3]);
  assert.equal([...shiftsFrom(Int32Array.from([5]), 5, 5)], []);
});

test.run();
