import {test} from "uvu";
import * as assert from "uvu/assert";
import {execFileSync} from "node:child_process";
import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {findInputs, formatOf, skippedInputs} from "../../src/ingest/find-inputs.js";
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
  assert.equal(
    found.map((f) => [f.path, f.format, f.size]),
    [
      [single, "csv", 1],
      [join(dir, "B.csv"), "csv", 1],
      [join(dir, "a.json"), "csv", 1],
      [join(dir, "a.ndjson"), "csv", 1],
      [join(dir, "b.jsonl"), "csv", 1],
    ],
  );
  assert.equal(
    (await findInputs([dir])).map((f) => f.format),
    ["csv", "json", "ndjson", "ndjson"],
  );
});

test("a FIFO or a device given as an input is refused with one line (reading a FIFO blocked for ever)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "find-inputs-"));
  const fifo = join(dir, "pipe.csv");
  execFileSync("mkfifo", [fifo]);
  for (const [input, kind] of [
    [fifo, "a FIFO"],
    ["/dev/null", "a device"],
  ]) {
    await findInputs([input]).then(
      () => assert.unreachable("should throw"),
      (error: Error) => {
        assert.instance(error, InputError);
        assert.is(error.message, `${input}: ${kind}, not a regular file: give a log file or a folder of them`);
      },
    );
  }
});

test("in a folder, entries named like logs that are not regular files are skipped and named by skippedInputs", async () => {
  const dir = mkdtempSync(join(tmpdir(), "find-inputs-"));
  writeFileSync(join(dir, "a.csv"), "x");
  execFileSync("mkfifo", [join(dir, "pipe.csv")]);
  execFileSync("mkfifo", [join(dir, "pipe")]); // not named like a log: ignored, as notes.txt is
  mkdirSync(join(dir, "old.ndjson"));
  assert.equal(
    (await findInputs([dir])).map((f) => f.path),
    [join(dir, "a.csv")],
  );
  assert.equal(await skippedInputs([join(dir, "a.csv"), dir]), [
    `${join(dir, "old.ndjson")} (a folder, not a regular file)`,
    `${join(dir, "pipe.csv")} (a FIFO, not a regular file)`,
  ]);
  assert.equal(await skippedInputs(["test/fixtures/ingest/logs"]), ["test/fixtures/ingest/logs/sub.csv (a folder, not a regular file)"]);
  // with nothing else to read, the error names them
  const only = mkdtempSync(join(tmpdir(), "find-inputs-"));
  execFileSync("mkfifo", [join(only, "pipe.csv")]);
  await findInputs([only]).then(
    () => assert.unreachable("should throw"),
    (error: Error) => {
      assert.is(
        error.message,
        `${only}: no log file in this directory (expected .csv, .json, .ndjson or .jsonl); skipped: ${join(only, "pipe.csv")} (a FIFO, not a regular file)`,
      );
    },
  );
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
