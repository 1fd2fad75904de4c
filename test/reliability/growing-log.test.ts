/**
 * A log that grows while a build reads it loses nothing: each build reads one snapshot of each input
 * (the size found when the build started), and the next build reads what was appended after it.
 * Rows are appended at each moment of a build through its injected effects (after the inputs were
 * found, while the log is read, after it was read and before the cache records it), and by a real
 * writer process during a CLI build; the builds that follow end with the report of a cold build of
 * the final log, file for file.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {spawn, spawnSync} from "node:child_process";
import {appendFileSync} from "node:fs";
import {appendFile, mkdtemp, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {build, type BuildEffects, type BuildSummary} from "../../src/build.js";
import {buildConfig} from "../../src/config.js";
import {snapshot} from "./site-snapshot.js";
import {inputState, type InputState} from "../../src/fingerprint.js";

const NOW = "2026-02-01T06:00:00.000Z";
const AS_OF = "2026-01-31";
const HEADER = "timestamp,domain_id,user_id,dataset_id,action\n";
const ACTIONS = ["edit_dataset", "publish_dataset", "edit_page", "add_user_to_domain"];

/** Row `i` of the log: one every 10 minutes from 1 January 2026, in time order. */
const row = (i: number): string =>
  `${new Date(Date.parse("2026-01-01T00:00:00Z") + i * 600_000).toISOString()},demo,user-${i % 7},dataset-${i % 11},${ACTIONS[i % ACTIONS.length]}\n`;
const rows = (from: number, to: number): string => Array.from({length: to - from}, (_, k) => row(from + k)).join("");

let root = "";

test.before(async () => {
  root = await mkdtemp(path.join(tmpdir(), "ar-growing-"));
});

test.after(async () => {
  await rm(root, {recursive: true, force: true});
});

/** Asserts two report folders hold the same files with the same bytes (but the files `except` names). */
async function assertSameReport(a: string, b: string, except: string[] = []): Promise<void> {
  const [left, right] = await Promise.all([snapshot(a), snapshot(b)]);
  for (const file of except) (delete left[file], delete right[file]);
  assert.equal(left, right);
}

const quiet: BuildEffects = {now: () => new Date(NOW), log: () => {}, progress: () => {}};

function configOf(log: string, out: string, flags: Record<string, unknown> = {}) {
  return buildConfig({input: [log], out, tz: "UTC", "as-of": AS_OF, workers: "0", quiet: true, ...flags});
}

async function runBuild(log: string, out: string, effects = quiet, inputs?: InputState): Promise<BuildSummary> {
  return build(configOf(log, out), effects, undefined, inputs);
}

/** Builds the final log cold (no cache) and compares; returns its summary. */
async function assertLikeCold(log: string, out: string, name: string): Promise<BuildSummary> {
  const cold = await build(configOf(log, path.join(root, `${name}-cold`), {"no-cache": true}), quiet);
  await assertSameReport(out, path.join(root, `${name}-cold`));
  return cold;
}

test("rows appended after the log was read, before the cache records it, are read by the next build", async () => {
  const log = path.join(root, "after-read.csv");
  const out = path.join(root, "after-read-site");
  await writeFile(log, HEADER + rows(0, 2000));
  // the effect that logs "ingest: N rows ..." runs after the parse and before the cache is written
  let appended = false;
  const appending: BuildEffects = {
    ...quiet,
    log: (message) => {
      if (!appended && message.startsWith("ingest:")) appendFileSync(log, rows(2000, 2300));
      appended ||= message.startsWith("ingest:");
    },
  };
  const first = await runBuild(log, out, appending);
  assert.ok(appended, "the rows were appended during the build");
  assert.is(first.rows, 2000, "the first build read its snapshot");
  const second = await runBuild(log, out);
  assert.equal([second.rows, second.ingestMode], [2300, "append"], "the next build reads the 300 rows appended (they were lost for good)");
  assert.ok((await runBuild(log, out)).upToDate, "then nothing is left to read");
  assert.is((await assertLikeCold(log, out, "after-read")).rows, 2300);
});

test("rows appended while the log is read (the first read of 64 KiB done) wait for the next build", async () => {
  const log = path.join(root, "while-read.csv");
  const out = path.join(root, "while-read-site");
  await writeFile(log, HEADER + rows(0, 3000)); // ~270 KB: several reads
  let appended = false;
  const appending: BuildEffects = {
    ...quiet,
    progress: (step) => {
      if (step === "read" && !appended) appendFileSync(log, rows(3000, 3100));
      appended ||= step === "read";
    },
  };
  assert.is((await runBuild(log, out, appending)).rows, 3000, "the build read the size it found");
  assert.ok(appended);
  // a second append while the next build reads: the nightly case, on an append build
  appended = false;
  const second = await runBuild(log, out, appending);
  assert.equal([second.rows, second.ingestMode], [3100, "append"]);
  const third = await runBuild(log, out);
  assert.equal([third.rows, third.ingestMode], [3200, "append"]);
  assert.ok((await runBuild(log, out)).upToDate);
  await assertLikeCold(log, out, "while-read");
});

