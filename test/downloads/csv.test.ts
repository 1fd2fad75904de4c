import {test} from "uvu";
import * as assert from "uvu/assert";
import Papa from "papaparse";
import {csvCell, csvLine, rejectsCsv} from "../../src/downloads/csv.js";

test("csvCell quotes every cell and doubles quotes", () => {
  assert.is(csvCell("plain"), '"plain"');
  assert.is(csvCell('say "hi"'), '"say ""hi"""');
  assert.is(csvCell(""), '""');
  assert.is(csvCell("a\nb"), '"a\nb"');
});

test("csvCell defuses formulas, including full-width and control starts", () => {
  for (const start of ["=", "+", "-", "@", "\t", "\r", "\n", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]) {
    const cell = csvCell(`${start}HYPERLINK("http://x")`);
    assert.ok(cell.startsWith(`"'${start}`), `cell starting with U+${start.codePointAt(0)!.toString(16)} is defused: ${cell}`);
  }
  assert.is(csvCell("2025-03-01T10:00:00Z"), '"2025-03-01T10:00:00Z"');
  assert.is(csvCell("a=b"), '"a=b"');
});

test("csvCell writes NUL as U+FFFD (CSV readers stop at it); other characters stay", () => {
  assert.is(csvCell("nul\u0000x\u0000"), '"nul\uFFFDx\uFFFD"');
  assert.is(csvCell("\u0000=1"), '"\uFFFD=1"');
  assert.is(csvCell("tab\there\u001B"), '"tab\there\u001B"');
});

test("csvLine ends with CRLF and reads back with papaparse", () => {
  const line = csvLine(["a", "b,c", 'say "x"', "-1"]);
  assert.ok(line.endsWith("\r\n"));
  assert.equal(Papa.parse<string[]>(line.trimEnd()).data[0], ["a", "b,c", 'say "x"', "'-1"]);
});

test("rejectsCsv lists file, line, reason and the union of raw fields", () => {
  const text = rejectsCsv([
    {file: "a.csv", line: 3, reason: "empty action", fields: {timestamp: "2025-01-01T00:00:00Z", action: ""}},
    {file: "b.ndjson", line: 7, reason: "bad timestamp", fields: {timestamp: "=HYPERLINK(1)", extra: "x"}},
  ]);
  const parsed = Papa.parse<string[]>(text.trimEnd()).data;
  assert.equal(parsed[0], ["file", "line", "reason", "timestamp", "action", "extra"]);
  assert.equal(parsed[1], ["a.csv", "3", "empty action", "2025-01-01T00:00:00Z", "", ""]);
  assert.equal(parsed[2], ["b.ndjson", "7", "bad timestamp", "'=HYPERLINK(1)", "", "x"]);
});

test.run();
