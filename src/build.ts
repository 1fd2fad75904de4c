/**
 * The orchestrator: one build of the report, from log files to a published folder.
 *
 *  log files ──> ingest ──> plan ──> compute ──> downloads ──> render ──> cache ──> publish ──> dist/
 *  (csv/json)   (papaparse  (periods,  (Arquero     (the log's    (Vega-Lite   (staged)  (a swap of
 *                -> Arquero) keys,     indicators,  files, then   SVG, pages             folders)
 *                            kept)     chart specs) each period's) on Eleventy)
 *                                                                    └──> email snapshots (email/)
 *
 * Each numbered step below is one call to a stage (pipeline/, downloads/). How they overlap (the
 * workers, work started early and awaited later, each stage's time) is the runtime's
 * (pipeline/runtime.ts); where files go, the output's (pipeline/output.ts). Effects (clock, log
 * lines, progress) are injected so tests run it with a fixed date and no terminal.
 */
import type {BuildConfig} from "./config.js";
import {systemError} from "./errors.js";
import type {InputState} from "./fingerprint.js";
import type {BuildEffects, BuildSummary} from "./build-summary.js";
import {claimOut} from "./site/out-folder.js";
import {createRuntime, COPY_LANES, type Runtime} from "./pipeline/runtime.js";
import {checkUpToDate, type FoundInputs} from "./pipeline/up-to-date.js";
import type * as Stages from "./pipeline/stages.js";
import type {Downloads} from "./downloads/stage.js";
import type {Output} from "./pipeline/output.js";
import type {Plan} from "./pipeline/plan.js";
import type {LogRead} from "./pipeline/read-log.js";

export type {BuildEffects, BuildSummary} from "./build-summary.js";

/**
 * Runs one build and publishes it into `config.out`, unless the published report is up to date;
 * the previous report survives any failure. `runtime`: how the build runs (its workers), made from
 * `config.workers` unless given; `inputs`: the inputs as found earlier (inputState), for a test
 * whose writer appends between that and the build, else found by step 0.
 */
export async function build(
  config: BuildConfig,
  effects: BuildEffects,
  runtime: Runtime = createRuntime(config.workers),
  inputs?: InputState,
): Promise<BuildSummary> {
  // nothing is touched before --out is known to be the report's, and locked
  const release = await claimOut(config);
  try {
    // 0. nothing to do when the published report was built from the same inputs and options
    const found = await checkUpToDate(config, runtime, inputs);
    if ("upToDate" in found) return found.upToDate;
    // the workers start while the stages load and the log is read (their imports and warm-up take a second or two)
    runtime.startWorkers();
    const stages = await import("./pipeline/stages.js");
    return {...(await buildReport(config, effects, runtime, found, stages)), skipped: found.skipped};
  } finally {
    await runtime.close();
    await release();
  }
}

