/**
 * JSONTestSuite's parsing cases (test/fixtures/JSONTestSuite: its y_* and n_* files): every n_* file
 * read as a JSON log is a clean InputError naming it; every y_* file that holds an array parses;
 * y_* texts carried as a `diff` string through NDJSON come out unchanged.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {ingest} from "../../src/ingest/index.js";
import {findJsonSyntaxError} from "../../src/ingest/json-syntax.js";
import {InputError} from "../../src/errors.js";

const suite = resolve("test/fixtures/JSONTestSuite/test_parsing");
const names = readdirSync(suite).sort();
const no = names.filter((n) => n.startsWith("n_"));
const yes = names.filter((n) => n.startsWith("y_"));

test("the corpus is there", () => {
  assert.ok(no.length > 150, `${no.length} n_ files`);
  assert.ok(yes.length > 90, `${yes.length} y_ files`);
});

test("every n_* file is a clean one-line InputError naming the file", async () => {
  for (const name of no) {
    const file = join(suite, name);
    try {
      await ingest({inputs: [file], timeZone: "UTC"});
      assert.unreachable(`${name} was accepted`);
    } catch (error) {
      assert.instance(error, InputError, name);
      const message = (error as Error).message;
      assert.ok(message.startsWith(`${file}`), `${name}: ${message}`);
      assert.not.match(message, "\n", name);
    }
  }
});

test("the syntax checker agrees with JSON.parse on every y_* and n_* text it can decode", () => {
  const decoder = new TextDecoder("utf-8", {fatal: true});
  for (const name of [...yes, ...no]) {
    let text: string;
    try {
      text = decoder.decode(readFileSync(join(suite, name)));
    } catch {
      continue; // not UTF-8: refused before any parsing
    }
    let valid = true;
    try {
      JSON.parse(text);
    } catch {
      valid = false;
    }
    assert.is(findJsonSyntaxError(text) === undefined, valid, name);
  }
});

test("every y_* array parses: one row per element, non-objects rejected; other y_* are InputErrors", async () => {
  for (const name of yes) {
    const file = join(suite, name);
    const value = JSON.parse(readFileSync(file, "utf8"));
    if (Array.isArray(value)) {
      const log = await ingest({inputs: [file], timeZone: "UTC"});
      assert.is(log.counts.rows, value.length, name);
      assert.is(log.counts.rejected, value.length, name); // no element is a record with a timestamp
    } else {
      try {
        await ingest({inputs: [file], timeZone: "UTC"});
        assert.unreachable(`${name} was accepted`);
      } catch (error) {
        assert.instance(error, InputError, name);
        assert.match((error as Error).message, `${file}: expected an array of records`, name);
      }
    }
  }
});

test("y_* texts used as a diff string in NDJSON records are carried unchanged", async () => {
  const texts = yes.map((name) => readFileSync(join(suite, name), "utf8"));
  const lines = texts.map((text, i) =>
    JSON.stringify({timestamp: `2025-01-01T00:00:${String(i % 60).padStart(2, "0")}Z`, action: "update", user_id: `u${i}`, diff: text}),
  );
  const file = join(mkdtempSync(join(tmpdir(), "json-suite-")), "diffs.ndjson");
  writeFileSync(file, lines.join("\n"));
  const log = await ingest({inputs: [file], timeZone: "UTC"});
  assert.is(log.counts.accepted, texts.length);
  const diffs = new Map((log.table.objects() as Record<string, unknown>[]).map((row) => [row.user_id as string, row.diff as string]));
  texts.forEach((text, i) => assert.is(diffs.get(`u${i}`), text, yes[i]));
});

test.run();
