import {test} from "uvu";
import * as assert from "uvu/assert";
import * as aq from "arquero";
import {byActionOf, rankByAction, rankCodes} from "../../src/indicators/rank-by-action.js";

test("rankCodes: count descending, ties by code ascending, zeros and codes below `first` left out", () => {
  assert.equal(rankCodes([4, 2, 5, 2, 0, 5], 0), [2, 5, 0, 1, 3]);
  assert.equal(rankCodes([4, 2, 5, 2, 0, 5], 1), [2, 5, 1, 3]);
  assert.equal(rankCodes([4, 2, 5, 2, 0, 5], 1, 3), [2, 5, 1]);
  assert.equal(rankCodes([0, 0], 0), []);
  assert.equal(rankCodes([3, 1], 0, 0), []);
});

test("rankCodes keeps a short top by insertion and a long one by sorting: the same ranking", () => {
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const counts = Int32Array.from({length: 500}, () => Math.floor(random() * 12));
  const full = rankCodes(counts, 1);
  assert.equal(
    full,
    [...full].sort((a, b) => counts[b] - counts[a] || a - b),
  );
  for (const limit of [1, 5, 32, 33, 100]) assert.equal(rankCodes(counts, 1, limit), full.slice(0, limit), `limit ${limit}`);
});

test('byActionOf: keys by count then action; "__proto__" is an own key', () => {
  const byAction = byActionOf([0, 2, 5, 2], ["", "__proto__", "update", "a|b"]);
  assert.equal(Object.entries(byAction), [
    ["update", 5],
    ["__proto__", 2],
    ["a|b", 2],
  ]);
  assert.ok(Object.hasOwn(byAction, "__proto__"));
});

test('rankByAction: ids joined with "|" and actions stay apart; empty ids left out', () => {
  const rows = aq.table({
    dataset_id: ["a|b", "a", "a", "", "", ""],
    action: ["c", "b|c", "b|c", "x", "x", "x"],
  });
  assert.equal(rankByAction(rows, "dataset_id", 5), [
    {id: "a", count: 2, byAction: {"b|c": 2}},
    {id: "a|b", count: 1, byAction: {c: 1}},
  ]);
});

test.run();
