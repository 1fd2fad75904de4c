/**
 * The V8 tuning of builds that find a cache (v8-flags.ts): which builds get it, and that V8 takes it.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {spawnSync} from "node:child_process";
import {NIGHTLY_INTERRUPT_BUDGET, NIGHTLY_SEMI_SPACE_MB, v8FlagsFor} from "../src/v8-flags.js";

test("a build with a cache that records its inputs gets the larger interrupt budget and smaller semi-spaces; others none", () => {
  assert.equal(v8FlagsFor(true, 1), [`--interrupt-budget=${NIGHTLY_INTERRUPT_BUDGET}`, `--max-semi-space-size=${NIGHTLY_SEMI_SPACE_MB}`]);
  assert.equal(v8FlagsFor(true, 0), [], "a first build: no cache yet");
  assert.equal(v8FlagsFor(false, 3), [], "--no-cache or --force: a cold build");
});

test("this Node's V8 knows the flags: setting them prints no warning", () => {
  // V8 warns on stderr about a flag it does not know, and carries on without it
  const flags = v8FlagsFor(true, 1);
  const script = `for (const flag of ${JSON.stringify(flags)}) require("node:v8").setFlagsFromString(flag); console.log("ok")`;
  const run = spawnSync(process.execPath, ["-e", script], {encoding: "utf8"});
  assert.is(run.status, 0);
  assert.is(run.stdout.trim(), "ok");
  assert.is(run.stderr, "");
  const unknown = spawnSync(process.execPath, ["-e", `require("node:v8").setFlagsFromString("--no-such-flag-here")`], {encoding: "utf8"});
  assert.match(unknown.stderr, /no-such-flag-here/, "V8 does warn about an unknown flag, so the check above can fail");
});

/** The size in MB of the young generation (new space) of a worker started after setting `flags`, once it has worked. */
function workerNewSpaceMb(flags: string[]): number {
  // the worker keeps a window of recent objects alive, as a renderer does: V8 grows the new space
  // of such a heap up to its limit
  const worker = `
    const keep = [];
    for (let i = 0; i < 3e6; i++) { keep.push({i, s: "x" + i}); if (keep.length > 200000) keep.splice(0, 100000); }
    const space = require("node:v8").getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
    require("node:worker_threads").parentPort.postMessage(space.space_size);`;
  const script = `
    for (const flag of ${JSON.stringify(flags)}) require("node:v8").setFlagsFromString(flag);
    const {Worker} = require("node:worker_threads");
    const w = new Worker(${JSON.stringify(worker)}, {eval: true});
    w.on("message", (size) => { console.log(size); w.terminate(); });`;
  const run = spawnSync(process.execPath, ["-e", script], {encoding: "utf8"});
  assert.is(run.status, 0, run.stderr);
  return Number(run.stdout) / 2 ** 20;
}

test("set at run time, the flags give the worker threads started afterwards the smaller young generation", () => {
  // new_space's size counts both semi-spaces: 8 MB with 4 MB ones, 32 MB once V8's default ones have grown
  assert.ok(workerNewSpaceMb(v8FlagsFor(true, 1)) <= 2 * NIGHTLY_SEMI_SPACE_MB);
  assert.ok(workerNewSpaceMb([]) > 2 * NIGHTLY_SEMI_SPACE_MB, "without them the same worker's grows larger, so the check above can fail");
});

test.run();
