import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {HugeRecord} from "../../src/ingest/huge-record.js";
import {readCsv} from "../../src/ingest/read-csv.js";
import type {RawRecord} from "../../src/ingest/raw-record.js";

/** Feeds `text` to a HugeRecord in pieces of `size` characters; returns it and the text after the record. */
function skip(text: string, size: number, newline: "\n" | "\r\n" = "\n") {
  const record = new HugeRecord(5, ["a", "b", "c"], ",", newline);
  for (let at = 0; at < text.length; at += size) {
    const after = record.feed(text.slice(at, at + size), false);
    if (after !== undefined) return {record, after: after + text.slice(at + size)};
  }
  return {record, after: record.feed("", true)};
}

test("HugeRecord: fields, doubled quotes and newlines, whatever the piece size", () => {
  for (const size of [1, 2, 3, 5, 100]) {
    const {record, after} = skip('1,"x""y\nz" ,w\nnext,row\n', size);
    assert.is(after, "next,row\n", `size ${size}`);
    assert.is(record.newlines, 2);
    assert.equal(record.record(), {
      line: 5,
      names: ["a", "b", "c"],
      values: ["1", 'x"y\nz', "w"],
      problem: "the record is larger than the header's fields allow",
    });
  }
});

test("HugeRecord: CRLF split between pieces, a lone LF inside an unquoted field", () => {
  for (const size of [1, 2, 4, 100]) {
    const {record, after} = skip('1,a\nb,"c"\r\n2,3,4\r\n', size, "\r\n");
    assert.is(after, "2,3,4\r\n", `size ${size}`);
    assert.equal(record.record().values, ["1", "a\nb", "c"]);
    assert.is(record.newlines, 2);
  }
});

test("HugeRecord: text after a closing quote ends the record at the next newline", () => {
  for (const size of [1, 3, 100]) {
    const {record, after} = skip('1,"x"y,"z\n2,3,4\n', size);
    assert.is(after, "2,3,4\n", `size ${size}`);
    assert.is(record.record().problem, 'field 2 ("b"): text after the closing quote');
  }
});

test("HugeRecord: a quote left open at the end is flagged", () => {
  const {record, after} = skip('1,"x\ny', 2);
  assert.is(after, "");
  assert.ok(record.unclosed);
});

test("readCsv: a 12 MB field of doubled quotes (past 2 x (2 MiB + 3) for two columns) is read past, cut to 1 KiB, and the next rows keep their lines", async () => {
  const piece = '{""k"":""a, b"",\r\n""n"":1},';
  const count = Math.ceil((12 * 2 ** 20) / piece.length);
  const field = piece.repeat(count);
  const value = field.replaceAll('""', '"');
  const file = join(mkdtempSync(join(tmpdir(), "huge-record-")), "huge.csv");
  writeFileSync(file, `a,b\r\n1,2\r\n3,"${field}"\r\n4,"5\r\n6"\r\n7,8`);
  const records: RawRecord[] = [];
  for await (const batch of readCsv(file, {chunkBytes: 64 * 1024})) records.push(...batch);
  assert.equal(
    records.map((r) => [r.line, r.values[0], r.problem]),
    [
      [2, "1", undefined],
      [3, "3", `field "b" is larger than 1 MiB (${value.length} characters)`],
      [4 + count, "4", undefined],
      [6 + count, "7", undefined],
    ],
  );
  const cut = records[1].values[1];
  assert.ok(cut.length <= 1024 && cut.startsWith('{"k":"a, b",\r\n"n":1},{"k"'), cut.slice(0, 40));
  assert.ok(cut.endsWith(`… [cut: ${value.length} characters]`));
});

test.run();
