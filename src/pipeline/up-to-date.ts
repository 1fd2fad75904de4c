/**
 * Step 0 of a build, the one place that decides "up to date": the published report is kept as it is
 * when it was built from the same inputs (their snapshots' hashes) and options (fingerprint.ts).
 * Light on purpose: a nightly rerun that finds nothing new loads none of the stages (Vega, Eleventy,
 * Arquero), which build.ts imports only after this step.
 */
import type {BuildConfig} from "../config.js";
import type {CachedLog} from "../cache/build-cache.js";
import {buildFingerprint, codeFingerprint, inputsResized, inputState, upToDateSummary, type InputState} from "../fingerprint.js";
import {skippedInputs} from "../ingest/find-inputs.js";
import {recoverInterruptedBuilds} from "../site/publish.js";
import {v8FlagsFor} from "../v8-flags.js";
import type {BuildSummary} from "../build-summary.js";
import type {Runtime} from "./runtime.js";

/** What step 0 found when the report is to be built. */
export interface FoundInputs {
  /** the inputs as found: the snapshot of each file that the build reads, whatever is appended meanwhile */
  inputs: InputState;
  /** the fingerprint of those inputs and the options (published as <out>/.fingerprint) */
  fingerprint: string;
  /** the build cache, being read already when an input grew (the nightly case), else undefined */
  cache?: Promise<CachedLog | string>;
  /** entries of input folders not read, e.g. ["logs/pipe.csv (a FIFO, not a regular file)"] */
  skipped: string[];
}

/**
 * The summary of a report that is up to date (a killed build's leftovers removed), or what the
 * build goes on with. Sets the V8 flags of the build's threads (runtime.tune): a night with a cache
 * renders few pages. `found`: the inputs as found earlier (inputState), else found now.
 */
export async function checkUpToDate(config: BuildConfig, run: Runtime, found?: InputState): Promise<{upToDate: BuildSummary} | FoundInputs> {
  const [inputs, skipped] = await Promise.all([found ?? inputState(config), skippedInputs(config.inputs)]);
  const useCache = config.cache !== null && !config.force;
  run.tune(v8FlagsFor(useCache, inputs.before.size));
  // a grown input cannot be up to date: the cache is read while the inputs are hashed
  const cache = useCache && (await inputsResized(config, inputs)) ? readBuildCache(config) : undefined;
  cache?.catch(() => {}); // awaited by the ingest
  const fingerprint = await run.timed("fingerprint", () => buildFingerprint(config, inputs));
  const upToDate = await upToDateSummary(config, fingerprint);
  if (upToDate === undefined) return {inputs, fingerprint, cache, skipped};
  // a killed build's staging folder goes even when there is nothing to build
  await recoverInterruptedBuilds(config.out);
  return {upToDate: {...upToDate, seconds: run.elapsed(), stages: run.stages, skipped}};
}

/** The build cache of `config` (cache/build-cache.ts, loaded only for a build), or why there is none. */
export async function readBuildCache(config: BuildConfig): Promise<CachedLog | string> {
  const {readCache} = await import("../cache/build-cache.js");
  return readCache(config.cache!, codeFingerprint());
}
