import {test} from "uvu";
import * as assert from "uvu/assert";
import * as aq from "arquero";
import Papa from "papaparse";
import {csvCell, rejectsCsv, writeActivityCsv, writeActivityJson} from "../../src/site/downloads.js";

const collect = async (write: (sink: (chunk: string) => Promise<void>) => Promise<number>) => {
  let text = "";
  const rows = await write(async (chunk) => void (text += chunk));
  return {text, rows};
};

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

test("writeActivityCsv writes the header and rows in table order, readable back", async () => {
  const rows = aq.table({timestamp: ["2025-03-01T10:00:00Z", "2025-03-02T10:00:00Z"], action: ["edit_dataset", "=cmd|' /C calc'!A0"], note: ['he said "x"', "line\nbreak"]});
  const {text, rows: count} = await collect((sink) => writeActivityCsv(rows, ["timestamp", "action", "note"], sink));
  assert.is(count, 2);
  const parsed = Papa.parse<string[]>(text.trimEnd(), {header: false}).data;
  assert.equal(parsed[0], ["timestamp", "action", "note"]);
  assert.equal(parsed[1], ["2025-03-01T10:00:00Z", "edit_dataset", 'he said "x"']);
  assert.equal(parsed[2], ["2025-03-02T10:00:00Z", "'=cmd|' /C calc'!A0", "line\nbreak"]);
  assert.ok(text.endsWith("\r\n"));
});

test("writeActivityCsv streams in chunks for large periods", async () => {
  const n = 20000;
  const rows = aq.table({diff: Array.from({length: n}, (_, i) => "x".repeat(100) + i)});
  const chunks: string[] = [];
  const count = await writeActivityCsv(rows, ["diff"], async (c) => void chunks.push(c));
  assert.is(count, n);
  assert.ok(chunks.length > 1, "more than one chunk");
  assert.is(chunks.join("").split("\r\n").length - 2, n);
});

test("writeActivityJson keeps raw values (no defusing) and is valid JSON", async () => {
  const rows = aq.table({action: ["=1+1", "<script>"], user_id: ["", "u\u2028x"]});
  const {text, rows: count} = await collect((sink) => writeActivityJson(rows, ["action", "user_id"], sink));
  assert.is(count, 2);
  assert.equal(JSON.parse(text), [{action: "=1+1", user_id: ""}, {action: "<script>", user_id: "u\u2028x"}]);
});

test("writeActivityJson of an empty period is an empty array", async () => {
  const {text} = await collect((sink) => writeActivityJson(aq.table({action: []}), ["action"], sink));
  assert.equal(JSON.parse(text), []);
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
