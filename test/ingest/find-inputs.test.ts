import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {findInputs, formatOf} from "../../src/ingest/find-inputs.js";
import {InputError} from "../../src/errors.js";

test("formatOf: the extension, whatever its case", () => {
  assert.is(formatOf("a.csv"), "csv");
  assert.is(formatOf("A.CSV"), "csv");
  assert.is(formatOf("a.json"), "json");
  assert.is(formatOf("a.ndjson"), "ndjson");
  assert.is(formatOf("a.jsonl"), "ndjson");
  assert.is(formatOf("a.txt"), undefined);
  assert.is(formatOf("csv"), undefined);
});

test("files and directories in the order given, directory entries by name", async () => {
  const dir = mkdtempSync(join(tmpdir(), "find-inputs-"));
  for (const name of ["b.jsonl", "B.csv", "a.json", "notes.md", "a.ndjson"]) writeFileSync(join(dir, name), "x");
  mkdirSync(join(dir, "old.csv"));
  writeFileSync(join(dir, "old.csv", "inner.csv"), "x");
  const single = join(dir, "notes.md");
  const found = await findInputs([single, dir], "csv");
  assert.equal(found.map((f) => [f.path, f.format, f.size]), [
    [single, "csv", 1],
    [join(dir, "B.csv"), "csv", 1],
    [join(dir, "a.json"), "csv", 1],
    [join(dir, "a.ndjson"), "csv", 1],
    [join(dir, "b.jsonl"), "csv", 1],
  ]);
  assert.equal((await findInputs([dir])).map((f) => f.format), ["csv", "json", "ndjson", "ndjson"]);
});

test("no input at all is an InputError", async () => {
  try {
    await findInputs([]);
    assert.unreachable("should throw");
  } catch (error) {
    assert.instance(error, InputError);
    assert.is((error as Error).message, "no input file given");
  }
});

test.run();
