import {test} from "uvu";
import * as assert from "uvu/assert";
import {topUsers} from "../../src/indicators/top-users.js";
import {march, marchRows, noRows} from "../fixtures/indicators/march-log.js";

test("users by action count with their actions, ties by user_id", () => {
  assert.equal(topUsers.compute(marchRows(), {period: march, top: 5}), [
    {user_id: "alice", count: 3, byAction: {update: 2, publish: 1}},
    {user_id: "bob", count: 2, byAction: {publish: 1, update: 1}},
    {user_id: "carol", count: 2, byAction: {publish: 1, update: 1}},
    {user_id: "dave", count: 1, byAction: {create: 1}},
  ]);
});

test("byAction keys go by count descending, then action", () => {
  const [alice, bob] = topUsers.compute(marchRows(), {period: march, top: 5});
  assert.equal(Object.keys(alice.byAction), ["update", "publish"]);
  assert.equal(Object.keys(bob.byAction), ["publish", "update"]);
});

test("top sets how many users are kept", () => {
  assert.equal(
    topUsers.compute(marchRows(), {period: march, top: 2}).map((u) => u.user_id),
    ["alice", "bob"],
  );
  assert.equal(
    topUsers.compute(marchRows(), {period: march, top: 1}).map((u) => u.user_id),
    ["alice"],
  );
});

test("an empty period has no top users", () => {
  assert.equal(topUsers.compute(noRows(), {period: march, top: 5}), []);
});

test.run();
