import {test} from "uvu";
import * as assert from "uvu/assert";
import {actionsByUser} from "../../src/indicators/actions-by-user.js";
import {march, marchRows, noRows} from "../fixtures/indicators/march-log.js";

test("every user with a count, most active first, ties by user_id", () => {
  assert.equal(actionsByUser.compute(marchRows(), {period: march, top: 5}), [
    {user_id: "alice", count: 3},
    {user_id: "bob", count: 2},
    {user_id: "carol", count: 2},
    {user_id: "dave", count: 1},
  ]);
});

test("lists every user whatever top says", () => {
  assert.is(actionsByUser.compute(marchRows(), {period: march, top: 1}).length, 4);
});

test("an empty period has no users", () => {
  assert.equal(actionsByUser.compute(noRows(), {period: march, top: 5}), []);
});

test.run();
