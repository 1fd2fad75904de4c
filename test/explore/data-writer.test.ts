/**
 * writePacked writes a month's sections deflated (zlib) and base64 in a script pushing a PackedFile:
 * inflated, the payload is each section's bytes in order (JSON text; an array of strings as its
 * JSON), with the lengths the file lists; text of several UTF-8 widths and sections larger than a
 * chunk included. The same sections always give the same bytes.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtemp, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {inflateSync} from "node:zlib";
import {randomBytes} from "node:crypto";
import {writePacked} from "../../src/explore/data-writer.js";
import type {Section} from "../../src/explore/data-format.js";
import {pushed} from "./read-data-file.js";

const TEXTS = ["", "</script>\u2028<!--", "é€😀", '"quoted" \\ back', "x".repeat(5000), "é".repeat(30_000)]; // the last one more than a chunk

test("writePacked: the sections, deflated, with their lengths; the same bytes every time", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ar-data-writer-"));
  try {
    const big = randomBytes(200_000); // more than zlib's 16 KiB chunks, and incompressible
    const sections: Section[] = [{json: {rows: 3, title: TEXTS[1]}}, {strings: TEXTS}, {strings: []}, {bytes: new Uint8Array(0)}, {bytes: big}];
    const file = path.join(dir, "2026-03.js");
    await writePacked(file, "rows", "2026-03", sections);
    const text = await readFile(file, "utf8");
    const value = pushed(text);
    assert.is(value.kind, "packed");
    if (value.kind !== "packed") return;
    assert.equal([value.of, value.month, value.format], ["rows", "2026-03", 2]);
    const expected = [Buffer.from(JSON.stringify({rows: 3, title: TEXTS[1]})), Buffer.from(JSON.stringify(TEXTS)), Buffer.from("[]"), Buffer.alloc(0), big];
    assert.equal(
      value.sections,
      expected.map((part) => part.length),
    );
    assert.ok(inflateSync(Buffer.from(value.data, "base64")).equals(Buffer.concat(expected)));
    await writePacked(path.join(dir, "again.js"), "rows", "2026-03", sections);
    assert.is(await readFile(path.join(dir, "again.js"), "utf8"), text);
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
});

test.run();
