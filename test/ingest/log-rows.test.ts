import {test} from "uvu";
import * as assert from "uvu/assert";
import {LogRows} from "../../src/ingest/log-rows.js";

test("LogRows: late columns are empty for earlier rows; table sorted by time", () => {
  const rows = new LogRows();
  rows.add(["b"], 20, 0, 2);
  rows.add(["a", "x"], 10, 0, 3);
  rows.add(["c"], 20, 1, 1);
  const numbers: Record<string, number> = {action: 0, Extra: 1};
  const table = rows.toTable(["action", "Extra", "diff"], (name) => numbers[name] ?? -1);
  assert.equal(table.objects(), [
    {time: 10, action: "a", Extra: "x", diff: ""},
    {time: 20, action: "b", Extra: "", diff: ""},
    {time: 20, action: "c", Extra: "", diff: ""},
  ]);
});

test("LogRows: values are kept as given whether their column is shared or given up", () => {
  const rows = new LogRows();
  const expected: string[][] = [[], [], []];
  for (let i = 0; i < 6000; i++) {
    const values = [`time-${i}`, i % 7 === 0 ? "" : `user-${i % 5}`, `user-${i % 5}`];
    rows.add(values, i, 0, i + 2);
    values.forEach((value, c) => expected[c].push(value));
  }
  assert.equal(
    expected.map((values, c) => values.map((_, row) => rows.value(c, row))),
    expected,
  );
  assert.is(rows.value(3, 0), "", "a column no row has");
  assert.is(rows.count, 6000);
  // in the table too, in time order
  const {table} = rows.sorted(["a", "b", "c"], (name) => "abc".indexOf(name));
  assert.equal(
    ["a", "b", "c"].map((name) => table.array(name)),
    expected,
  );
});

test("LogRows: out of time order, coded and given-up columns are sorted alike, with their origins", () => {
  const rows = new LogRows();
  const n = 6000;
  const timeOf = (i: number) => (i * 7919) % n; // a permutation of 0..n-1
  for (let i = 0; i < n; i++) rows.add([`t-${timeOf(i)}`, `u-${timeOf(i) % 3}`], timeOf(i), i % 2, i + 2, [timeOf(i), 0]);
  const {table, rows: origins} = rows.sorted(["t", "u"], (name) => (name === "t" ? 0 : 1));
  const time = table.array("time") as ArrayLike<number>;
  for (const k of [0, 1, 4095, 4096, 5999]) {
    assert.is(time[k], k);
    assert.is(table.array("t")[k], `t-${k}`);
    assert.is(table.array("u")[k], `u-${k % 3}`);
    assert.is(origins.hash[k], k);
    const i = [...Array(n).keys()].find((row) => timeOf(row) === k)!;
    assert.is(origins.line[k], i + 2);
    assert.is(origins.file[k], i % 2);
  }
});

test("LogRows.columnSlice: codes with only the new distinct values, then values once a column is mostly distinct", () => {
  const rows = new LogRows();
  rows.add(["edit", "t0"], 1, 0, 2);
  rows.add(["publish", "t1"], 2, 0, 3);
  const first = rows.columnSlice(0, 0, 2, 0);
  assert.ok("codes" in first);
  if (!("codes" in first)) return;
  assert.equal(first.distinct, ["", "edit", "publish"]);
  assert.equal([...first.codes], [1, 2]);
  rows.add(["edit", "t2"], 3, 0, 4);
  rows.add(["delete", "t3"], 4, 0, 5);
  const second = rows.columnSlice(0, 2, 4, first.distinct.length);
  assert.ok("codes" in second && second.distinct.length === 1 && second.distinct[0] === "delete");
  if ("codes" in second) assert.equal([...second.codes], [1, 3]);
  // a column no row has: all "" (code 0), "" sent once
  const missing = rows.columnSlice(5, 0, 4, 0);
  assert.ok("codes" in missing && missing.distinct.length === 1 && missing.distinct[0] === "" && missing.codes.every((code) => code === 0));
  // thousands of distinct values: the column holds them as they are, and a slice gives them
  for (let i = 4; i < 6000; i++) rows.add(["edit", `t${i}`], i, 0, i + 2);
  const late = rows.columnSlice(1, 5990, 6000, 4);
  assert.ok("values" in late);
  if ("values" in late)
    assert.equal(
      late.values,
      Array.from({length: 10}, (_, i) => `t${5990 + i}`),
    );
  assert.ok(rows.inTimeOrder);
});

test("LogRows.inTimeOrder: false from the first row earlier than the one before; ties keep it", () => {
  const rows = new LogRows();
  rows.add(["a"], 10, 0, 2);
  rows.add(["b"], 10, 0, 3);
  assert.ok(rows.inTimeOrder);
  rows.add(["c"], 9, 0, 4);
  assert.not.ok(rows.inTimeOrder);
  rows.add(["d"], 20, 0, 5);
  assert.not.ok(rows.inTimeOrder, "stays false");
});

test.run();
