/**
 * A CSV field with text after its closing quote (`"edit"x`) is not RFC 4180. ingest promises
 * (read-csv.ts) that such a row is rejected with a reason and the file read on. These small logs,
 * counted by hand, check that the rows after it keep their own lines: nothing is swallowed into the
 * bad row, and no later quote (or the lack of one) changes that.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {ingest} from "../../src/ingest/index.js";

const dir = mkdtempSync(path.join(tmpdir(), "ar-quotes-"));

async function read(name: string, lines: string[]) {
  const file = path.join(dir, name);
  writeFileSync(file, lines.join("\n") + "\n");
  return ingest({inputs: [file], timeZone: "UTC"});
}

test("the next row is not swallowed when it holds a quote", async () => {
  const log = await read("next-quoted.csv", [
    "timestamp,action,diff",
    '2025-03-01T10:00:00Z,"edit"x,1', // line 2: malformed
    '2025-03-01T11:00:00Z,"edit",2', // line 3
    "2025-03-01T12:00:00Z,edit,3", // line 4
  ]);
  assert.equal(log.counts, {files: 1, rows: 3, accepted: 2, rejected: 1, duplicates: 0});
  assert.equal(
    log.rejects.map((r) => r.line),
    [2],
  );
  assert.match(log.rejects[0].reason, /quote/);
  assert.equal(log.table.array("diff"), ["2", "3"]);
});

test("rows up to a later quoted field are not swallowed", async () => {
  const log = await read("later-quoted.csv", [
    "timestamp,action,diff",
    '2025-03-01T10:00:00Z,"edit"x,1', // line 2: malformed
    "2025-03-01T11:00:00Z,edit,2",
    "2025-03-01T12:00:00Z,edit,3",
    '2025-03-01T13:00:00Z,edit,"{""a"":1}"', // line 5
    "2025-03-01T14:00:00Z,edit,5",
  ]);
  assert.equal(log.counts, {files: 1, rows: 5, accepted: 4, rejected: 1, duplicates: 0});
  assert.equal(
    log.rejects.map((r) => [r.line, /quote/.test(r.reason)]),
    [[2, true]],
  );
  assert.equal(log.table.array("diff"), ["2", "3", '{"a":1}', "5"]);
});

test("with no quote after it, the file is not refused as an unclosed quote", async () => {
  const log = await read("no-later-quote.csv", [
    "timestamp,action,diff",
    "2025-03-01T09:00:00Z,edit,0",
    '2025-03-01T10:00:00Z,"edit"x,1', // line 3: malformed, but its quote is closed
    "2025-03-01T11:00:00Z,edit,2",
  ]);
  assert.equal(log.counts, {files: 1, rows: 3, accepted: 2, rejected: 1, duplicates: 0});
  assert.equal(
    log.rejects.map((r) => r.line),
    [3],
  );
  assert.equal(log.table.array("diff"), ["0", "2"]);
});

test.after(() => rmSync(dir, {recursive: true, force: true}));

test.run();
