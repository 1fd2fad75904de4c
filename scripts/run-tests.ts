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
 * Usage: tsx scripts/run-tests.ts [pattern]   (e.g. `browser/` or `ingest/`)
 */
import {register} from "node:module";
import {availableParallelism} from "node:os";
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
