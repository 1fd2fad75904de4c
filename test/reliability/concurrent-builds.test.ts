/**
 * One build at a time per --out (src/site/out-lock.ts), with the real CLI in child processes on a
 * generated 6,000-row log (a 300-row one where no build races another or a signal): two builds started together end with one report, the same as a cold
 * build's, and the other build's one line naming the holder's pid, exit 1; a lock left by a dead
 * build, or by a pid that another process has since, is taken over; a build stopped with SIGTERM
 * or SIGINT removes its lock (its staging folder goes with the next build); and a run that finds the
 * report up to date still removes a killed build's staging folder.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {spawn, spawnSync} from "node:child_process";
import {existsSync, readFileSync} from "node:fs";
import {appendFile, mkdir, mkdtemp, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {generateBenchLog} from "../../bench/generate-log.js";
import {leftovers, snapshot} from "./site-snapshot.js";

const BIN = path.resolve("bin/activity-report.js");
let tmp = "";
let log = "";
/** 300 rows over 14 days: for the tests where nothing has to happen while a build runs */
let small = "";

interface Run {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The real CLI building `input` (the 6,000-row log by default) into `out`; `stopWhen`: a signal sent
 * once stderr matches the pattern (non-TTY progress lines, e.g. "2026-04-01 06:00:00 periods: 30 %").
 */
function cli(out: string, flags: string[] = [], stopWhen?: {pattern: RegExp; signal: NodeJS.Signals}, input = log): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "build", "--input", input, "--out", out, "--as-of", "2025-12-31", "--workers", "1", ...flags], {
      stdio: ["ignore", "pipe", "pipe"],
      env: {...process.env, TZ: "UTC"},
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
    let sent = false;
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      stderr += text;
      if (stopWhen && !sent && stopWhen.pattern.test(stderr)) {
        sent = true;
        child.kill(stopWhen.signal);
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({pid: child.pid!, code, signal, stdout, stderr}));
  });
}

/** A report's files, the build time left out (index.html's footer, report.json's generatedAt). */
async function content(out: string): Promise<Record<string, string>> {
  const files = await snapshot(out);
  delete files["index.html"];
  const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8"));
  delete report.generatedAt;
  files["report.json"] = JSON.stringify(report);
  return files;
}

/** The pid of a process that has ended. */
function deadPid(): number {
  const done = spawnSync(process.execPath, ["-e", "0"]);
  return done.pid!;
}

test.before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "ar-concurrent-"));
  log = path.join(tmp, "log.csv");
  await generateBenchLog({rows: 6_000, days: 150, startDate: "2025-05-01", out: log});
  small = path.join(tmp, "small.csv");
  await generateBenchLog({rows: 300, days: 14, startDate: "2025-12-01", out: small});
});

test.after(async () => {
  await rm(tmp, {recursive: true, force: true});
});

test("two builds started together on one --out: one builds, the other says who holds the lock; the report is a cold build's", async () => {
  const out = path.join(tmp, "site");
  for (const round of [1, 2]) {
    if (round === 2) await appendFile(log, "2025-10-28T12:00:00Z,demo,alice,roads,,edit_dataset,,,,,,\n");
    const runs = await Promise.all([cli(out), cli(out)]);
    const done = runs.filter((run) => run.code === 0);
    const refused = runs.filter((run) => run.code !== 0);
    assert.is(done.length, 1, `round ${round}: one build succeeds: ${runs.map((run) => run.stderr).join("\n---\n")}`);
    assert.is(refused[0].code, 1, refused[0].stderr);
    assert.is(refused[0].stderr, `activity-report: another build of ${out} is running (pid ${done[0].pid}); ${out}.lock is its lock\n`);
    assert.equal(await leftovers(out), round === 1 ? [] : ["site.previous"], "no lock, no staging left");
  }
  const cold = path.join(tmp, "cold");
  const run = await cli(cold, ["--no-cache"]);
  assert.is(run.code, 0, run.stderr);
  assert.equal(await content(out), await content(cold));
});

test("a dead build's lock, and one whose pid another process has now, are taken over; a running holder's is not", async () => {
  const out = path.join(tmp, "taken-over");
  await mkdir(tmp, {recursive: true});
  await writeFile(`${out}.lock`, JSON.stringify({pid: deadPid(), started: "2026-01-01T00:00:00.000Z"}) + "\n");
  let run = await cli(out, ["--quiet"], undefined, small);
  assert.is(run.code, 0, run.stderr);
  assert.ok(!existsSync(`${out}.lock`), "the lock is released");

  // this test's own pid, alive, but with another start: the lock of a build before a restart
  const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  await writeFile(`${out}.lock`, JSON.stringify({pid: process.pid, started: "2026-01-01T00:00:00.000Z", boot, ticks: 1}) + "\n");
  run = await cli(out, ["--quiet", "--title", "after a restart"], undefined, small);
  assert.is(run.code, 0, run.stderr);
  assert.ok(!existsSync(`${out}.lock`), "the lock is released");

  // a live process with its real start: a build still running
  const holder = spawn("sleep", ["60"]);
  try {
    const stat = readFileSync(`/proc/${holder.pid}/stat`, "utf8");
    const ticks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    const lock = JSON.stringify({pid: holder.pid, started: "2026-01-01T00:00:00.000Z", boot, ticks}) + "\n";
    await writeFile(`${out}.lock`, lock);
    run = await cli(out, ["--quiet", "--title", "while another runs"], undefined, small);
    assert.is(run.code, 1);
    assert.is(run.stderr, `activity-report: another build of ${out} is running (pid ${holder.pid}); ${out}.lock is its lock\n`);
    assert.is(await readFile(`${out}.lock`, "utf8"), lock, "the holder's lock is left as it was");
  } finally {
    holder.kill();
    await rm(`${out}.lock`, {force: true});
  }
});

test("a build stopped with SIGTERM or SIGINT removes its lock; the next build removes its staging folder", async () => {
  const out = path.join(tmp, "stopped");
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const run = await cli(out, ["--title", signal], {pattern: /periods: [1-9]0 %/, signal});
    assert.is(run.signal, signal, `the build ended before it was stopped:\n${run.stderr}`);
    assert.equal(await leftovers(out), [`stopped.staging-${run.pid}`], "the lock is gone");
    const next = await cli(out, ["--quiet", "--title", `after ${signal}`, "--no-cache"]);
    assert.is(next.code, 0, next.stderr);
    assert.equal(await leftovers(out), existsSync(`${out}.previous`) ? ["stopped.previous"] : []);
  }
});

test("a run that finds the report up to date still removes a killed build's staging folder", async () => {
  const out = path.join(tmp, "up-to-date");
  let run = await cli(out, ["--quiet"], undefined, small);
  assert.is(run.code, 0, run.stderr);
  // what a build killed with SIGKILL leaves: its staging folder, with the marker, and its lock
  const pid = deadPid();
  await mkdir(`${out}.staging-${pid}/month`, {recursive: true});
  await writeFile(`${out}.staging-${pid}/.activity-report`, "");
  await writeFile(`${out}.lock`, JSON.stringify({pid, started: "2026-01-01T00:00:00.000Z"}) + "\n");
  const before = await snapshot(out);
  run = await cli(out, ["--json"], undefined, small);
  assert.is(run.code, 0, run.stderr);
  assert.is(JSON.parse(run.stdout).upToDate, true);
  assert.equal(await leftovers(out), []);
  assert.equal(await snapshot(out), before);
});

test.run();
