#!/usr/bin/env -S GLIBC_TUNABLES=glibc.malloc.hugetlb=1 node --v8-pool-size=1
// The shebang puts glibc's large allocations (the log's columns, download buffers) on transparent huge
// pages: on the VM this was measured on, first-touch page faults cost ~4.5 ms per MB, and with huge
// pages a cold 1M-row build took 37.8 s instead of 43 s (README, Performance). It also gives V8 one
// background thread instead of four (garbage collection helpers, optimising compiles): on the
// project's 2 cores, realistic 1M-row nights took 2.55 and 2.74 s (medians of 6 and 8 interleaved
// rounds) instead of 2.72 and 2.88 s, and cold builds were no slower (4 pairs). On a machine with
// many cores a cold build might gain from V8's default; `node bin/activity-report.js` runs the same
// code without either setting.
// Runs the compiled sources in .build/ (scripts/compile.mjs, run by `npm ci`) when they are newer than
// every file in src/, else the TypeScript sources through tsx, so a fresh clone needs no compile step
// and an edited source is never run stale. tsx's loader costs ~0.4 s at each start.
import {readdirSync, statSync} from "node:fs";

const at = (relative) => new URL(relative, import.meta.url);

function compiledIsFresh() {
  try {
    const compiledAt = statSync(at("../.build/.compiled")).mtimeMs;
    const sources = readdirSync(at("../src/"), {recursive: true, withFileTypes: true});
    return sources.every((entry) => !entry.isFile() || statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs <= compiledAt);
  } catch {
    return false;
  }
}

let main;
if (compiledIsFresh()) {
  ({main} = await import("../.build/cli.js"));
} else {
  const {register} = await import("tsx/esm/api");
  register();
  ({main} = await import("../src/cli.ts"));
}
process.exitCode = await main(process.argv.slice(2));
