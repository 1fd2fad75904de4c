import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {firstInvalidUtf8, lineAt, readText, readTextChunks} from "../../src/ingest/read-text.js";
import {describeFileError} from "../../src/ingest/find-inputs.js";

const dir = mkdtempSync(join(tmpdir(), "read-text-"));
const bytes = (...values: number[]) => Uint8Array.from(values);

test("firstInvalidUtf8: valid text of 1 to 4 bytes per character", () => {
  assert.is(firstInvalidUtf8(new TextEncoder().encode("aé€😀"), true), -1);
});

test("firstInvalidUtf8: stray, overlong, surrogate, too large, truncated", () => {
  assert.is(firstInvalidUtf8(bytes(0x61, 0xe9, 0x62), true), 1); // Latin-1 é
  assert.is(firstInvalidUtf8(bytes(0x61, 0xc0, 0xaf), true), 1); // overlong "/"
  assert.is(firstInvalidUtf8(bytes(0xe0, 0x80, 0xaf), true), 0); // overlong 3-byte
  assert.is(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80), true), 0); // UTF-16 surrogate
  assert.is(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80), true), 0); // above U+10FFFF
  assert.is(firstInvalidUtf8(bytes(0x61, 0xe2, 0x82), true), 1); // cut at the end of the file
  assert.is(firstInvalidUtf8(bytes(0x61, 0xe2, 0x82), false), -1); // ...or only at the end of a chunk
  assert.is(firstInvalidUtf8(bytes(0x82, 0xac, 0x61), true), -1); // starts inside a character
});

test("chunks never split a character; the BOM is dropped; progress counts bytes", async () => {
  const file = join(dir, "text.txt");
  const text = "é€😀\nligne 2 — fin";
  writeFileSync(file, "\ufeff" + text);
  for (const chunkBytes of [1, 2, 3, 5]) {
    let bytesSeen = 0;
    const chunks: string[] = [];
    for await (const chunk of readTextChunks(file, {chunkBytes, onBytes: (n) => (bytesSeen += n)})) chunks.push(chunk);
    assert.ok(chunks.length > 5);
    assert.is(chunks.join(""), text, `chunkBytes ${chunkBytes}`);
    assert.is(bytesSeen, Buffer.byteLength("\ufeff" + text));
  }
  assert.is(await readText(file), text);
});

test("lineAt counts newlines before a byte offset", async () => {
  const file = join(dir, "lines.txt");
  writeFileSync(file, "a\nb\n\nc");
  assert.equal(await Promise.all([0, 1, 2, 4, 5, 6].map((offset) => lineAt(file, offset))), [1, 1, 2, 3, 4, 4]);
});

test("describeFileError: file-system codes in words", () => {
  assert.is(describeFileError({code: "ENOENT"}), "no such file or directory");
  assert.is(describeFileError({code: "EACCES"}), "permission denied");
  assert.is(describeFileError({code: "EISDIR"}), "is a directory, expected a file");
  assert.is(describeFileError(new Error("boom")), "cannot read: boom");
});

test.run();
