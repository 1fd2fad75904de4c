import {test} from "uvu";
import * as assert from "uvu/assert";
import {withRoom} from "../../src/cache/growable.js";
import {firstChangedRow, placesAmong, shiftsFrom, spliceRows} from "../../src/cache/merge-rows.js";
import {rowOrder} from "../../src/ingest/row-order.js";

/** Keys of rows with these times, and hashes when given (else 0). */
const keys = (time: number[], hash = time.map(() => 0)) => ({time, hash, hash2: hash.map((h) => h * 7)});

test("placesAmong: a new row goes after every cached row of a lower or equal key (time, then hashes)", () => {
  const cached = keys([10, 20, 20, 30]);
  assert.equal([...placesAmong(cached, keys([5, 20, 20, 25, 30, 40]))], [0, 3, 3, 3, 4, 4]);
  assert.equal([...placesAmong(cached, keys([31, 40]))], [4, 4], "rows that only extend the log");
  assert.equal([...placesAmong(keys([]), keys([1, 2]))], [0, 0]);
  // rows of one instant: among the cached ones by their hashes
  const instant = keys([20, 20, 20, 30], [2, 5, 8, 0]);
  assert.equal([...placesAmong(instant, keys([20, 20, 20, 20], [1, 5, 6, 9]))], [0, 2, 2, 3]);
  assert.is(firstChangedRow(Int32Array.from([3, 4]), 4), 3);
  assert.is(firstChangedRow(new Int32Array(0), 4), 4);
});

test("spliceRows: the order rowOrder gives the cached rows then the new rows", () => {
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
    // few instants and few hashes: ties of time, of hash and of both
    const row = () => [Math.floor(next() / 4), Math.floor(next() / 25)];
    const byKey = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1];
    const cachedRows = Array.from({length: n}, row).sort(byKey);
    const addedRows = Array.from({length: k}, row).sort(byKey);
    const all = [...cachedRows, ...addedRows];
    const order =
      rowOrder(
        keys(
          all.map((r) => r[0]),
          all.map((r) => r[1]),
        ),
      ) ?? all.map((_, i) => i);
    // each row's number (its input order) goes where the cold order puts it
    const cached = withRoom(Int32Array, n, k);
    cached.set(cachedRows.map((_, i) => i));
    const places = placesAmong(
      keys(
        cachedRows.map((r) => r[0]),
        cachedRows.map((r) => r[1]),
      ),
      keys(
        addedRows.map((r) => r[0]),
        addedRows.map((r) => r[1]),
      ),
    );
    const merged = spliceRows(
      cached,
      Int32Array.from(addedRows, (_, r) => n + r),
      places,
    );
    assert.equal([...merged], order, `${n} cached rows, ${k} new`);
    assert.is(merged.buffer, cached.buffer, "in the room after the cached rows");
    // without room: a copy, the same rows
    const copy = spliceRows(
      Int32Array.from(cachedRows, (_, i) => i),
      Int32Array.from(addedRows, (_, r) => n + r),
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
