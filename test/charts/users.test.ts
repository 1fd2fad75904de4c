import {test} from "uvu";
import * as assert from "uvu/assert";
import {usersChart} from "../../src/charts/users.js";
import {actionPalette} from "../../src/charts/palette.js";
import {fixture, FIXTURE_ACTIONS} from "../fixtures/charts/load.js";

const palette = actionPalette(FIXTURE_ACTIONS);

test("users: one zero-filled bar per day", () => {
  const chart = usersChart(fixture("week"), palette);
  const values = (chart.vegaLite as any).data.values as {bucket: string; users: number}[];
  assert.equal(
    values.map((v) => v.users),
    [2, 1, 0, 2, 0, 1, 0],
  );
  assert.equal(
    values.map((v) => v.bucket),
    ["3 Mar", "4 Mar", "5 Mar", "6 Mar", "7 Mar", "8 Mar", "9 Mar"],
  );
  assert.equal(chart.table.columns, ["Day", "Users"]);
  assert.equal(chart.table.rows[2], ["2025-03-05", 0]);
  assert.is((chart.vegaLite as any).mark.type, "bar");
});

test("users: summary names distinct users and the busiest day", () => {
  const chart = usersChart(fixture("week"), palette);
  assert.match(chart.summary, "4 distinct users over 7 days");
  assert.match(chart.summary, "2 on 3 Mar");
});

test("users: empty period", () => {
  const chart = usersChart(fixture("empty"), palette);
  assert.is((chart.vegaLite as any).data.values.length, 28);
  assert.ok((chart.vegaLite as any).data.values.every((v: {users: number}) => v.users === 0));
  assert.match(chart.summary, "No active users");
});

test.run();
