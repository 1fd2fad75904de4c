import {test} from "uvu";
import * as assert from "uvu/assert";
import * as aq from "arquero";
import {byWeekday} from "../../src/indicators/by-weekday.js";
import {addPeriodKeys} from "../../src/periods/add-period-keys.js";
import {march, marchRows, noRows} from "../fixtures/indicators/march-log.js";

const week = (cells: [number, number][]) => cells.map(([actions, users], i) => ({weekday: i + 1, actions, users}));

test("actions and distinct users per ISO weekday, Monday first, all seven listed", () => {
  // Mondays 03-03 (alice twice, bob) and 03-10 (carol, one row without a user); Tuesday 03-04
  // (carol, one without); Wednesday 03-05 (bob, alice, dave); erin and frank are usernames only
  assert.equal(
    byWeekday.compute(marchRows(), {period: march, top: 5}),
    week([
      [5, 3],
      [2, 1],
      [3, 3],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]),
  );
});

test("a user who acts on two Mondays counts once on Monday", () => {
  const rows = aq.table({day: ["2025-03-03", "2025-03-10", "2025-03-17", "2025-03-18"], user_id: ["u1", "u1", "u2", "u1"], action: ["a", "a", "a", "a"]});
  assert.equal(
    byWeekday.compute(rows, {period: march, top: 5}),
    week([
      [3, 2],
      [1, 1],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]),
  );
});

test("the local day in Europe/Paris decides, across both DST changes", () => {
  const times = [
    "2025-03-30T00:30:00Z", // Sunday 01:30 in Paris, before clocks go forward
    "2025-03-30T23:30:00Z", // Sunday in UTC, Monday 01:30 in Paris (UTC+2 since 02:00)
    "2025-10-26T22:30:00Z", // Sunday 23:30 in Paris: UTC+1 again since 03:00
    "2025-10-26T23:30:00Z", // Monday 00:30 in Paris
  ].map((time) => Date.parse(time));
  const log = addPeriodKeys(aq.table({time: times, action: ["a", "a", "a", "a"], user_id: ["u1", "u2", "u3", "u4"]}), "Europe/Paris");
  assert.equal(
    byWeekday.compute(log, {period: march, top: 5}),
    week([
      [2, 2],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [2, 2],
    ]),
  );
});

test("an empty period lists the seven days with zeros", () => {
  assert.equal(
    byWeekday.compute(noRows(), {period: march, top: 5}),
    week([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]),
  );
});

test("many more users in the log than rows in the period: the same distinct counts", () => {
  // 7 x 10,001 user codes: a flat array larger than 64K cells and 4 x the rows, so counted in a Set
  const users = Array.from({length: 12_000}, (_, i) => `u${i % 10_000}`);
  const days = users.map((_, i) => `2025-03-0${3 + (i % 2)}`); // Monday, Tuesday
  const rows = aq.table({day: days, user_id: users, action: users.map(() => "a")});
  const mondays = new Set(users.filter((_, i) => i % 2 === 0)).size;
  const tuesdays = new Set(users.filter((_, i) => i % 2 === 1)).size;
  assert.equal(
    byWeekday.compute(rows, {period: march, top: 5}).slice(0, 2),
    week([
      [6_000, mondays],
      [6_000, tuesdays],
    ]),
  );
});

test.run();
