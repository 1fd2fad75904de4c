/**
 * The V8 tuning of builds that find a cache (v8-flags.ts): which builds get it, and that V8 takes it.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {spawnSync} from "node:child_process";
import {NIGHTLY_INTERRUPT_BUDGET, v8FlagsFor} from "../src/v8-flags.js";

test("a build with a cache that records its inputs gets the larger interrupt budget; others none", () => {
  assert.equal(v8FlagsFor(true, 1), [`--interrupt-budget=${NIGHTLY_INTERRUPT_BUDGET}`]);
  assert.equal(v8FlagsFor(true, 0), [], "a first build: no cache yet");
  assert.equal(v8FlagsFor(false, 3), [], "--no-cache or --force: a cold build");
});

test("this Node's V8 knows the flag: setting it prints no warning", () => {
  // V8 warns on stderr about a flag it does not know, and carries on without it
  const script = `require("node:v8").setFlagsFromString(${JSON.stringify(v8FlagsFor(true, 1)[0])}); console.log("ok")`;
  const run = spawnSync(process.execPath, ["-e", script], {encoding: "utf8"});
  assert.is(run.status, 0);
  assert.is(run.stdout.trim(), "ok");
  assert.is(run.stderr, "");
  const unknown = spawnSync(process.execPath, ["-e", `require("node:v8").setFlagsFromString("--no-such-flag-here")`], {encoding: "utf8"});
  assert.match(unknown.stderr, /no-such-flag-here/, "V8 does warn about an unknown flag, so the check above can fail");
});

test.run();
