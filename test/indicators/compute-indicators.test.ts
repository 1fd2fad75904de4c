import {test} from "uvu";
import * as assert from "uvu/assert";
import * as aq from "arquero";
import {computeIndicators, DEFAULT_TOP} from "../../src/indicators/compute-indicators.js";
import {march, marchRows, noRows} from "../fixtures/indicators/march-log.js";

test("assembles the period, the totals and the eight indicators, in contract order", () => {
  const result = computeIndicators(marchRows(), {period: march, top: 5});
  assert.equal(Object.keys(result), [
    "period",
    "totals",
    "comparison",
    "dataFrom",
    "previousAction",
    "actions",
    "usersOverTime",
    "actionsByUser",
    "topUsers",
    "topDatasets",
    "topPages",
    "distribution",
    "byWeekday",
  ]);
  assert.equal(result.period, {type: "month", key: "2025-03", start: "2025-03-01T00:00:00+00:00", end: "2025-04-01T00:00:00+00:00", timeZone: "UTC"});
  assert.equal(result.totals, {actions: 10, users: 4, datasets: 4, pages: 2, actionsPerUser: 2});
  assert.is(result.actions.series.length, 9);
  assert.equal(
    result.actionsByUser.map((u) => u.user_id),
    ["alice", "bob", "carol", "dave"],
  );
  assert.equal(
    result.topPages.map((p) => p.page_id),
    ["page-1", "page-2"],
  );
  assert.equal(
    result.distribution.map((d) => d.count),
    [5, 3, 1, 1],
  );
});

test("top defaults to 5 and can be set", () => {
  const users = ["u1", "u2", "u3", "u4", "u5", "u6", "u7"];
  const rows = aq.table({
    day: users.map(() => "2025-03-01"),
    action: users.map(() => "update"),
    user_id: users,
    dataset_id: users.map((u) => `ds-${u}`),
    page_id: users.map(() => ""),
  });
  assert.is(DEFAULT_TOP, 5);
  const byDefault = computeIndicators(rows, {period: march});
  assert.equal(
    byDefault.topUsers.map((u) => u.user_id),
    ["u1", "u2", "u3", "u4", "u5"],
  );
  assert.is(byDefault.topDatasets.length, 5);
  assert.is(byDefault.actionsByUser.length, 7);
  const three = computeIndicators(rows, {period: march, top: 3});
  assert.equal(
    three.topDatasets.map((d) => d.dataset_id),
    ["ds-u1", "ds-u2", "ds-u3"],
  );
});

test("an empty period: zeros, empty lists, every bucket", () => {
  assert.equal(computeIndicators(noRows(), {period: march, top: 5}), {
    period: {type: "month", key: "2025-03", start: "2025-03-01T00:00:00+00:00", end: "2025-04-01T00:00:00+00:00", timeZone: "UTC"},
    totals: {actions: 0, users: 0, datasets: 0, pages: 0, actionsPerUser: 0},
    comparison: null,
    dataFrom: null,
    previousAction: null,
    actions: {bucket: "day", buckets: march.buckets, series: []},
    usersOverTime: [],
    actionsByUser: [],
    topUsers: [],
    topDatasets: [],
    topPages: [],
    distribution: [],
    byWeekday: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({weekday, actions: 0, users: 0})),
  });
});

test("the result is plain JSON: it survives a round trip unchanged", () => {
  const result = computeIndicators(marchRows(), {period: march, top: 5});
  assert.equal(JSON.parse(JSON.stringify(result)), result);
});

test.run();
