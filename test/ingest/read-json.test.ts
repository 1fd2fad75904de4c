import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtempSync, truncateSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {jsonText, readJson} from "../../src/ingest/read-json.js";
import {recordFields, type RawRecord} from "../../src/ingest/raw-record.js";
import {InputError} from "../../src/errors.js";
import {fieldText} from "../../src/ingest/json-value.js";

const dir = mkdtempSync(join(tmpdir(), "read-json-"));
let fileCount = 0;
function jsonFile(content: string): string {
  const file = join(dir, `f${fileCount++}.json`);
  writeFileSync(file, content);
  return file;
}

async function read(file: string): Promise<RawRecord[]> {
  const records: RawRecord[] = [];
  for await (const batch of readJson(file)) records.push(...batch);
  return records;
}

async function failure(file: string): Promise<string> {
  try {
    await read(file);
  } catch (error) {
    assert.instance(error, InputError);
    return (error as Error).message;
  }
  throw new Error(`${file} was read without error`);
}

test("an array of records, each with the line where it starts", async () => {
  const records = await read(jsonFile('[\n  {"timestamp": "t1", "action": "a"},\n\n  {"timestamp": "t2",\n "action": "b"}, {"x": 1}\n]'));
  assert.equal(
    records.map((r) => [r.line, {...recordFields(r)}]),
    [
      [2, {timestamp: "t1", action: "a"}],
      [4, {timestamp: "t2", action: "b"}],
      [5, {x: "1"}],
    ],
  );
});

test("an object whose results array holds the records (OpenDataSoft API v2)", async () => {
  const text = '{"total_count": 2, "links": [{"rel": "self"}],\n "results": [\n {"action": "a"},\n {"action": "b"}\n ]}';
  const records = await read(jsonFile(text));
  assert.equal(
    records.map((r) => [r.line, r.values]),
    [
      [3, ["a"]],
      [4, ["b"]],
    ],
  );
});

test('values become strings: null -> "", numbers and booleans -> String, objects -> JSON', async () => {
  const records = await read(jsonFile('[{"a": null, "b": 1.5, "c": true, "d": {"x": [1, "é"]}, "e": "s", "f": []}]'));
  assert.equal({...recordFields(records[0])}, {a: "", b: "1.5", c: "true", d: '{"x":[1,"é"]}', e: "s", f: "[]"});
  assert.is(jsonText(undefined), "");
  assert.is(jsonText(-0), "0");
});

test("an element that is not an object becomes a record with a problem", async () => {
  const records = await read(jsonFile('[1, null, [2], "s", {"ok": "yes"}]'));
  assert.equal(
    records.map((r) => r.problem),
    [
      "record is not a JSON object but a number",
      "record is not a JSON object but null",
      "record is not a JSON object but an array",
      "record is not a JSON object but a string",
      undefined,
    ],
  );
});

test("a key named __proto__ is an ordinary field", async () => {
  const records = await read(jsonFile('[{"__proto__": "x", "action": "a"}]'));
  const fields = recordFields(records[0]);
  assert.equal(Object.keys(fields), ["__proto__", "action"]);
  assert.is(Object.getPrototypeOf(fields), Object.prototype);
});

test("a record nesting more than 1,000 levels is a rejected record, cut to 1 KiB; 1,000 levels are read", async () => {
  const nested = (levels: number) => `{"timestamp": "t", "action": "a", "diff": ${"[".repeat(levels - 1)}${"]".repeat(levels - 1)}}`;
  const records = await read(jsonFile(`[${nested(1000)},\n${nested(1001)},\n${nested(5000)}\n]`));
  assert.equal(
    records.map((r) => [r.line, r.problem]),
    [
      [1, undefined],
      [2, "record nests arrays or objects more than 1000 levels deep"],
      [3, "record nests arrays or objects more than 1000 levels deep"],
    ],
  );
  assert.is(fieldText(records[0].values[2]), "[".repeat(999) + "]".repeat(999));
  assert.equal(records[2].names, ["record"]);
  assert.is(recordFields(records[2]).record, `${nested(5000).slice(0, 1024)}… [cut: ${nested(5000).length} characters]`);
  // the whole array nested 5,000 deep: its one element is such a record
  const deepArray = await read(jsonFile("[".repeat(5000) + "]".repeat(5000)));
  assert.equal(
    deepArray.map((r) => [r.line, r.problem]),
    [[1, "record nests arrays or objects more than 1000 levels deep"]],
  );
});

test('a key repeated in the top-level object names file:line:column: {"results": [A], "results": [B]} would lose A', async () => {
  const file = jsonFile('{"results": [{"timestamp": "t", "action": "a"}],\n  "results": [{"timestamp": "t", "action": "b"}]}');
  assert.is(await failure(file), `${file}:2:3: key "results" appears a second time in the top-level object (JSON keeps only the last: rows would be lost)`);
  const spelt = jsonFile('{"total_count": 1, "results": [], "total_\\u0063ount": 2}');
  assert.match(await failure(spelt), new RegExp(`^${spelt}:1:35: key "total_count" appears a second time`));
});

test("a name repeated inside a record: JSON's rule, the last value wins (not looked for, see checkedJsonRecord)", async () => {
  const records = await read(jsonFile('[{"timestamp": "t", "action": "a", "user_id": "u1", "user_id": "u2"}]'));
  assert.equal(
    records.map((r) => [r.problem, {...recordFields(r)}]),
    [[undefined, {timestamp: "t", action: "a", user_id: "u2"}]],
  );
});

test("invalid JSON names file:line:column", async () => {
  let file = jsonFile('[\n  {"action": "a"},\n  {"action": "b",}\n]');
  assert.is(await failure(file), `${file}:3:18: invalid JSON: expected a property name in double quotes, found "}"`);
  file = jsonFile('[{"action": "a"}');
  assert.is(await failure(file), `${file}:1:17: invalid JSON: unexpected end of the JSON text`);
  file = jsonFile('{"results": [{"action": "a"}] "x": 1}'); // an error in the frame, not in a record
  assert.is(await failure(file), `${file}:1:31: invalid JSON: expected "," or "}", found """`);
  file = jsonFile('[{"action": "a\tb"}]');
  assert.is(await failure(file), `${file}:1:15: invalid JSON: control character in a string (escape it)`);
});

test("empty file, a lone value, an object without results, a file over the limit", async () => {
  let file = jsonFile(" \n ");
  assert.is(await failure(file), `${file}: the file is empty`);
  file = jsonFile("42");
  assert.is(await failure(file), `${file}: expected an array of records or an object with a "results" array, found a number`);
  file = jsonFile('{"results": {"a": 1}}');
  assert.match(await failure(file), `${file}: expected an array of records or an object with a "results" array, found an object`);
  file = jsonFile("");
  truncateSync(file, 401 * 2 ** 20); // sparse: takes no disk space
  assert.is(await failure(file), `${file}: 401 MB is too large for one JSON document (limit 400 MB); convert it to NDJSON, one record per line`);
});

test.run();
