/**
 * A machine that refuses (a full disk, a read-only file system) ends a build with one line and
 * exit 1, never exit 70 and a stack trace, and leaves the last good report as it was with no staging
 * folder or lock beside it: the real CLI on a small tmpfs mounted for the test. A failed build whose
 * staging folder cannot be removed (a file made immutable in it) still reports what made it fail.
 * Mounting and `chattr` need root (or CAP_SYS_ADMIN / CAP_LINUX_IMMUTABLE): without, those tests
 * say why and pass without checking (test/errors.test.ts maps a real ENOSPC from /dev/full anyway).
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {execFile, execFileSync} from "node:child_process";
import {mkdir, mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {generateBenchLog} from "../../bench/generate-log.js";
import {build} from "../../src/build.js";
import {buildConfig} from "../../src/config.js";
import {InputError} from "../../src/errors.js";
import {FIXTURES, leftovers, snapshot} from "./site-snapshot.js";

const BIN = path.resolve("bin/activity-report.js");
const GOOD = path.join(FIXTURES, "good.csv");
let tmp = "";
let disk = "";
let mounted = false;

function cli(input: string, out: string, flags: string[] = []): Promise<{code: number; stderr: string}> {
  return new Promise((resolve) => {
    const args = [BIN, "build", "--input", input, "--out", out, "--as-of", "2026-03-31", "--workers", "1", "--quiet", ...flags];
    execFile(process.execPath, args, {timeout: 120_000, env: {...process.env, TZ: "UTC"}}, (error, _stdout, stderr) => {
      resolve({code: error ? Number((error as {code?: number}).code) : 0, stderr});
    });
  });
}

/** Runs a command; false (with the reason logged) when the machine does not allow it. */
function tryRun(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, {stdio: "pipe"});
    return true;
  } catch (error) {
    console.log(`  (skipped: ${command} ${args.join(" ")}: ${String((error as {stderr?: Buffer}).stderr ?? error).trim()})`);
    return false;
  }
}

test.before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "ar-environment-"));
  disk = path.join(tmp, "disk");
  await mkdir(disk);
  mounted = tryRun("mount", ["-t", "tmpfs", "-o", "size=6m", "tmpfs", disk]);
});

test.after(async () => {
  if (mounted) execFileSync("umount", [disk]);
  await rm(tmp, {recursive: true, force: true});
});

test("a full disk: one line naming the file, exit 1, the last good report unchanged, nothing left beside it", async () => {
  if (!mounted) return;
  const site = path.join(disk, "site");
  let run = await cli(GOOD, site);
  assert.is(run.code, 0, run.stderr);
  const before = await snapshot(site);
  // its downloads alone (~4 MB of CSV and more of JSON) do not fit in what is left of the 6 MB
  const big = path.join(tmp, "big.csv");
  await generateBenchLog({rows: 20_000, days: 200, startDate: "2025-06-01", out: big});
  run = await cli(big, site);
  assert.is(run.code, 1, run.stderr);
  assert.match(run.stderr, /^activity-report: disk full while writing \S+\n$/, run.stderr);
  assert.match(run.stderr, site);
  assert.equal(await snapshot(site), before);
  assert.equal(await leftovers(site), []);
});

test("a read-only file system: one line, exit 1, the report unchanged", async () => {
  if (!mounted) return;
  const site = path.join(disk, "site");
  const before = await snapshot(site);
  execFileSync("mount", ["-o", "remount,ro", disk]);
  try {
    const run = await cli(GOOD, site, ["--title", "read-only"]);
    assert.is(run.code, 1, run.stderr);
    assert.is(run.stderr, `activity-report: read-only file system while writing ${site}.lock\n`);
  } finally {
    execFileSync("mount", ["-o", "remount,rw", disk]);
  }
  assert.equal(await snapshot(site), before);
  assert.equal(await leftovers(site), []);
});

test("a failed build whose staging folder cannot be removed reports what made it fail, not the removal's error", async () => {
  const site = path.join(tmp, "site");
  const staging = `${site}.staging-${process.pid}`;
  const stuck = path.join(staging, "stuck.txt");
  const logged: string[] = [];
  let immutable = false;
  const effects = {
    now: () => new Date("2026-04-01T06:00:00Z"),
    progress: () => {},
    log: (message: string) => {
      logged.push(message);
      // the rows are read, the staging folder exists: a file in it that even root cannot remove
      if (message.startsWith("ingest:")) {
        execFileSync("touch", [stuck]);
        immutable = tryRun("chattr", ["+i", stuck]);
      }
    },
  };
  const config = buildConfig({input: [path.join(FIXTURES, "all-rejected.csv")], out: site, "as-of": "2026-03-31", workers: "0", "max-rejected": "100"});
  try {
    const error = await build(config, effects).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.instance(error, InputError);
    assert.match((error as Error).message, /no row was accepted \(3 rejected\)/);
    if (!immutable) return;
    assert.match(logged.at(-1)!, new RegExp(`^${staging} not removed \\(.*stuck\\.txt.*\\): the next build removes it$`), JSON.stringify(logged));
  } finally {
    if (immutable) execFileSync("chattr", ["-i", stuck]);
  }
  await rm(staging, {recursive: true, force: true});
  assert.equal(await leftovers(site), [], "and the lock is released");
});

test.run();