/** Steps 1 to 8 of a build that is not up to date. */
async function buildReport(config: BuildConfig, effects: BuildEffects, run: Runtime, found: FoundInputs, stages: typeof Stages): Promise<BuildSummary> {
  const {
    readLog,
    previousDownloads,
    periodSpares,
    planPeriods,
    renderedRows,
    computePages,
    reportJson,
    createDownloads,
    renderCharts,
    chartSlots,
    periodPages,
    renderPages,
    writeExplorer,
    stageBuildCache,
    openOutput,
  } = stages;
  const output = await openOutput(config, run);
  const downloads = createDownloads(output.dir, config.workers);
  let charts: ReturnType<typeof renderCharts> | undefined;
  let caching: Promise<() => Promise<void>> | undefined;
  try {
    // 1. ingest: only what was added since the cached build when that is all that changed, else everything
    const read = await readLog(config, effects, run, found, output, downloads);
    // the whole log's downloads are written from now on (appended, streamed or fresh: downloads/stage.ts)
    const wholeLog = run.start("downloads", () => downloads.wholeLog(read.log, previousDownloads(read, output)));

    // 2. plan: the periods, their content keys, and which folders of the published report are kept
    const plan = await planPeriods(config, run, read, output);
    const reused = plan.periods.length - plan.render.size;
    if (reused > 0) effects.log(`periods: ${reused} kept from the previous build, ${plan.render.size} rendered`);

    // 3. compute: the full indicators and chart specs of the pages to render; their charts start on the workers
    const work = await computePages(config, run, plan);
    const slotted = chartSlots(work);
    charts = renderCharts(run, effects, output, plan, work);

    // 4. downloads: the whole log's files, then each rendered period's rows copied out of them while the pages render
    const source = await wholeLog;
    const copies = run.start("downloads", () =>
      downloads.writePeriods(source, renderedRows(plan, output.dir, periodSpares(read), read.periodCopies), COPY_LANES),
    );

    // 5. render: the pages (the charts go into them as they come), report.json, and the explorer meanwhile
    const report = reportJson(config, effects.now(), read, plan);
    const pages = periodPages(plan, slotted, (lo, hi) => downloads.periodFiles(source, lo, hi));
    // 6. cache: staged while the pages render; it takes effect in step 8
    const staging = stageBuildCache(config, read, plan, source, found.fingerprint, {dir: output.dir, written: copies});
    caching = staging && run.start("cache", staging);
    const exploring = run.start("explore", () => writeExplorer(config, output, read, plan, source));
    await renderPages(run, output, {report, pages, rejects: read.log.rejects, fingerprint: found.fingerprint, render: plan.render});
    charts.pagesWritten();
    await Promise.all([charts.done, copies, exploring]);

    // 7. publish, once the cache has linked the staged downloads (their names change at the publish); 8. the cache takes effect
    await publishAndCommit(effects, run, output, downloads, caching);
    return summaryOf(output.out, read, plan, run);
  } catch (error) {
    // nothing may write into the staging folder once it is removed: the stages stop first
    charts?.abort(error);
    await downloads.stop("the build failed");
    await run.settled();
    await caching?.catch(() => {}); // it may be linking files of the staging folder
    await downloads.discardSpare().catch(() => {});
    // e.g. a first build that fails leaves no cache folder behind
    await run.cleanUpAfterFailure();
    // what made the build fail is what the user needs to read, not a removal's trouble
    await output.discard(effects.log);
    throw systemError(error, output.shownPath, config.out) ?? error;
  }
}

/**
 * Steps 7 and 8: publishes the staged report, then commits the staged cache. A cache that could not
 * be staged or committed is not a failed build: the next build reads every input.
 */
async function publishAndCommit(
  effects: BuildEffects,
  run: Runtime,
  output: Output,
  downloads: Downloads,
  caching: Promise<() => Promise<void>> | undefined,
): Promise<void> {
  const notWritten = (error: Error) => void effects.log(`cache: not written (${error.message}); the next build reads every input`);
  const commit = await caching?.catch(notWritten);
  const {removal} = await output.publish();
  const committed =
    commit !== undefined &&
    (await run.timed("cache", commit).then(
      () => true,
      (error: Error) => notWritten(error),
    ));
  if (!committed) await downloads.discardSpare();
  await run.timed("publish", () => removal);
}

/** What the build did, for the CLI's summary line and --json. */
function summaryOf(out: string, read: LogRead, plan: Plan, run: Runtime): BuildSummary {
  const {rows, accepted, rejected, duplicates} = read.log.counts;
  return {
    out,
    upToDate: false,
    rows,
    accepted,
    rejected,
    duplicates,
    periods: plan.periods.length,
    reused: plan.periods.length - plan.render.size,
    rendered: plan.render.size,
    ingestMode: read.incremental?.reexport ? "reexport" : read.incremental ? "append" : "cold",
    ...(read.ingestReason === undefined ? {} : {ingestReason: read.ingestReason}),
    ...(read.known ? {knownRows: read.known.reduce((count, row) => count + (row >= 0 ? 1 : 0), 0)} : {}),
    ...(read.incremental?.reexport ? {knownRows: read.incremental.reexport.known} : {}),
    seconds: run.elapsed(),
    stages: run.stages,
  };
}