test("a line half-written when the build found the log, finished before it was hashed: held back whole, never half counted", async () => {
  const log = path.join(root, "half-line.csv");
  const out = path.join(root, "half-line-site");
  const line = row(1500);
  await writeFile(log, HEADER + rows(0, 1500) + line.slice(0, 25)); // "2026-01-11T10:00:00.000Z,d"
  const config = configOf(log, out);
  const found = await inputState(config); // what the CLI does first: the snapshot's size
  await appendFile(log, line.slice(25) + rows(1501, 1600)); // the writer goes on
  const first = await runBuild(log, out, quiet, found);
  assert.equal([first.rows, first.rejected], [1500, 0], "the half line is neither a row nor a rejected one");
  const second = await runBuild(log, out);
  assert.equal([second.rows, second.rejected, second.ingestMode], [1600, 0, "append"], "the next build reads the finished line");
  assert.ok((await runBuild(log, out)).upToDate);
  await assertLikeCold(log, out, "half-line");
});

test("a CSV log without a final newline that does not grow: its last row is counted", async () => {
  const log = path.join(root, "no-newline.csv");
  await writeFile(log, HEADER + rows(0, 100).slice(0, -1));
  const config = configOf(log, path.join(root, "no-newline-site"));
  const summary = await build(config, quiet, undefined, await inputState(config));
  assert.equal([summary.rows, summary.accepted], [100, 100]);
});

test("a real writer appends during CLI builds: once it stops, the builds end with the cold build's report", async () => {
  const log = path.join(root, "live.csv");
  const out = path.join(root, "live-site");
  await writeFile(log, HEADER + rows(0, 10_000));
  // a separate process appends 1,500 rows, each line in two writes 1 ms apart (a writer mid-line)
  const writer = spawn(
    process.execPath,
    [
      "-e",
      `
    const fs = require("node:fs");
    const actions = ${JSON.stringify(ACTIONS)};
    const row = (i) => new Date(Date.parse("2026-01-01T00:00:00Z") + i * 600000).toISOString() + ",demo,user-" + (i % 7) + ",dataset-" + (i % 11) + "," + actions[i % actions.length] + "\\n";
    const fd = fs.openSync(process.argv[1], "a");
    let i = 10000;
    const step = () => {
      if (i === 11500) return fs.closeSync(fd);
      const line = row(i++);
      fs.writeSync(fd, line.slice(0, 30));
      setTimeout(() => { fs.writeSync(fd, line.slice(30)); setTimeout(step, 1); }, 1);
    };
    step();
  `,
      log,
    ],
    {stdio: "inherit"},
  );
  const writerDone = new Promise<void>((resolve) => writer.on("exit", () => resolve()));
  const cli = (extra: string[] = []) => {
    const result = spawnSync(
      process.execPath,
      ["bin/activity-report.js", "build", "--input", log, "--out", out, "--tz", "UTC", "--as-of", AS_OF, "--workers", "0", "--json", ...extra],
      {encoding: "utf8"},
    );
    assert.is(result.status, 0, result.stderr);
    return JSON.parse(result.stdout) as BuildSummary;
  };
  const during: BuildSummary[] = [];
  let writing = true;
  void writerDone.then(() => (writing = false));
  while (writing && during.length < 20) {
    during.push(cli());
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await writerDone;
  const after: BuildSummary[] = [];
  do after.push(cli());
  while (!after.at(-1)!.upToDate && after.length < 4);
  assert.ok(after.at(-1)!.upToDate, `the builds settle: ${JSON.stringify(after.map((s) => [s.rows, s.ingestMode, s.ingestReason]))}`);
  const coldOut = path.join(root, "live-cold");
  const cold = spawnSync(
    process.execPath,
    ["bin/activity-report.js", "build", "--input", log, "--out", coldOut, "--tz", "UTC", "--as-of", AS_OF, "--workers", "0", "--no-cache", "--json"],
    {encoding: "utf8"},
  );
  assert.is(JSON.parse(cold.stdout).rows, 11_500);
  assert.is(after.at(-1)!.rows, 11_500, `every row counted: ${JSON.stringify([...during, ...after].map((s) => [s.rows, s.rejected, s.ingestMode]))}`);
  // the build time aside (index.html and report.json say it), the same report
  await assertSameReport(out, coldOut, ["index.html", "report.json"]);
  const report = (dir: string) => readFile(path.join(dir, "report.json"), "utf8").then((text) => ({...JSON.parse(text), generatedAt: ""}));
  assert.equal(await report(out), await report(coldOut));
});

test.run();
