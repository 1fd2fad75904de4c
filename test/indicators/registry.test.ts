import {test} from "uvu";
import * as assert from "uvu/assert";
import {INDICATOR_COLUMNS, INDICATORS} from "../../src/indicators/registry.js";
import {totals} from "../../src/indicators/totals.js";
import {march, marchRows} from "../fixtures/indicators/march-log.js";

test("eight indicators with distinct ids, a label and a one-line description", () => {
  assert.equal(
    INDICATORS.map((i) => i.id),
    ["actions", "usersOverTime", "actionsByUser", "topUsers", "topDatasets", "topPages", "distribution", "byWeekday"],
  );
  for (const indicator of INDICATORS) {
    assert.ok(indicator.label.length > 0, indicator.id);
    assert.ok(/^[^\n]{10,140}$/.test(indicator.description), indicator.id);
  }
});

test("each indicator, and the totals, reads no column beyond those it declares", () => {
  for (const indicator of [totals, ...INDICATORS]) {
    const narrow = marchRows().select([...indicator.columns]);
    assert.equal(indicator.compute(narrow, {period: march, top: 5}), indicator.compute(marchRows(), {period: march, top: 5}), indicator.id);
  }
  assert.equal([...INDICATOR_COLUMNS].sort(), ["action", "dataset_id", "day", "month", "page_id", "user_id", "week"], "the union of what they declare");
});

test("the indicators need no column beyond INDICATOR_COLUMNS", () => {
  const narrow = marchRows().select([...INDICATOR_COLUMNS]);
  for (const indicator of INDICATORS) {
    assert.equal(indicator.compute(narrow, {period: march, top: 5}), indicator.compute(marchRows(), {period: march, top: 5}), indicator.id);
  }
});

test.run();
