/**
 * The content hashes behind the fingerprint (a rerun with nothing new) and the cache's trust in a
 * grown file: SHA-256 of the whole file and of a prefix, in one pass when both are asked, for a file
 * smaller than the 8 MiB read buffer and for one larger.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {createHash} from "node:crypto";
import {mkdtemp, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {hashBytes, hashFile, inputsResized} from "../src/fingerprint.js";
import {buildConfig} from "../src/config.js";
import {mkdir, appendFile} from "node:fs/promises";

let dir = "";
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

test.before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fingerprint-"));
});

test.after(async () => {
  await rm(dir, {recursive: true, force: true});
});

test("a small and a large file: SHA-256 of the whole, of a prefix, and both at once", async () => {
  for (const size of [1000, 20 << 20]) {
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i += 4096) bytes[i] = (i / 4096) % 251;
    const file = path.join(dir, `log-${size}.csv`);
    await writeFile(file, bytes);
    const prefix = Math.floor(size * 0.7);
    assert.is(await hashFile(file), sha256(bytes), `${size}: whole`);
    assert.is(await hashBytes(file, prefix), sha256(bytes.subarray(0, prefix)), `${size}: prefix`);
    // one pass giving both (memoised), on a file changed since (another mtime and size)
    const grown = Buffer.concat([bytes, Buffer.from("more\n")]);
    await writeFile(file, grown);
    assert.is(await hashBytes(file, grown.length, size), sha256(grown), `${size}: grown`);
    assert.is(await hashBytes(file, size), sha256(bytes), `${size}: the old bytes, from the same pass`);
  }
});

test("an input is resized when its size differs from what the cache manifest recorded", async () => {
  const log = path.join(dir, "resized.csv");
  const cache = path.join(dir, "resized-cache");
  await writeFile(log, "timestamp,action\n2026-01-01T00:00:00Z,edit_page\n");
  const config = buildConfig({input: [log], out: path.join(dir, "resized-site"), cache, tz: "UTC", quiet: true});
  assert.is(await inputsResized(config), false, "no cache yet: nothing to compare with");
  await mkdir(cache, {recursive: true});
  const size = (await import("node:fs")).statSync(log).size;
  await writeFile(path.join(cache, "manifest.json"), JSON.stringify({files: [{path: log, size}]}));
  assert.is(await inputsResized(config), false, "same size");
  await appendFile(log, "2026-01-02T00:00:00Z,edit_page\n");
  assert.is(await inputsResized(config), true, "grown");
  // a folder of daily files that gained one: the old files are unchanged
  const daily = path.join(dir, "daily");
  await mkdir(daily);
  await writeFile(path.join(daily, "2026-01-01.csv"), "timestamp,action\n2026-01-01T00:00:00Z,edit_page\n");
  const days = buildConfig({input: [daily], out: path.join(dir, "daily-site"), cache, tz: "UTC", quiet: true});
  const first = (await import("node:fs")).statSync(path.join(daily, "2026-01-01.csv")).size;
  await writeFile(path.join(cache, "manifest.json"), JSON.stringify({files: [{path: path.join(daily, "2026-01-01.csv"), size: first}]}));
  assert.is(await inputsResized(days), false, "the same daily file");
  await writeFile(path.join(daily, "2026-01-02.csv"), "timestamp,action\n2026-01-02T00:00:00Z,edit_page\n");
  assert.is(await inputsResized(days), true, "a new daily file");
  assert.is(await inputsResized(buildConfig({input: [log], out: path.join(dir, "resized-site"), "no-cache": true, quiet: true, tz: "UTC"})), false, "no cache used");
});

test.run();
