import {test} from "uvu";
import * as assert from "uvu/assert";
import * as aq from "arquero";
import {totals} from "../../src/indicators/totals.js";
import {march, marchRows, noRows} from "../fixtures/indicators/march-log.js";

test("actions count every row; users, datasets and pages count distinct non-empty ids", () => {
  // users: alice, bob, carol, dave (usernames erin and frank are not users); 2 of the 10 actions
  // name no user: actions per user is 8 / 4, and 2 x 4 + 2 = 10
  assert.equal(totals.compute(marchRows(), {period: march, top: 5}), {
    actions: 10,
    users: 4,
    datasets: 4,
    pages: 2,
    actionsPerUser: 8 / 4,
  });
});

test("actionsPerUser is 0 when no row has a user", () => {
  const rows = aq.table({day: ["2025-03-01", "2025-03-02"], action: ["a", "b"], user_id: ["", ""], dataset_id: ["d", ""], page_id: ["", ""]});
  assert.equal(totals.compute(rows, {period: march, top: 5}), {actions: 2, users: 0, datasets: 1, pages: 0, actionsPerUser: 0});
});

test("users count once across buckets; actionsPerUser is unrounded", () => {
  const rows = aq.table({
    day: ["2025-03-01", "2025-03-01", "2025-03-02", "2025-03-02"],
    action: ["a", "a", "a", "a"],
    user_id: ["u1", "u2", "u3", "u1"],
    dataset_id: ["", "", "", ""],
    page_id: ["", "", "", ""],
  });
  assert.is(totals.compute(rows, {period: march, top: 5}).actionsPerUser, 4 / 3);
});

test("an empty period is all zeros", () => {
  assert.equal(totals.compute(noRows(), {period: march, top: 5}), {actions: 0, users: 0, datasets: 0, pages: 0, actionsPerUser: 0});
});

test.run();
