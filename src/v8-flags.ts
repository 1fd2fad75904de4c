/**
 * V8's tuning for a build that finds a cache: one that usually renders a handful of pages in about
 * three seconds. By default V8 sends a function to its optimising compiler (TurboFan) once it has
 * run about 66 KB of bytecode (its interrupt budget). Over a nightly build's few seconds, most of
 * those compiles are of code that will not run much longer, and they run on the two cores the build
 * needs: they cost more than they save. With a budget of 300 KB, realistic nights at 1M rows
 * (docs/performance.md) took 2.92 s and 4.70 CPU-s (medians of 8) instead of 3.32 s and 5.69 CPU-s,
 * in interleaved pairs.
 *
 * The worker threads started afterwards (charts, pages) also get a young generation of 4 MB
 * semi-spaces instead of V8's 16 MB. They grew theirs to 32 MB each within a night, and on the
 * project's machine memory touched for the first time is what costs (docs/performance.md, "Where the time goes"): with
 * the smaller one, nights from December 20 to 28 at 1M rows took 2.77 s and 4.61 CPU-s against
 * 3.04 s and 5.12 CPU-s (medians of 8 interleaved rounds), and peak RSS fell by about 25 MB.
 * It is a V8 flag read when an isolate is made, so the main thread, started already, keeps its own.
 *
 * A cold build, which runs hot loops over a million rows for 25 s, keeps V8's defaults: it was no
 * faster with the budget (6 pairs, 4 of them slower by 0.7-1 s), nor with the smaller young
 * generation in its workers (4 pairs: 33.7, 25.6, 24.1, 26.6 s against 23.7, 24.6, 25.7, 31.5 s).
 */
import {setFlagsFromString} from "node:v8";

/** V8's optimising compiler waits for this many bytes of bytecode run by a function (default 67,584). */
export const NIGHTLY_INTERRUPT_BUDGET = 300_000;

/** Each of a worker's two semi-spaces (its young generation) grows to at most this many MB (default 16). */
export const NIGHTLY_SEMI_SPACE_MB = 4;

/**
 * The V8 flags for a build: the nightly tuning when a build cache with a record of its inputs exists
 * and may be used (not --no-cache, not --force), else none.
 */
export function v8FlagsFor(useCache: boolean, cachedInputs: number): string[] {
  return useCache && cachedInputs > 0 ? [`--interrupt-budget=${NIGHTLY_INTERRUPT_BUDGET}`, `--max-semi-space-size=${NIGHTLY_SEMI_SPACE_MB}`] : [];
}

/**
 * Sets them for this process: the main thread's functions from their next budget on, and the worker
 * threads started afterwards from their start (their heaps too). Call it before the build starts its
 * workers.
 */
export function applyV8Flags(flags: readonly string[]): void {
  for (const flag of flags) setFlagsFromString(flag);
}
