/**
 * The CLI's early start of the build's workers (cli.ts): when an input's size differs from the
 * cache's record, the CLI starts the workers while it hashes the inputs, guessing that a build will
 * run. When the guess is wrong (the report is up to date after all), it must close them itself, or
 * the process would never exit.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {spawnSync} from "node:child_process";
import {copyFile, mkdtemp, readFile, rm, truncate, appendFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";

const CLI = "bin/activity-report.js";

function run(args: string[]): {status: number | null; stdout: string; stderr: string} {
  // a CLI that kept its workers would never exit: the timeout turns that into a failure
  return spawnSync(process.execPath, [CLI, "build", ...args, "--tz", "Europe/Paris", "--as-of", "2026-03-31", "--json"], {encoding: "utf8", timeout: 120_000});
}

test("an input resized back to what the report was built from: up to date, and the CLI exits", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "cli-early-"));
  try {
    const log = path.join(dir, "log.csv");
    const cache = path.join(dir, "cache");
    await copyFile("test/fixtures/reliability/good.csv", log);
    const original = await readFile(log);
    // the report in `site` is built from the log as it is now
    const first = run(["--input", log, "--out", path.join(dir, "site"), "--cache", cache]);
    assert.is(first.status, 0, first.stderr);
    // the cache then records a longer log (built into another folder)
    await appendFile(log, "2026-03-30T10:00:00Z,d,u9,ds9,,edit_dataset,,,,,,\n");
    const second = run(["--input", log, "--out", path.join(dir, "other"), "--cache", cache]);
    assert.is(second.status, 0, second.stderr);
    // back to the first content: its size differs from the cache's record, so the CLI starts the
    // workers early, but the published report matches
    await truncate(log, original.length);
    const third = run(["--input", log, "--out", path.join(dir, "site"), "--cache", cache]);
    assert.is(third.status, 0, `exit ${third.status} (null: still running at the timeout)\n${third.stderr}`);
    assert.is(JSON.parse(third.stdout.trim().split("\n").at(-1)!).upToDate, true);
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
});

test.run();
