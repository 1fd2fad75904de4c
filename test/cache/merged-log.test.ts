import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtemp, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {CACHED_COLUMNS, mergeCoded} from "../../src/cache/merged-log.js";
import {fileState} from "../../src/cache/file-states.js";
import {INDICATOR_COLUMNS} from "../../src/indicators/registry.js";
import {CODED_COLUMNS, PERIOD_KEY_COLUMNS} from "../../src/periods/add-period-keys.js";
import {snapshotFiles} from "../../src/fingerprint.js";
import {findInputs} from "../../src/ingest/find-inputs.js";
import type {InputFormat} from "../../src/ingest/types.js";
import {CodedColumn} from "../../src/ingest/coded-column.js";

test("the cache keeps every column an indicator declares, as addPeriodKeys leaves it: coded, or a period key", () => {
  const kept: readonly string[] = CACHED_COLUMNS;
  const keyed: readonly string[] = PERIOD_KEY_COLUMNS;
  const coded: readonly string[] = CODED_COLUMNS;
  for (const column of INDICATOR_COLUMNS) {
    assert.ok(kept.includes(column), `"${column}": an indicator reads it, so an incremental build needs it from the cache (CACHED_COLUMNS)`);
    assert.ok(
      keyed.includes(column) || coded.includes(column),
      `"${column}": neither a period key nor in CODED_COLUMNS, which addPeriodKeys encodes and the cache stores`,
    );
  }
});

test("mergeCoded: one sorted dictionary, every row keeps its string, code order is string order", () => {
  const before = new CodedColumn(Int32Array.from([1, 0, 2, 1]), ["", "b", "d"]);
  const after = new CodedColumn(Int32Array.from([1, 2, 0, 3]), ["", "a", "d", "e"]);
  const merged = mergeCoded(before, after);
  assert.equal(merged.dictionary, ["", "a", "b", "d", "e"]);
  assert.equal([...merged], ["b", "", "d", "b", "a", "d", "", "e"]);
  // nothing new: the old codes stay as they were
  const same = mergeCoded(before, new CodedColumn(Int32Array.from([2]), ["", "b", "d"]));
  assert.equal(same.dictionary, ["", "b", "d"]);
  assert.equal([...same.codes], [1, 0, 2, 1, 2]);
});

/** The file as a build finds it now. */
const snapshot = async (file: string, format: InputFormat) => (await snapshotFiles(await findInputs([file], format)))[0];

test("fileState: where a later read resumes (CSV with its header text, NDJSON), or null", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ar-append-"));
  const file = (name: string, text: string) => writeFile(path.join(dir, name), text).then(() => path.join(dir, name));
  const csv = await file("a.csv", '\uFEFF\ntimestamp,action\r\n2026-01-01T00:00:00Z,a\r\n"2026-01-02T00:00:00Z","multi\nline"\r\n');
  const state = await fileState(await snapshot(csv, "csv"));
  assert.is(state.size, Buffer.byteLength('\uFEFF\ntimestamp,action\r\n2026-01-01T00:00:00Z,a\r\n"2026-01-02T00:00:00Z","multi\nline"\r\n'));
  assert.match(state.sha256, /^[0-9a-f]{64}$/);
  // 5 newlines: the next byte is on line 6; the blank line before the header is kept with it
  assert.equal(state.resume, {start: state.size, line: 6, header: "\ntimestamp,action\r\n"});
  const ndjsonText = '{"timestamp":"2026-01-01T00:00:00Z","action":"a"}\n\n';
  const ndjson = await file("a.ndjson", ndjsonText);
  const end = Buffer.byteLength(ndjsonText); // 51
  assert.equal((await fileState(await snapshot(ndjson, "ndjson"))).resume, {start: end, line: 3});
  const noNewline = await file("b.csv", "timestamp,action\n2026-01-01T00:00:00Z,a");
  assert.is((await fileState(await snapshot(noNewline, "csv"))).resume, null, "the last row may go on");
  const quotedHeader = await file("c.csv", '"timestamp","action"\n2026-01-01T00:00:00Z,a\n');
  assert.is((await fileState(await snapshot(quotedHeader, "csv"))).resume, null, "a quoted header is not resumed");
  const json = await file("a.json", '[{"timestamp":"2026-01-01T00:00:00Z","action":"a"}]\n');
  assert.is((await fileState(await snapshot(json, "json"))).resume, null, "a JSON array is read whole");
  // resuming from a previous state counts only the new bytes' lines
  const grown = await fileState(await snapshot(ndjson, "ndjson"), {start: 26, line: 40});
  assert.equal(grown.resume, {start: end, line: 42});
  await rm(dir, {recursive: true});
});

test.run();
