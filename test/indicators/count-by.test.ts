import {test} from "uvu";
import * as assert from "uvu/assert";
import * as aq from "arquero";
import {countPairs, countPerCode, distinctNonEmpty} from "../../src/indicators/count-by.js";

const rows = () => aq.table({user_id: ["a", "", "a", "b"], action: ["x", "x", "y", "x"]});

test('countPerCode counts rows per code, "" at code 0; distinctNonEmpty leaves it out', () => {
  const counts = countPerCode(rows(), "user_id"); // dictionary ["", "a", "b"]
  assert.equal([...counts], [1, 2, 1]);
  assert.is(distinctNonEmpty(counts), 2);
  assert.is(countPerCode(rows(), "action").length, 3); // "", "x", "y"
});

/** Pairs counted the obvious way, as "a b count" lines in the order countPairs promises. */
function naivePairs(a: string[], b: string[]): string[] {
  const counts = new Map<string, number>();
  a.forEach((value, row) => counts.set(JSON.stringify([value, b[row]]), (counts.get(JSON.stringify([value, b[row]])) ?? 0) + 1));
  const sorted = [...counts].map(([key, count]) => [...(JSON.parse(key) as string[]), count] as const);
  sorted.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  return sorted.map((cell) => cell.join(" "));
}

test("countPairs: sorted non-zero cells, counted flat or in a Map when the pairs are sparse", () => {
  let seed = 11;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  // 20 x 8 possible pairs over 500 rows: flat; ~330 x ~330 pairs that can occur over 400 rows: sparse
  for (const [rowCount, aValues, bValues] of [
    [500, 20, 8],
    [400, 1000, 1000],
  ]) {
    const a = Array.from({length: rowCount}, () => `k${Math.floor(random() * aValues)}`);
    const b = Array.from({length: rowCount}, () => (random() < 0.1 ? "" : `v${Math.floor(random() * bValues)}`));
    const table = aq.table({a, b});
    const cells = countPairs(table, "a", "b");
    const decode = (column: string, code: number) => [...new Set([...(table.array(column) as string[]), ""])].sort()[code];
    const lines = Array.from({length: cells.length}, (_, i) => `${decode("a", cells.a[i])} ${decode("b", cells.b[i])} ${cells.count[i]}`);
    assert.equal(lines, naivePairs(a, b), `${rowCount} rows`);
  }
  assert.is(countPairs(aq.table({a: [] as string[], b: [] as string[]}), "a", "b").length, 0);
});

test.run();
