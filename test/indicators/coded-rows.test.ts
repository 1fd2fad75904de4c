import {test} from "uvu";
import * as assert from "uvu/assert";
import * as aq from "arquero";
import {codedColumn, remember} from "../../src/indicators/coded-rows.js";
import {addPeriodKeys} from "../../src/periods/add-period-keys.js";
import {CodedColumn} from "../../src/ingest/coded-column.js";

test("reads the table's own CodedColumn as it is", () => {
  const keyed = addPeriodKeys(aq.table({time: [0, 1], action: ["b", "a"]}), "UTC");
  assert.is(codedColumn(keyed, "action"), keyed.column("action"));
});

test("encodes a plain string column once per table, in plain string order", () => {
  const rows = aq.table({user_id: ["bob", "", "Alice", "bob"]});
  const users = codedColumn(rows, "user_id");
  assert.equal(users.dictionary, ["", "Alice", "bob"]);
  assert.equal([...users.codes], [2, 0, 1, 2]);
  assert.is(codedColumn(rows, "user_id"), users);
  assert.is.not(codedColumn(aq.table({user_id: ["bob"]}), "user_id"), users);
});

test('a filtered table is read in its own row order; a missing column is all ""', () => {
  const keyed = addPeriodKeys(aq.table({time: [0, 1, 2], action: ["c", "a", "b"]}), "UTC");
  const filtered = keyed.filter((d: {action: string}) => d.action !== "a");
  assert.equal([...codedColumn(filtered, "action")], ["c", "b"]);
  const missing = codedColumn(keyed, "page_id");
  assert.ok(missing instanceof CodedColumn);
  assert.equal([...missing], ["", "", ""]);
});

test("remember computes once per table and key", () => {
  const rows = aq.table({x: [1]});
  let calls = 0;
  const make = () => ++calls;
  assert.equal([remember(rows, "k", make), remember(rows, "k", make), remember(rows, "other", make)], [1, 1, 2]);
  assert.is(remember(aq.table({x: [1]}), "k", make), 3);
});

test.run();
