import {test} from "uvu";
import * as assert from "uvu/assert";
import * as aq from "arquero";
import {addPeriodKeys, timeColumn} from "../../src/periods/add-period-keys.js";
import {CodedColumn} from "../../src/ingest/coded-column.js";
import {lowerBound, periodRowRange, RowRange, rowsInPeriod, stringColumn} from "../../src/periods/rows-in-period.js";

const START = Date.parse("2025-03-01T00:00:00Z");
const END = Date.parse("2025-03-02T00:00:00Z");
const period = {startMs: START, endMs: END};

// rows at both edges of [START, END), with ties on the edges
const times = [START - 1, START, START, START + 1, END - 1, END, END, END + 1];
const log = () =>
  aq.table({
    time: times,
    action: times.map((_, i) => `a${i}`),
    user_id: times.map((_, i) => (i % 2 ? "" : `u${i}`)),
  });

test("keeps start <= time < end, ties on both edges included or excluded together", () => {
  const rows = rowsInPeriod(log(), period);
  assert.equal(rows.array("time"), [START, START, START + 1, END - 1]);
  assert.equal(rows.array("action"), ["a1", "a2", "a3", "a4"]);
});

test("keeps every column, in order, with its values", () => {
  const rows = rowsInPeriod(log(), period);
  assert.equal(rows.columnNames(), ["time", "action", "user_id"]);
  assert.equal(rows.objects()[0], {time: START, action: "a1", user_id: ""});
  assert.equal(rows.objects()[1], {time: START, action: "a2", user_id: "u2"});
});

test("a period before, after or between all rows is empty, with the same columns", () => {
  for (const [startMs, endMs] of [
    [0, 1],
    [END + 2, END + 10],
    [START + 2, START + 3],
  ]) {
    const rows = rowsInPeriod(log(), {startMs, endMs});
    assert.is(rows.numRows(), 0);
    assert.equal(rows.columnNames(), ["time", "action", "user_id"]);
  }
  assert.is(rowsInPeriod(aq.table({time: [] as number[]}), period).numRows(), 0);
});

test("typed-array time columns and filtered or reordered tables are sliced in row order", () => {
  const typed = aq.table({time: Float64Array.from(times), action: times.map((_, i) => `a${i}`)});
  assert.equal(rowsInPeriod(typed, period).array("action"), ["a1", "a2", "a3", "a4"]);
  const filtered = log().filter((d: {user_id: string}) => d.user_id !== "");
  assert.equal(rowsInPeriod(filtered, period).array("action"), ["a2", "a4"]);
  const reordered = log().orderby("time", "action");
  assert.equal(rowsInPeriod(reordered, period).array("action"), ["a1", "a2", "a3", "a4"]);
});

test("matches a full-table filter on many periods of a random sorted log", () => {
  let seed = 42;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const sorted = Array.from({length: 2000}, () => Math.floor(random() * 1000)).sort((a, b) => a - b);
  const table = aq.table({time: sorted, row: sorted.map((_, i) => i)});
  for (let i = 0; i < 200; i++) {
    const startMs = Math.floor(random() * 1100) - 50;
    const endMs = startMs + Math.floor(random() * 300);
    const expected = sorted.flatMap((t, row) => (t >= startMs && t < endMs ? [row] : []));
    assert.equal(rowsInPeriod(table, {startMs, endMs}).array("row"), expected);
  }
});

test("a period holding every row returns the table itself, uncopied", () => {
  const table = log();
  assert.is(rowsInPeriod(table, {startMs: 0, endMs: END + 2}), table);
  assert.is.not(rowsInPeriod(table, period), table);
});

test("lowerBound finds the first index not below the target", () => {
  const values = [1, 3, 3, 5];
  const at = (i: number) => values[i];
  assert.equal(
    [0, 1, 2, 3, 4, 5, 6].map((ms) => lowerBound(at, values.length, ms)),
    [0, 0, 1, 1, 3, 3, 4],
  );
});

test("slices copy nothing: code and typed columns share the buffer, string columns read in place", () => {
  const keyed = addPeriodKeys(aq.table({time: Float64Array.from(times), action: times.map((_, i) => `a${i}`), username: times.map((_, i) => `n${i}`)}), "UTC");
  const rows = rowsInPeriod(keyed, period);
  const action = rows.column("action") as CodedColumn;
  assert.ok(action instanceof CodedColumn);
  assert.is(action.codes.buffer, (keyed.column("action") as CodedColumn).codes.buffer);
  assert.is(action.dictionary, (keyed.column("action") as CodedColumn).dictionary);
  assert.is((rows.column("time") as Float64Array).buffer, (keyed.column("time") as Float64Array).buffer);
  const username = rows.column("username") as RowRange<string>;
  assert.ok(username instanceof RowRange);
  assert.is(username.source, keyed.column("username"));
  assert.equal(rows.array("username"), ["n1", "n2", "n3", "n4"]);
  assert.equal(rows.array("action"), ["a1", "a2", "a3", "a4"]);
  assert.equal(rows.array("day"), ["2025-03-01", "2025-03-01", "2025-03-01", "2025-03-01"]);
});

test("a slice of a slice reads the right rows; a RowRange is undefined outside its rows", () => {
  const range = new RowRange(["a", "b", "c", "d", "e"], 1, 3);
  assert.equal([...range], ["b", "c", "d"]);
  assert.equal([range.at(-1), range.at(3)], [undefined, undefined]);
  assert.equal([...range.slice(1, 3)], ["c", "d"]);
  const once = rowsInPeriod(log(), {startMs: START, endMs: END + 2});
  assert.equal(rowsInPeriod(once, period).array("action"), ["a1", "a2", "a3", "a4"]);
});

test("periodRowRange gives the rows [lo, hi) of the period", () => {
  assert.equal(periodRowRange(log(), period), [1, 5]);
  assert.equal(periodRowRange(log(), {startMs: END + 2, endMs: END + 9}), [8, 8]);
  assert.equal(periodRowRange(log(), {startMs: END, endMs: START}), [5, 5]);
});

test("timeColumn, stringColumn: the table's own arrays when it holds them, its values in row order otherwise", () => {
  const time = Float64Array.from([3, 1, 2]);
  const action = ["c", "a", "b"];
  const table = aq.table({time, action, coded: new CodedColumn(Int32Array.from([1, 0, 1]), ["x", "y"])});
  assert.ok(timeColumn(table) === time, "no copy of a Float64Array");
  assert.ok(stringColumn(table, "action") === action, "no copy of an array");
  assert.equal(stringColumn(table, "coded"), ["y", "x", "y"]);
  // a plain number array, and a reordered table: copies in row order
  assert.equal([...timeColumn(aq.table({time: [5, 6]}))], [5, 6]);
  const ordered = table.orderby("time");
  assert.equal([...timeColumn(ordered)], [1, 2, 3]);
  assert.equal(stringColumn(ordered, "action"), ["a", "b", "c"]);
  assert.equal(stringColumn(ordered, "coded"), ["x", "y", "y"]);
  assert.equal(
    stringColumn(
      table.filter((d: {time: number}) => d.time > 1),
      "action",
    ),
    ["c", "b"],
  );
});

test.run();
