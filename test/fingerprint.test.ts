/**
 * The content hashes behind the fingerprint (a rerun with nothing new) and the cache's trust in a
 * grown file: SHA-256 of the whole file and of a prefix, in one pass when both are asked, for a file
 * smaller than the 8 MiB read buffer and for one larger; the snapshot a build reads of a growing
 * file (the size found; a half-written last line held back); a file replaced or cut meanwhile.
 * The fingerprint covers every option but the declared output-neutral ones.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {createHash} from "node:crypto";
import {mkdtemp, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {buildFingerprint, hashCode, inputsResized, snapshotFiles, snapshotPrefixHash} from "../src/fingerprint.js";
import {buildConfig, OUTPUT_NEUTRAL_OPTIONS, type BuildConfig} from "../src/config.js";
import {InputError} from "../src/errors.js";
import {findInputs} from "../src/ingest/find-inputs.js";
import {mkdir, appendFile, rename, truncate} from "node:fs/promises";
import {pathToFileURL} from "node:url";

let dir = "";
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

test.before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fingerprint-"));
});

test.after(async () => {
  await rm(dir, {recursive: true, force: true});
});

test("a small and a large file: SHA-256 of the snapshot, and of the cache's size in the same pass", async () => {
  for (const size of [1000, 20 << 20]) {
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i += 4096) bytes[i] = (i / 4096) % 251;
    const file = path.join(dir, `log-${size}.csv`);
    await writeFile(file, bytes);
    const prefix = Math.floor(size * 0.7);
    const [whole] = await snapshotFiles(await findInputs([file]));
    assert.is(whole.sha256, sha256(bytes), `${size}: whole`);
    assert.is(whole.size, size);
    assert.is(await snapshotPrefixHash(whole, prefix), sha256(bytes.subarray(0, prefix)), `${size}: prefix, read when asked`);
    const grown = Buffer.concat([bytes, Buffer.from("more\n")]);
    await writeFile(file, grown);
    const [both] = await snapshotFiles(await findInputs([file]), new Map([[file, size]]));
    assert.is(both.sha256, sha256(grown), `${size}: grown`);
    assert.equal(both.prefix, {size, sha256: sha256(bytes)}, `${size}: the old bytes, from the same pass`);
  }
});

test("a folder of files of very different sizes (hashed a few at a time): each snapshot in input order, with its own file's hash", async () => {
  const folder = path.join(dir, "sizes");
  await mkdir(folder);
  const contents = new Map<string, Buffer>();
  for (let i = 0; i < 12; i++) {
    // the first files large, the later ones tiny: a later file's hash ends first
    const bytes = Buffer.from(`timestamp,action\n${`2026-01-${String(i + 1).padStart(2, "0")}T00:00:00Z,a${i}\n`.repeat(i < 3 ? 200_000 : 1 + i)}`);
    const file = path.join(folder, `2026-01-${String(i + 1).padStart(2, "0")}.csv`);
    await writeFile(file, bytes);
    contents.set(file, bytes);
  }
  const snapshots = await snapshotFiles(await findInputs([folder]));
  assert.equal(
    snapshots.map((snapshot) => [path.basename(snapshot.path), snapshot.size, snapshot.sha256]),
    [...contents].map(([file, bytes]) => [path.basename(file), bytes.length, sha256(bytes)]),
  );
});

test("a snapshot is the size found: bytes appended after it are neither hashed nor counted", async () => {
  const file = path.join(dir, "growing.csv");
  const found = "timestamp,action\n2026-01-01T00:00:00Z,a\n";
  await writeFile(file, found);
  const inputs = await findInputs([file]);
  await appendFile(file, "2026-01-02T00:00:00Z,b\n");
  const [snapshot] = await snapshotFiles(inputs);
  assert.equal([snapshot.size, snapshot.sha256], [Buffer.byteLength(found), sha256(Buffer.from(found))]);
});

test("a CSV or NDJSON file that grows while it is hashed, cut inside a line: its snapshot ends after its last whole line", async () => {
  for (const [name, whole, half, rest] of [
    ["cut.csv", "timestamp,action\n2026-01-01T00:00:00Z,a\n", "2026-01-02T00:00:00Z,ed", "it_page\n"],
    ["cut.ndjson", '{"timestamp":"2026-01-01T00:00:00Z","action":"a"}\n', '{"timestamp":"2026-01-02T00:', '00:00Z","action":"b"}\n'],
  ]) {
    const file = path.join(dir, name);
    await writeFile(file, whole + half);
    const inputs = await findInputs([file]);
    await appendFile(file, rest); // the writer finishes its line after the snapshot
    const [snapshot] = await snapshotFiles(inputs);
    assert.equal([snapshot.size, snapshot.sha256], [Buffer.byteLength(whole), sha256(Buffer.from(whole))], `${name}: the half line waits`);
    // the same file, no longer growing: every byte, the last line without a newline counted
    await writeFile(file, whole + half);
    const [quiet] = await snapshotFiles(await findInputs([file]));
    assert.is(quiet.size, Buffer.byteLength(whole + half), `${name}: a file that did not grow is taken whole`);
  }
  // a JSON document is read whole or not at all: nothing is held back
  const json = path.join(dir, "cut.json");
  await writeFile(json, '[{"timestamp":"2026-01-01T00:00:00Z","action":"a"}');
  const inputs = await findInputs([json]);
  await appendFile(json, "]\n");
  assert.is((await snapshotFiles(inputs))[0].size, inputs[0].size);
});

test("a snapshot whose file was replaced or cut since it was found: one line naming the file", async () => {
  const file = path.join(dir, "rotated.csv");
  await writeFile(file, "timestamp,action\n2026-01-01T00:00:00Z,a\n");
  const inputs = await findInputs([file]);
  await writeFile(path.join(dir, "new.csv"), "timestamp,action\n");
  await rename(path.join(dir, "new.csv"), file);
  const replaced = await snapshotFiles(inputs).catch((error: Error) => error);
  assert.instance(replaced, InputError);
  assert.match((replaced as Error).message, `${file}: another file took its place while the build read it (a log rotation?); run the build again`);
  await writeFile(file, "timestamp,action\n2026-01-01T00:00:00Z,a\n");
  const again = await findInputs([file]);
  await truncate(file, 10);
  const cut = await snapshotFiles(again).catch((error: Error) => error);
  assert.instance(cut, InputError);
  assert.match((cut as Error).message, `${file}: it was cut to 10 bytes while the build read it (it had 40); run the build again`);
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
  assert.is(
    await inputsResized(buildConfig({input: [log], out: path.join(dir, "resized-site"), "no-cache": true, quiet: true, tz: "UTC"})),
    false,
    "no cache used",
  );
});

/** Another value of an option, whatever its type: the fingerprint only digests it. */
function otherValue(value: unknown): unknown {
  if (typeof value === "string") return value + "x";
  if (typeof value === "number") return value + 1;
  if (typeof value === "boolean") return !value;
  if (Array.isArray(value)) return value.length > 1 ? value.slice(1) : [...value, "x"];
  if (value === undefined || value === null) return "x";
  return {...(value as object), x: 1};
}

