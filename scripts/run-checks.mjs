#!/usr/bin/env node
/**
 * Runs the npm scripts named on its command line (`npm test`: typecheck, lint, format:check) at the same
 * time, each in its own `npm run` child, and exits 1 when any of them fails. They are independent and
 * each one mostly single-threaded, so on two cores the three take about as long as the longest (lint)
 * instead of their sum. Each script's output is printed whole when all have ended, in the order given,
 * so that two scripts' lines never mix; a failing script's last line says which one failed.
 * Usage: node scripts/run-checks.mjs typecheck lint format:check
 */
import {spawn} from "node:child_process";

/** Runs `npm run <name>`; resolves to its exit status and its output (stdout and stderr, as they came). */
function runScript(name) {
  return new Promise((resolve) => {
    const child = spawn(process.platform === "win32" ? "npm.cmd" : "npm", ["run", name], {stdio: ["ignore", "pipe", "pipe"]});
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (text) => (output += text));
    child.stderr.setEncoding("utf8").on("data", (text) => (output += text));
    child.on("error", (error) => resolve({status: 1, output: output + `${error.message}\n`}));
    child.on("close", (status, signal) => resolve({status: status ?? (signal ? 1 : 0), output}));
  });
}

const names = process.argv.slice(2);
const results = await Promise.all(names.map(runScript));
for (const [i, {status, output}] of results.entries()) {
  process.stdout.write(output);
  if (status !== 0) {
    console.error(`npm run ${names[i]} failed (exit ${status})`);
    process.exitCode = 1;
  }
}
