#!/usr/bin/env node
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
