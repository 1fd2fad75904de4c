/**
 * The incremental ingest: the cached log (build-cache.ts) plus what changed in the inputs since,
 * parsed alone. It applies when every cached file is still an input, in the same order among them,
 * and the options that shape the parsed log are the same:
 * - the plain append: the cached files unchanged (same SHA-256) except the last one, which may have
 *   grown (its old bytes, checked by hash, are a prefix of the new ones), followed by new files;
 * - readAgain: files changed otherwise (a nightly full export, a day's file downloaded again, a file
 *   that grew but is not the last) are read whole, their known rows recognised by their hashes, and
 *   new files may come among the cached ones (a missed day's file).
 * New rows older than the newest cached one (an unsorted log, late rows, a backfilled day) are
 * merged among the cached rows in the order a full read sorts them (merge-rows.ts). Then the result
 * is the one a full read gives, byte for byte; otherwise it says why not, and the build reads
 * everything again. Nothing here trusts the cache beyond what the hashes confirm. The inputs are the
 * build's snapshots (fingerprint.ts): a file is read, and recorded for the next build, up to the
 * size its snapshot found, so that rows appended meanwhile are the next build's to read.
 */
import {snapshotPrefixHash, type InputSnapshot} from "../fingerprint.js";
import {assertZone} from "../ingest/index.js";
import type {IngestOptions} from "../ingest/types.js";
import type {CachedLog} from "./build-cache.js";
import {cold, mergedLog, newColumns, oldRowReader, readingOf, type AppendResult, type ReadPlan, type ToRead} from "./merged-log.js";
import {readAgain} from "./read-again.js";

/**
 * Reads what was added to the inputs since the cached build: `inputs` are the build's snapshots of
 * the files of `options.inputs`. `log.table` holds `time` and the CACHED_COLUMNS (period keys
 * added); `newRows` are the new accepted rows' values in output column order and time order, for
 * appendSourceData, and `places` where they went among the cached rows.
 */
export async function appendToCachedLog(cache: CachedLog, options: IngestOptions, inputs: readonly InputSnapshot[]): Promise<AppendResult> {
  assertZone(options.timeZone);
  const plan = await whatToRead(cache, options, inputs);
  if (typeof plan === "string") return cold(plan);
  if (plan.rearranged) return readAgain(cache, options, inputs, plan);
  const files = inputs.map((input) => input.path);
  const oldRows = oldRowReader(cache);
  try {
    const reading = readingOf(cache, options, inputs, plan, {
      earlierDuplicate: (values, hash) => {
        const row = oldRows.find(values, hash);
        return row === -1 ? undefined : `${files[cache.rows.file[row]]}:${cache.rows.line[row]}`;
      },
    });
    for (const {fileNumber, resume} of plan.reads) await reading.read(fileNumber, inputs[fileNumber].format, resume, inputs[fileNumber]);
    const columns = newColumns(reading, cache);
    if (columns !== undefined) return cold(columns);
    return await mergedLog(cache, options, inputs, plan, reading.finish());
  } finally {
    oldRows.close();
  }
}

/** The inputs to read and where each starts, or why the cache cannot serve. */
async function whatToRead(cache: CachedLog, options: IngestOptions, inputs: readonly InputSnapshot[]): Promise<ReadPlan | string> {
  const {manifest} = cache;
  if (manifest.timeZone !== options.timeZone) return `the time zone changed (${manifest.timeZone} -> ${options.timeZone})`;
  if ((manifest.format ?? null) !== (options.format ?? null)) return "--format changed";
  const old = manifest.files;
  // every cached file is still an input, in the same order among them (new files may come anywhere)
  const inputNumber = new Map(inputs.map((input, i) => [input.path, i]));
  const inputOf = new Int32Array(old.length);
  for (const [i, cached] of old.entries()) {
    const at = inputNumber.get(cached.path);
    if (at === undefined) return `${cached.path} is no longer an input`;
    if (i > 0 && at < inputOf[i - 1]) return `the input files are in another order (${cached.path})`;
    if (inputs[at].format !== cached.format) return `${cached.path} is read as another format`;
    inputOf[i] = at;
  }
  const cachedAt = new Int32Array(inputs.length).fill(-1);
  inputOf.forEach((at, i) => (cachedAt[at] = i));
  const reads: ToRead[] = [];
  let rearranged = false;
  for (const [at, input] of inputs.entries()) {
    const i = cachedAt[at];
    if (i === -1) {
      // a new file; one that sorts before a cached file puts its rows, rejects and duplicates among theirs
      rearranged ||= at < inputOf[old.length - 1];
      reads.push({fileNumber: at});
      continue;
    }
    const cached = old[i];
    if (input.size === cached.size && input.sha256 === cached.sha256) continue;
    const grown = input.size > cached.size && (await snapshotPrefixHash(input, cached.size)) === cached.sha256;
    // only the last file can be read on from where it ended: rows after it would be read before its new ones
    if (grown && cached.resume && at === inputs.length - 1) reads.push({fileNumber: at, resume: cached.resume});
    else {
      reads.push({fileNumber: at, again: i});
      rearranged = true;
    }
  }
  return {reads, inputOf, rearranged};
}
