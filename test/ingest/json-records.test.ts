import {test} from "uvu";
import * as assert from "uvu/assert";
import {recordSpans, skeleton} from "../../src/ingest/json-records.js";

const pieces = (text: string, key?: string) => {
  const spans = recordSpans(text, key);
  return spans.starts.map((start, i) => [spans.lines[i], text.slice(start, spans.ends[i])]);
};

test("top-level array: each element's text and start line, scalars included", () => {
  assert.equal(pieces('[\n1,\n[2, 3] ,\n"4",{"a": {"b": [5]}}\n]'), [
    [2, "1"],
    [3, "[2, 3]"],
    [4, '"4"'],
    [4, '{"a": {"b": [5]}}'],
  ]);
  assert.equal(pieces("[]"), []);
  assert.equal(pieces("[ ]"), []);
});

test("results array: strings with brackets, escaped quotes, nested results keys do not confuse it", () => {
  const text = '{"a": "[\\"results\\"", "nested": {"results": [1]},\n"results":\n[ "x,]",\n{"k": "}"} ]}';
  assert.equal(pieces(text, "results"), [
    [3, '"x,]"'],
    [4, '{"k": "}"}'],
  ]);
  // an escaped key is read as JSON.parse reads it
  assert.equal(pieces('{"res\\u0075lts": [7]}', "results"), [[1, "7"]]);
});

test("two results keys: the last one, as JSON.parse keeps the last, and the second is named with its offset", () => {
  const text = '{"results": [1, 2],\n"results": [\n3]}';
  assert.equal(pieces(text, "results"), [[3, "3"]]);
  assert.equal(recordSpans(text, "results").repeatedKey, {name: "results", offset: 20});
  // any repeated top-level name, however it is spelt; names inside records or nested objects are not looked at
  assert.equal(recordSpans('{"n": 1, "results": [], "\\u006e": 2}', "results").repeatedKey, {name: "n", offset: 24});
  assert.is(recordSpans('{"meta": {"n": 1, "n": 2}, "results": [{"a": 1, "a": 2}]}', "results").repeatedKey, undefined);
  assert.is(recordSpans('[{"a": 1, "a": 2}]').repeatedKey, undefined);
});

test("skeleton: records replaced by 0, the rest kept", () => {
  const text = '{"total": 2, "results": [{"a": 1}, {"b": [2]}]}';
  assert.is(skeleton(text, recordSpans(text, "results")), '{"total": 2, "results": [0, 0]}');
  const array = '[ {"a": "]"} ,\n {} ]';
  assert.is(skeleton(array, recordSpans(array)), "[ 0 ,\n 0 ]");
});

test("invalid text: the scan ends, whatever it finds", () => {
  for (const text of ['["unclosed', "[[[[", "]]]", '{"results": [1,,2', '"\\']) {
    const spans = recordSpans(text, text.startsWith("{") ? "results" : undefined);
    assert.ok(spans.starts.length <= text.length);
  }
});

test.run();
