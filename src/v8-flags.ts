/**
 * V8's tuning for a build that finds a cache: one that usually renders a handful of pages in about
 * three seconds. By default V8 sends a function to its optimising compiler (TurboFan) once it has
 * run about 66 KB of bytecode (its interrupt budget). Over a nightly build's few seconds, most of
 * those compiles are of code that will not run much longer, and they run on the two cores the build
 * needs: they cost more than they save. With a budget of 300 KB, realistic nights at 1M rows
 * (README, Performance) took 2.92 s and 4.70 CPU-s (medians of 8) instead of 3.32 s and 5.69 CPU-s,
 * in interleaved pairs. A cold build, which runs hot loops over a million rows for 25 s, is left
 * alone: it was no faster with it (6 pairs, 4 of them slower by 0.7-1 s).
 */
import {setFlagsFromString} from "node:v8";

/** V8's optimising compiler waits for this many bytes of bytecode run by a function (default 67,584). */
export const NIGHTLY_INTERRUPT_BUDGET = 300_000;

/**
 * The V8 flags for a build: the nightly tuning when a build cache with a record of its inputs exists
 * and may be used (not --no-cache, not --force), else none.
 */
export function v8FlagsFor(useCache: boolean, cachedInputs: number): string[] {
  return useCache && cachedInputs > 0 ? [`--interrupt-budget=${NIGHTLY_INTERRUPT_BUDGET}`] : [];
}

/**
 * Sets them for this process: the main thread's functions from their next budget on, and the worker
 * threads started afterwards from their start. Call it before the build starts its workers.
 */
export function applyV8Flags(flags: readonly string[]): void {
  for (const flag of flags) setFlagsFromString(flag);
}
