import {test} from "uvu";
import * as assert from "uvu/assert";
import * as aq from "arquero";
import {countBy} from "../../src/indicators/count-by.js";

const rows = () => aq.table({user_id: ["a", "", "a", "b"], action: ["x", "x", "y", "x"]});

test("counts rows per combination, optionally leaving out empty values", () => {
  const table = rows();
  assert.equal(countBy(table, ["user_id"]).objects(), [{user_id: "a", count: 2}, {user_id: "", count: 1}, {user_id: "b", count: 1}]);
  assert.equal(countBy(table, ["user_id"], {skipEmpty: "user_id"}).objects(), [{user_id: "a", count: 2}, {user_id: "b", count: 1}]);
  assert.equal(countBy(table, ["action"]).objects(), [{action: "x", count: 3}, {action: "y", count: 1}]);
  assert.equal(countBy(table, ["user_id", "action"], {skipEmpty: "user_id"}).numRows(), 3);
});

test("the same rows and columns give the same table; other rows are counted afresh", () => {
  const table = rows();
  assert.is(countBy(table, ["user_id"]), countBy(table, ["user_id"]));
  assert.is.not(countBy(table, ["user_id"]), countBy(table, ["user_id"], {skipEmpty: "user_id"}));
  const other = aq.table({user_id: ["c"], action: ["x"]});
  assert.equal(countBy(other, ["user_id"]).objects(), [{user_id: "c", count: 1}]);
});

test.run();
