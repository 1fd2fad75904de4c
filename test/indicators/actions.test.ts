import {test} from "uvu";
import * as assert from "uvu/assert";
import * as aq from "arquero";
import {actions} from "../../src/indicators/actions.js";
import {firstQuarter, march, marchRows, noRows, year2025} from "../fixtures/indicators/march-log.js";

test("counts per day and action in a month, non-zero cells only, by day then action", () => {
  const result = actions.compute(marchRows(), {period: march, top: 5});
  assert.is(result.bucket, "day");
  assert.equal(result.buckets, march.buckets);
  assert.equal(result.series, [
    {bucket: "2025-03-03", action: "publish", count: 1},
    {bucket: "2025-03-03", action: "update", count: 2},
    {bucket: "2025-03-04", action: "delete", count: 1},
    {bucket: "2025-03-04", action: "update", count: 1},
    {bucket: "2025-03-05", action: "create", count: 1},
    {bucket: "2025-03-05", action: "publish", count: 1},
    {bucket: "2025-03-05", action: "update", count: 1},
    {bucket: "2025-03-10", action: "publish", count: 1},
    {bucket: "2025-03-10", action: "update", count: 1},
  ]);
});

test("a quarter counts per ISO week, a year per month", () => {
  const quarter = actions.compute(marchRows(), {period: firstQuarter, top: 5});
  assert.is(quarter.bucket, "week");
  assert.equal(quarter.buckets.length, 14);
  assert.equal(quarter.series, [
    {bucket: "2025-W10", action: "create", count: 1},
    {bucket: "2025-W10", action: "delete", count: 1},
    {bucket: "2025-W10", action: "publish", count: 2},
    {bucket: "2025-W10", action: "update", count: 4},
    {bucket: "2025-W11", action: "publish", count: 1},
    {bucket: "2025-W11", action: "update", count: 1},
  ]);
  const year = actions.compute(marchRows(), {period: year2025, top: 5});
  assert.is(year.bucket, "month");
  assert.equal(year.series, [
    {bucket: "2025-03", action: "create", count: 1},
    {bucket: "2025-03", action: "delete", count: 1},
    {bucket: "2025-03", action: "publish", count: 3},
    {bucket: "2025-03", action: "update", count: 5},
  ]);
});

test("actions sort by plain string comparison, not by locale", () => {
  const rows = aq.table({day: ["2025-03-01", "2025-03-01", "2025-03-01"], action: ["Éclair", "alpha", "Zeta"]});
  const result = actions.compute(rows, {period: march, top: 5});
  assert.equal(
    result.series.map((cell) => cell.action),
    ["Zeta", "alpha", "Éclair"],
  );
});

test("an empty period has no cells but every bucket", () => {
  const result = actions.compute(noRows(), {period: march, top: 5});
  assert.equal(result, {bucket: "day", buckets: march.buckets, series: []});
});

test.run();
