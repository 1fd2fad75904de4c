import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {readNdjson} from "../../src/ingest/read-ndjson.js";
import {recordFields, type RawRecord, type ReadOptions} from "../../src/ingest/raw-record.js";
import {InputError} from "../../src/errors.js";

const dir = mkdtempSync(join(tmpdir(), "read-ndjson-"));
let fileCount = 0;
function ndjsonFile(content: string): string {
  const file = join(dir, `f${fileCount++}.ndjson`);
  writeFileSync(file, content);
  return file;
}

async function read(file: string, options: ReadOptions = {}): Promise<RawRecord[]> {
  const records: RawRecord[] = [];
  for await (const batch of readNdjson(file, options)) records.push(...batch);
  return records;
}

test("one record per line; empty lines skipped but counted; CRLF; BOM; no final newline", async () => {
  const text = '\ufeff{"action": "a"}\r\n\r\n\n{"action": "b", "n": 2}\n\n{"action": "c"}';
  const records = await read(ndjsonFile(text));
  assert.equal(
    records.map((r) => [r.line, {...recordFields(r)}]),
    [
      [1, {action: "a"}],
      [4, {action: "b", n: "2"}],
      [6, {action: "c"}],
    ],
  );
});

test("a line of spaces or tabs is a record with a problem, as in CSV; a line with nothing (or a lone CR) is skipped", async () => {
  const records = await read(ndjsonFile('{"action": "a"}\n   \r\n\r\n\t\n\n""\n{"action": "b"}\n \t'));
  assert.equal(
    records.map((r) => [r.line, r.problem]),
    [
      [1, undefined],
      [2, "blank line (only spaces or tabs)"],
      [4, "blank line (only spaces or tabs)"],
      [6, "record is not a JSON object but a string"],
      [7, undefined],
      [8, "blank line (only spaces or tabs)"],
    ],
  );
});

test("lines ended by CR alone: the error says so", async () => {
  const file = ndjsonFile('{"action": "a"}\n{"action": "b"}\r{"action": "c"}\r\n');
  try {
    await read(file);
    assert.unreachable("should throw");
  } catch (error) {
    assert.instance(error, InputError);
    assert.is(
      (error as Error).message,
      `${file}:2: a carriage return (CR) ends a record without a line feed: are the lines ended by CR alone (classic Mac OS)? Save the file with LF or CRLF line ends`,
    );
  }
  // a raw CR inside a string is invalid JSON, and said so
  const inString = ndjsonFile('{"action": "a\rb"}\n');
  await read(inString).then(
    () => assert.unreachable("should throw"),
    (error: Error) => assert.match(error.message, /^.*:1:14: invalid JSON: control character/),
  );
});

test("tiny chunks give the same records (lines and characters split)", async () => {
  const file = ndjsonFile('{"action": "créé 😀"}\n\n{"diff": {"a": "€"}, "action": "x"}\r\n{"action": "y"}\n');
  const whole = await read(file);
  assert.is(whole.length, 3);
  for (const chunkBytes of [1, 2, 3, 5, 8]) assert.equal(await read(file, {chunkBytes}), whole, `chunkBytes ${chunkBytes}`);
});

test("a line that is not an object becomes a record with a problem", async () => {
  const records = await read(ndjsonFile('[1]\n"s"\n{"action": "a"}\n'));
  assert.equal(
    records.map((r) => [r.line, r.problem]),
    [
      [1, "record is not a JSON object but an array"],
      [2, "record is not a JSON object but a string"],
      [3, undefined],
    ],
  );
});

test("a line nesting more than 1,000 levels is a rejected record (5,000 overflowed JSON.stringify's stack)", async () => {
  const nested = (levels: number) => `{"timestamp": "t", "action": "a", "diff": ${"[".repeat(levels - 1)}${"]".repeat(levels - 1)}}`;
  const records = await read(ndjsonFile(`${nested(1000)}\n${nested(5000)}\r\n${"[".repeat(5000)}${"]".repeat(5000)}\n{"action": "b"}\n`));
  assert.equal(
    records.map((r) => [r.line, r.problem]),
    [
      [1, undefined],
      [2, "record nests arrays or objects more than 1000 levels deep"],
      [3, "record nests arrays or objects more than 1000 levels deep"],
      [4, undefined],
    ],
  );
  assert.is(recordFields(records[1]).record, `${nested(5000).slice(0, 1024)}… [cut: ${nested(5000).length} characters]`);
});

test("invalid JSON on a line names file:line:column", async () => {
  const file = ndjsonFile('{"action": "a"}\n\n{"action": b}\n');
  try {
    await read(file);
    assert.unreachable("should throw");
  } catch (error) {
    assert.instance(error, InputError);
    assert.is((error as Error).message, `${file}:3:12: invalid JSON: expected a value, found "b"`);
  }
});

test("a file with only empty lines is empty", async () => {
  const file = ndjsonFile("\n\n\r\n");
  try {
    await read(file);
    assert.unreachable("should throw");
  } catch (error) {
    assert.instance(error, InputError);
    assert.is((error as Error).message, `${file}: the file is empty`);
  }
});

test("readNdjson with resume: only the bytes from `start` on, numbered from `line`", async () => {
  const head = '{"timestamp":"2026-01-01T00:00:00Z","action":"a"}\n';
  const file = join(dir, "resume.ndjson");
  writeFileSync(file, head + '\n{"timestamp":"2026-01-02T00:00:00Z","action":"b"}\n');
  const records = await read(file, {resume: {start: Buffer.byteLength(head), line: 2}});
  assert.equal(
    records.map((r) => ({line: r.line, action: recordFields(r).action})),
    [{line: 3, action: "b"}],
  );
  writeFileSync(file, head);
  assert.equal(await read(file, {resume: {start: Buffer.byteLength(head), line: 2}}), [], "nothing appended is not an empty file");
});

test.run();
