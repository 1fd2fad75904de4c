import {test} from "uvu";
import * as assert from "uvu/assert";
import {actionsByUserChart} from "../../src/charts/actions-by-user.js";
import {actionPalette} from "../../src/charts/palette.js";
import type {PeriodIndicators} from "../../src/indicators/types.js";
import {fixture, FIXTURE_ACTIONS} from "../fixtures/charts/load.js";

const palette = actionPalette(FIXTURE_ACTIONS);

/** users u01..uNN with counts N..1: user uK has N+1-K actions */
function withUsers(n: number): PeriodIndicators {
  const actionsByUser = Array.from({length: n}, (_, i) => ({user_id: `u${String(i + 1).padStart(2, "0")}`, count: n - i}));
  return {...fixture("week"), actionsByUser};
}

const bars = (indicators: PeriodIndicators) =>
  (actionsByUserChart(indicators, palette).vegaLite as any).data.values as {user: string; count: number; others: boolean}[];

test("actions-by-user: 23 users give 20 bars and one 'others (3 users)' bar summing the rest", () => {
  const values = bars(withUsers(23));
  assert.is(values.length, 21);
  assert.equal(values[0], {...values[0], user: "u01", count: 23, others: false});
  assert.equal(values[19], {...values[19], user: "u20", count: 4, others: false});
  // u21..u23 have 3 + 2 + 1 actions
  assert.equal(values[20], {...values[20], user: "others (3 users)", count: 6, others: true});
});

test("actions-by-user: the data table keeps every user", () => {
  const chart = actionsByUserChart(withUsers(23), palette);
  assert.is(chart.table.rows.length, 23);
  assert.equal(chart.table.rows[22], ["u23", 1]);
  assert.match(chart.description, "the 3 other users share one bar");
});

test("actions-by-user: 20 users or fewer, no others bar; 21 users, 'others (1 user)'", () => {
  assert.ok(bars(withUsers(20)).every((bar) => !bar.others));
  assert.is(bars(withUsers(20)).length, 20);
  assert.equal(bars(withUsers(21))[20].user, "others (1 user)");
});

test("actions-by-user: most active first, ties by user id; shares in tooltip and summary", () => {
  const chart = actionsByUserChart(fixture("week"), palette);
  const values = (chart.vegaLite as any).data.values as {user: string; tip: string}[];
  assert.equal(
    values.map((v) => v.user),
    ["alice", "bob", "carol", "dave"],
  );
  assert.is(values[0].tip, "alice: 8 actions (57.1%)");
  assert.match(chart.summary, "4 users performed 14 actions");
  assert.match(chart.summary, "alice with 8 (57.1%)");
});

test("actions-by-user: a user called like the others bar keeps its own bar", () => {
  const indicators = withUsers(23);
  indicators.actionsByUser[0].user_id = "others (3 users)";
  const labels = bars(indicators).map((bar) => bar.user);
  assert.is(new Set(labels).size, 21);
});

test("actions-by-user: empty period", () => {
  const chart = actionsByUserChart(fixture("empty"), palette);
  assert.equal((chart.vegaLite as any).data.values, []);
  assert.match(chart.summary, "No user");
});

test("actions-by-user: actions that name no user have no bar, and the summary says how many, so that it adds up to the total", () => {
  const week = fixture("week"); // 14 actions, all of them by a user
  const withTotal = (actions: number, indicators = week): PeriodIndicators => ({...indicators, totals: {...indicators.totals, actions}});
  assert.not.match(actionsByUserChart(week, palette).summary, "no user");
  const three = actionsByUserChart(withTotal(17), palette).summary;
  assert.match(three, "4 users performed 14 actions");
  assert.ok(three.endsWith(" 3 actions of the period name no user."), three);
  assert.ok(actionsByUserChart(withTotal(15), palette).summary.endsWith(" 1 action of the period names no user."));
  const nobody = actionsByUserChart(withTotal(5, {...week, actionsByUser: []}), palette);
  assert.is(nobody.summary, "No user is named: 5 actions of the period name no user.");
  assert.equal((nobody.vegaLite as any).data.values, []);
});

test.run();
