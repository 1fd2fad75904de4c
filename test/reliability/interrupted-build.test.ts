/**
 * The last good report survives: a build killed with SIGKILL half-way through its periods, and
 * builds that fail on their input, leave `<tmp>/site` byte for byte as it was; the next build takes
 * the dead build's lock over, succeeds and clears its staging folder. The killed build is the real
 * CLI in a child process, on a generated 30,000-row log, killed when its progress reaches 30 % of
 * the periods.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {spawn, spawnSync} from "node:child_process";
import {existsSync} from "node:fs";
import {mkdir, mkdtemp, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {generateBenchLog} from "../../bench/generate-log.js";
import {InputError} from "../../src/errors.js";
import {MARKER_FILE} from "../../src/site/publish.js";
import {buildInProcess, FIXTURES, leftovers, snapshot} from "./site-snapshot.js";

const GOOD = path.join(FIXTURES, "good.csv");
let tmp = "";
let site = "";
let before: Record<string, string> = {};

test.before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "ar-interrupted-"));
  site = path.join(tmp, "site");
  await buildInProcess(GOOD, site);
  before = await snapshot(site);
});

test.after(async () => {
  await rm(tmp, {recursive: true, force: true});
});

interface KilledBuild {
  pid: number;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** the folders beside the site at the moment of the kill */
  besideSite: string[];
}

/** Runs the CLI build of `input` into `out` and kills it with SIGKILL at 30 % of the periods. */
function buildAndKill(input: string, out: string): Promise<KilledBuild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/activity-report.js", "build", "--input", input, "--out", out, "--as-of", "2025-12-31", "--workers", "1"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    let besideSite: Promise<string[]> | undefined;
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      stderr += text;
      // non-TTY progress lines, e.g. "2026-04-01 06:00:00 periods: 30 %"
      if (besideSite === undefined && /periods: ([3-9]0) %/.test(stderr)) {
        child.kill("SIGKILL");
        besideSite = leftovers(out);
      }
    });
    child.on("error", reject);
    child.on("exit", async (_code, signal) => {
      resolve({pid: child.pid!, signal, stderr, besideSite: (await besideSite) ?? []});
    });
  });
}

test("a build killed with SIGKILL half-way leaves the last good site byte-identical", async () => {
  const big = path.join(tmp, "big.csv");
  await generateBenchLog({rows: 30_000, days: 400, startDate: "2024-12-01", out: big});
  const killed = await buildAndKill(big, site);
  assert.is(killed.signal, "SIGKILL", `the build ended before it was killed:\n${killed.stderr}`);
  assert.match(killed.stderr, /ingest: 30000 rows/);
  // the dead build was writing beside the site, never into it, and held the site's lock
  assert.equal(killed.besideSite, ["site.lock", `site.staging-${killed.pid}`]);
  assert.equal(await snapshot(site), before, "the site changed");
  assert.equal(await leftovers(site), ["site.lock", `site.staging-${killed.pid}`]);
  assert.match(await readFile(path.join(tmp, "site.lock"), "utf8"), `"pid":${killed.pid},`);

  // the next build takes the dead build's lock over, succeeds, publishes and removes its staging folder
  const summary = await buildInProcess(GOOD, site, {title: "after the crash"});
  assert.is(summary.accepted, 4);
  assert.equal(await leftovers(site), ["site.previous"]);
  assert.is(JSON.parse(await readFile(path.join(site, "report.json"), "utf8")).title, "after the crash");
  assert.equal(await snapshot(path.join(tmp, "site.previous")), before, "the replaced report is kept as site.previous");
  await rm(path.join(tmp, "site.previous"), {recursive: true});
  before = await snapshot(site);
});

test("a build whose rows are all rejected fails and leaves the site unchanged", async () => {
  try {
    await buildInProcess(path.join(FIXTURES, "all-rejected.csv"), site, {"max-rejected": "100"});
    assert.unreachable("the build should have failed");
  } catch (error) {
    assert.instance(error, InputError);
    assert.match((error as Error).message, /no row was accepted \(3 rejected\)/);
  }
  assert.equal(await snapshot(site), before);
  assert.equal(await leftovers(site), []);
});

test("a build with a missing input fails and leaves the site unchanged", async () => {
  const missing = path.join(tmp, "no-such-log.csv");
  try {
    await buildInProcess(missing, site);
    assert.unreachable("the build should have failed");
  } catch (error) {
    assert.instance(error, InputError);
    assert.is((error as Error).message, `${missing}: no such file or directory`);
  }
  assert.equal(await snapshot(site), before);
  assert.equal(await leftovers(site), []);
  assert.ok(existsSync(path.join(site, "index.html")));
});

test("a build that finds the site up to date still removes a killed build's staging folder", async () => {
  // what a build killed with SIGKILL leaves (see the first test): its staging folder, with the marker
  const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
  await mkdir(path.join(tmp, `site.staging-${dead}`, "month"), {recursive: true});
  await writeFile(path.join(tmp, `site.staging-${dead}`, MARKER_FILE), "");
  const summary = await buildInProcess(GOOD, site, {title: "after the crash"});
  assert.is(summary.upToDate, true);
  assert.equal(await leftovers(site), []);
  assert.equal(await snapshot(site), before);
});

test.run();
