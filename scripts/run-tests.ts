/**
 * Runs the uvu suites in test/ and fails unless every test ran and passed.
 *
 * uvu alone exits 0 when a `before` hook throws (its suite reports "Passed 0 / 5" and no failure), so a
 * broken setup would look green. This runner reads uvu's totals, fails when passed + skipped is not the
 * total or when no test ran, and ends with the plain line "N passed, N failed" that CI reads.
 * uvu also says nothing of a test registered after the suite's `test.run()` (it never runs) or of a file
 * that registers no test: the test files' "uvu" resolves to scripts/uvu-guard.ts, which counts both, and
 * the runner fails with one line per file, e.g. `test/a.test.ts: 2 tests registered after test.run() never ran: ...`.
 * The files run in one child process per core (test-shards.ts; TEST_JOBS=1 runs them all in this process).
 * A run leaves nothing in the system's temp folder: the runner points TMPDIR (what os.tmpdir() and every
 * child process, Chromium included, use) at a folder of its own and removes it when it ends, whatever the
 * tests themselves clean up (KEEP_TEST_TMP=1 keeps it and prints where it is, to look at a failure).
 * Usage: tsx scripts/run-tests.ts [pattern]   (e.g. `browser/` or `ingest/`)
 */
import {mkdirSync, mkdtempSync, rmSync, symlinkSync} from "node:fs";
import {register} from "node:module";
import {availableParallelism, tmpdir, userInfo} from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {parse} from "uvu/parse";
import {runShards, SHARD_FILES} from "./test-shards.js";

const pattern = process.argv[2] ?? "\\.test\\.ts$";
const filter = new RegExp(pattern);
const {suites} = await parse("test", "\\.test\\.ts$", {cwd: process.cwd()});
const relative = (file: string) => path.relative(process.cwd(), file).replaceAll("\\", "/");
// a child of test-shards.ts runs the files it was handed; otherwise the files the pattern matches
const shard = process.env[SHARD_FILES]?.split("\n");
delete process.env[SHARD_FILES]; // the tests' own child processes (some run this runner) are not shards
if (shard === undefined) useOwnTempFolder(); // a shard uses its parent's
const chosen = suites.filter((suite) => (shard ? shard.includes(relative(suite.file)) : filter.test(suite.file.replaceAll("\\", "/"))));
const jobs = shard ? 1 : Math.max(1, Number(process.env.TEST_JOBS ?? Math.min(2, availableParallelism())) || 1);
if (jobs > 1 && chosen.length > 1)
  await runShards(
    fileURLToPath(import.meta.url),
    pattern,
    chosen.map((suite) => relative(suite.file)),
    jobs,
  );
else await runHere(chosen);

/** Points TMPDIR at a fresh folder under the system's temp folder, removed when this process ends or is interrupted. */
function useOwnTempFolder(): void {
  const root = mkdtempSync(path.join(tmpdir(), "activity-report-tests-"));
  // tsx keeps its compile cache in the temp folder: the children share the one this process uses
  // (a link, which the removal below does not follow) instead of compiling everything anew each run
  const tsxCache = `tsx-${userInfo().uid}`;
  mkdirSync(path.join(tmpdir(), tsxCache), {recursive: true});
  symlinkSync(path.join(tmpdir(), tsxCache), path.join(root, tsxCache));
  process.env.TMPDIR = root;
  process.on("exit", () => {
    if (process.env.KEEP_TEST_TMP === "1") console.error(`the tests' temporary files are kept in ${root}`);
    else rmSync(root, {recursive: true, force: true, maxRetries: 3});
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(signal === "SIGINT" ? 130 : 143));
}

/** Runs `chosen` in this process, then prints the summary line and the files whose tests never ran. */
async function runHere(chosen: typeof suites): Promise<void> {
  // Capture uvu's summary while still printing everything.
  let output = "";
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    output += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;

  // As uvu's own runner does: defer suites, then import uvu (through the guard) so it sets up its queue.
  const guard = new URL("./uvu-guard.ts", import.meta.url).href;
  register("./uvu-guard-hooks.mjs", import.meta.url, {data: {guard}});
  (globalThis as {UVU_DEFER?: number}).UVU_DEFER = 1;
  const {exec, takeRegistrations} = (await import(guard)) as typeof import("./uvu-guard.js");
  const queue = (globalThis as unknown as {UVU_QUEUE: unknown[][]}).UVU_QUEUE;
  const unrunTests: string[] = [];
  for (const [index, suite] of chosen.entries()) {
    (globalThis as {UVU_INDEX?: number}).UVU_INDEX = index;
    queue.push([suite.name]);
    await import(suite.file.startsWith("/") ? "file://" + suite.file : suite.file);
    const {registered, unrun} = takeRegistrations();
    const file = relative(suite.file);
    if (registered === 0) unrunTests.push(`${file}: registers no test`);
    for (const {suite: name, names, ran} of unrun) {
      const where = `${names.length} test${names.length === 1 ? "" : "s"}${name ? ` of suite "${name}"` : ""}`;
      const why = ran ? `registered after ${name ? "the suite's " : "test"}.run() never ran` : `never ran (no .run() call)`;
      unrunTests.push(`${file}: ${where} ${why}: ${names.map((test) => JSON.stringify(test)).join(", ")}`);
    }
  }
  await exec(false);
  process.stdout.write = write;

  const plain = output.replace(/\u001b\[[0-9;]*m/g, "");
  const count = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(plain)?.[1] ?? NaN);
  const [total, passed, skipped] = [count("Total"), count("Passed"), count("Skipped")];
  const failed = Number.isFinite(total) ? total - passed - skipped : 0;
  console.log(`${Number.isFinite(passed) ? passed : 0} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  for (const line of unrunTests) console.error(line);
  // a shard may hold only files without tests: whether any test ran at all is its parent's to say
  const noTest = !(total > 0) && shard === undefined;
  if (noTest || failed !== 0 || unrunTests.length > 0 || process.exitCode) {
    if (noTest) console.error("no test ran");
    process.exitCode = 1;
  }
}
