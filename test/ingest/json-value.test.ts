import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {ingest} from "../../src/ingest/index.js";
import {compactJson, fieldJson, fieldText, heldString, heldValues, memberTexts, RAW_MARK} from "../../src/ingest/json-value.js";

const held = (source: string) => {
  const record = JSON.parse(source) as Record<string, unknown>;
  const names = Object.keys(record);
  return Object.fromEntries(names.map((name, i) => [name, heldValues(record, names, source)[i]]));
};

test("numbers, null, booleans, objects and arrays are held as written; strings as they are", () => {
  const values = held(
    '{"s": "x", "n": 12345678901234567890, "e": 1e400, "f": 1.50, "z": -0, "null": null, "t": true, "o": { "n": 12345678901234567890, "s": "\\u00e9\\/" }, "a": [ ]}',
  );
  assert.equal(values, {
    s: "x",
    n: `${RAW_MARK}12345678901234567890`,
    e: `${RAW_MARK}1e400`,
    f: `${RAW_MARK}1.50`,
    z: `${RAW_MARK}-0`,
    null: `${RAW_MARK}null`,
    t: `${RAW_MARK}true`,
    o: `${RAW_MARK}{"n":12345678901234567890,"s":"é/"}`,
    a: `${RAW_MARK}[]`,
  });
  assert.equal(Object.values(values).map(fieldText), [
    "x",
    "12345678901234567890",
    "1e400",
    "1.50",
    "-0",
    "",
    "true",
    '{"n":12345678901234567890,"s":"é/"}',
    "[]",
  ]);
  assert.equal(Object.values(values).map(fieldJson), [
    '"x"',
    "12345678901234567890",
    "1e400",
    "1.50",
    "-0",
    "null",
    "true",
    '{"n":12345678901234567890,"s":"é/"}',
    "[]",
  ]);
});

test("a string that starts with the mark (a lone surrogate, only an escape writes it) stays a string", () => {
  const value = JSON.parse('"\\udfffnull"') as string;
  assert.is(heldString(value), RAW_MARK + value);
  assert.is(fieldText(heldString(value)), value);
  assert.is(fieldJson(heldString(value)), '"\\udfffnull"');
  assert.is(heldString("plain"), "plain");
});

test("memberTexts: by decoded name, the last of a repeated name, integer-like names, any depth", () => {
  const members = memberTexts('{ "b" : 1 , "0": [1, {"x": "]}"}], "\\u0062": 2.0, "s": "a\\"b", "t":true}');
  assert.equal(
    [...members],
    [
      ["b", "2.0"],
      ["0", '[1, {"x": "]}"}]'],
      ["s", '"a\\"b"'],
      ["t", "true"],
    ],
  );
  const deep = `{"d": ${"[".repeat(20000)}1${"]".repeat(20000)}, "n": 3}`;
  assert.is(memberTexts(deep).get("n"), "3");
  assert.is(compactJson(`${"[ ".repeat(20000)}1${" ]".repeat(20000)}`), `${"[".repeat(20000)}1${"]".repeat(20000)}`);
});

test("compactJson writes strings as JSON.stringify does, and keeps the members' order", () => {
  assert.is(compactJson('{ "b" : "\\u0041\\n" ,\n "a" : [ 1.0 , "x y" ] }'), '{"b":"A\\n","a":[1.0,"x y"]}');
  assert.is(compactJson('{"2": 1, "1": 2}'), '{"2":1,"1":2}');
});

test("a null or numeric timestamp or action is read as its text by the checks, and reported as text", async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "json-value-")), "log.ndjson");
  const lines = [
    '{"timestamp": null, "action": "a"}',
    '{"timestamp": 1700000000, "action": "a"}',
    '{"timestamp": "2025-01-01T00:00:00Z", "action": null}',
    '{"timestamp": "2025-01-01T00:00:00Z", "action": 7}',
  ];
  writeFileSync(file, lines.join("\n"));
  const log = await ingest({inputs: [file], timeZone: "UTC"});
  assert.equal(
    log.rejects.map((reject) => [reject.reason, reject.fields.timestamp, reject.fields.action]),
    [
      [await rejectReason(""), "", "a"],
      [await rejectReason("1700000000"), "1700000000", "a"],
      ["action is empty", "2025-01-01T00:00:00Z", ""],
    ],
  );
  assert.equal(log.table.array("action"), [`${RAW_MARK}7`]);
});

/** The reason a CSV row with this timestamp is rejected for. */
async function rejectReason(timestamp: string): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "json-value-")), "log.csv");
  writeFileSync(file, `timestamp,action\n"${timestamp}",a\n`);
  return (await ingest({inputs: [file], timeZone: "UTC"})).rejects[0].reason;
}

test.run();
