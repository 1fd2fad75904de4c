import {test} from "uvu";
import * as assert from "uvu/assert";
import * as aq from "arquero";
import {distribution} from "../../src/indicators/distribution.js";
import {march, marchRows, noRows, year2025} from "../fixtures/indicators/march-log.js";

test("count and share per action over all rows, largest first, ties by action", () => {
  const expected = [
    {action: "update", count: 5, share: 5 / 10},
    {action: "publish", count: 3, share: 3 / 10},
    {action: "create", count: 1, share: 1 / 10},
    {action: "delete", count: 1, share: 1 / 10},
  ];
  assert.equal(distribution.compute(marchRows(), {period: march, top: 5}), expected);
  assert.equal(distribution.compute(marchRows(), {period: year2025, top: 5}), expected);
});

test("shares are unrounded", () => {
  const rows = aq.table({day: ["2025-03-01", "2025-03-01", "2025-03-02"], action: ["a", "b", "a"]});
  assert.equal(distribution.compute(rows, {period: march, top: 5}), [
    {action: "a", count: 2, share: 2 / 3},
    {action: "b", count: 1, share: 1 / 3},
  ]);
});

test("an empty period has no actions", () => {
  assert.equal(distribution.compute(noRows(), {period: march, top: 5}), []);
});

test.run();
