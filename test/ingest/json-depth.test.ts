import {test} from "uvu";
import * as assert from "uvu/assert";
import {nestingDepth} from "../../src/ingest/json-depth.js";

test("nestingDepth: arrays and objects count, brackets in strings and escaped quotes do not", () => {
  assert.is(nestingDepth('"text"', 10), 0);
  assert.is(nestingDepth('{"diff": {"a": [1, {"b": 2}]}, "c": []}', 10), 4);
  assert.is(nestingDepth('{"a": "[[[{{{\\\\", "b": "\\"[[[", "c": [["]]]"]]}', 10), 3);
  assert.is(nestingDepth("[".repeat(5000) + "]".repeat(5000), Infinity), 5000);
});

test("nestingDepth: counting stops past the limit", () => {
  assert.is(nestingDepth("[".repeat(5000) + "]".repeat(5000), 1000), 1001);
  assert.is(nestingDepth("[".repeat(1000) + "]".repeat(1000), 1000), 1000);
});

test.run();
