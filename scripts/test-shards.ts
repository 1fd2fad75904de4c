/**
 * Runs the chosen test files in `jobs` child processes of run-tests.ts (one per core: most suites wait
 * on one thread, and the browser suites on Chromium), then sums their counts. Each child gets a share
 * of the files balanced by their usual duration (test-weights.json, rough seconds measured on the
 * 2-core machine; a file not listed counts as DEFAULT_WEIGHT), largest first, and runs them as the
 * sequential runner does, with the same guards. The children's suite lines are printed as they come,
 * whole lines only; a failing child's whole output is printed again at the end, so its failures read
 * in one block. The last line is the total, "N passed, N failed", as CI reads it.
 */
import {spawn} from "node:child_process";
import {readFileSync} from "node:fs";

/** Seconds a file not in test-weights.json is taken to need. */
export const DEFAULT_WEIGHT = 2;

/** The environment variable that hands a child its files (one path per line). */
export const SHARD_FILES = "TEST_SHARD_FILES";

/** The files' usual durations in seconds, by path from the project's root (test/...). */
export function readWeights(file = new URL("./test-weights.json", import.meta.url)): Record<string, number> {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

/**
 * Splits `files` into `jobs` groups of about equal weight: the heaviest file first into the lightest
 * group (LPT scheduling). Each group keeps the files' given order, so suites run in their usual order.
 */
export function partition(files: readonly string[], weights: Record<string, number>, jobs: number): string[][] {
  const weight = (file: string) => weights[file] ?? DEFAULT_WEIGHT;
  const groups = Array.from({length: Math.max(1, Math.min(jobs, files.length))}, () => ({load: 0, files: new Set<string>()}));
  for (const file of [...files].sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1))) {
    const lightest = groups.reduce((min, group) => (group.load < min.load ? group : min));
    lightest.load += weight(file);
    lightest.files.add(file);
  }
  return groups.map((group) => files.filter((file) => group.files.has(file)));
}

/** What a child printed last: "N passed, N failed[, N skipped]". */
function countsOf(output: string): {passed: number; failed: number; skipped: number} | undefined {
  const match = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/m.exec(output);
  return match ? {passed: Number(match[1]), failed: Number(match[2]), skipped: Number(match[3] ?? 0)} : undefined;
}

/** Runs `files` in `jobs` children of `script` (run-tests.ts) and sets process.exitCode; prints the total last. */
export async function runShards(script: string, pattern: string, files: readonly string[], jobs: number): Promise<void> {
  const groups = partition(files, readWeights(), jobs);
  const runs = groups.map(
    (group) =>
      new Promise<{output: string; errors: string; status: number | null}>((resolve) => {
        const child = spawn(process.execPath, ["--import", "tsx", script, pattern], {
          env: {...process.env, [SHARD_FILES]: group.join("\n")},
          stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "",
          errors = "",
          pending = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          output += chunk;
          pending += chunk;
          const end = pending.lastIndexOf("\n");
          if (end === -1) return;
          // whole lines only, so that two children's lines do not mix; the children's own totals come at the end
          const lines = pending.slice(0, end + 1).replace(/^\d+ passed, \d+ failed.*\n/gm, "");
          process.stdout.write(lines);
          pending = pending.slice(end + 1);
        });
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (errors += chunk));
        child.on("close", (status) => {
          process.stdout.write(pending.replace(/^\d+ passed, \d+ failed.*$/gm, ""));
          resolve({output, errors, status});
        });
      }),
  );
  const results = await Promise.all(runs);
  let [passed, failed, skipped] = [0, 0, 0];
  // the children's guard lines ("test/x.test.ts: ...") in the files' order, as one process would print them
  const place = (line: string) => {
    const at = files.findIndex((file) => line.startsWith(`${file}:`));
    return at === -1 ? files.length : at;
  };
  const errorLines = results.flatMap(({errors}) => errors.split("\n").filter(Boolean));
  for (const line of errorLines.sort((a, b) => place(a) - place(b))) console.error(line);
  for (const [i, {output, status}] of results.entries()) {
    const counts = countsOf(output.replace(/\u001b\[[0-9;]*m/g, ""));
    if (counts) [passed, failed, skipped] = [passed + counts.passed, failed + counts.failed, skipped + counts.skipped];
    if (status !== 0) {
      process.exitCode = 1;
      const name = `shard ${i + 1} of ${results.length} (${groups[i].length} files)`;
      process.stdout.write(`\n── ${name} failed (exit ${status}); its whole output: ──\n${output}\n`);
      if (!counts) failed += 1; // it died before its summary: count it as a failure, never as green
    }
  }
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  if (passed + skipped === 0) console.error("no test ran");
  if (failed > 0 || passed + skipped === 0) process.exitCode = 1;
}
