import {test} from "uvu";
import * as assert from "uvu/assert";
import * as aq from "arquero";
import {usersOverTime} from "../../src/indicators/users-over-time.js";
import {firstQuarter, march, marchRows, noRows} from "../fixtures/indicators/march-log.js";

test("distinct user_id per day, rows without a user left out, username never counted", () => {
  // 03-03: alice, bob (erin is a username); 03-04: carol; 03-05: bob, alice, dave; 03-10: carol
  assert.equal(usersOverTime.compute(marchRows(), {period: march, top: 5}), [
    {bucket: "2025-03-03", users: 2},
    {bucket: "2025-03-04", users: 1},
    {bucket: "2025-03-05", users: 3},
    {bucket: "2025-03-10", users: 1},
  ]);
});

test("distinct users per ISO week count a user once across days", () => {
  assert.equal(usersOverTime.compute(marchRows(), {period: firstQuarter, top: 5}), [
    {bucket: "2025-W10", users: 4},
    {bucket: "2025-W11", users: 1},
  ]);
});

test("a bucket whose rows have no user_id is left out", () => {
  const rows = aq.table({day: ["2025-03-01", "2025-03-02"], user_id: ["", "u1"], username: ["someone", ""], action: ["a", "a"]});
  assert.equal(usersOverTime.compute(rows, {period: march, top: 5}), [{bucket: "2025-03-02", users: 1}]);
});

test("an empty period has no buckets", () => {
  assert.equal(usersOverTime.compute(noRows(), {period: march, top: 5}), []);
});

test.run();