test("the code's hash: npm scripts do not count (they never run a build), the version, a source and a template do", async () => {
  const root = path.join(dir, "code");
  await mkdir(path.join(root, "src"), {recursive: true});
  await mkdir(path.join(root, "templates"), {recursive: true});
  const manifest = {name: "activity-report", version: "1.0.0", scripts: {test: "uvu"}, dependencies: {vega: "6.0.0"}};
  const write = async (file: string, text: string) => writeFile(path.join(root, file), text);
  await write("package.json", JSON.stringify(manifest));
  await write("package-lock.json", "{}");
  await write("src/build.ts", "export {};");
  await write("templates/page.njk", "<p>");
  const url = pathToFileURL(root + path.sep);
  const first = await hashCode(url);
  await write("package.json", JSON.stringify({...manifest, scripts: {test: "uvu --bail", bench: "tsx bench/run.ts"}}, null, 2));
  assert.is(await hashCode(url), first, "scripts changed, and the file's layout");
  const changes: [string, string][] = [
    ["package.json", JSON.stringify({...manifest, version: "1.0.1"})],
    ["package.json", JSON.stringify({...manifest, dependencies: {vega: "6.1.0"}})],
    ["src/build.ts", "export const x = 1;"],
    ["templates/page.njk", "<p>!"],
  ];
  for (const [file, text] of changes) {
    await write("package.json", JSON.stringify(manifest));
    await write("src/build.ts", "export {};");
    await write("templates/page.njk", "<p>");
    await write(file, text);
    assert.is.not(await hashCode(url), first, `${file}: ${text}`);
  }
});

test("buildFingerprint: every option of the normalised config changes it, unless it is declared output-neutral", async () => {
  const log = path.join(dir, "options.csv");
  await writeFile(log, "timestamp,action\n2026-01-01T00:00:00Z,edit_page\n");
  // every option set, so that none is missing from the object walked
  const config = buildConfig({
    input: [log],
    out: path.join(dir, "options-site"),
    tz: "Europe/Paris",
    "as-of": "2026-01-31",
    periods: "month,year",
    top: 3,
    format: "csv",
    title: "T",
    "max-rejected": 2,
    workers: 1,
    quiet: true,
  });
  const before = await buildFingerprint(config);
  assert.is(await buildFingerprint({...config}), before, "the same options: the same fingerprint");
  const neutral = new Set(Object.keys(OUTPUT_NEUTRAL_OPTIONS));
  for (const key of neutral) assert.ok(Object.hasOwn(config, key), `"${key}" is declared output-neutral but is no option`);
  const keys = Object.keys(config) as (keyof BuildConfig)[];
  assert.ok(keys.length >= 12, "the normalised config lists every option, undefined ones included");
  for (const key of keys) {
    // an input named otherwise is the same file: its path, size and bytes are what is digested
    const value = key === "inputs" ? [`${dir}${path.sep}.${path.sep}options.csv`] : otherValue(config[key]);
    const after = await buildFingerprint({...config, [key]: value});
    if (neutral.has(key)) assert.is(after, before, `"${key}" is declared output-neutral: the fingerprint ignores it`);
    else assert.is.not(after, before, `"${key}" changes the output: the fingerprint covers it, or OUTPUT_NEUTRAL_OPTIONS says why not`);
  }
  // the inputs' bytes count, however they are named
  await appendFile(log, "2026-01-02T00:00:00Z,edit_page\n");
  assert.is.not(await buildFingerprint(config), before, "a grown input");
});

test.run();
