/**
 * How a build runs, apart from what it computes: the worker threads (chart workers, the page worker,
 * V8's flags for them), work started early and awaited later, and each stage's time. The build
 * (build.ts) is given a Runtime and reads as a list of steps; the overlap between the steps lives
 * here: a stage started with `start` goes on while the next ones run, and `settled` waits for every
 * one of them before a failed build removes its staging folder.
 * It does not decide what to build: the steps in pipeline/ do.
 */
import {createRenderPool, type ChartRenderPool} from "./render-pool.js";
import type {ChartSpec, RenderedChart} from "../charts/types.js";
import {trace} from "../trace.js";
import {applyV8Flags} from "../v8-flags.js";

/** Up to this many pages to render, one worker renders the charts (a worker takes 1-2 s to start). */
const ONE_WORKER_PAGES = 12;

/**
 * Periods whose downloads are copied at once. Copying is mostly the kernel filling fresh pages; two
 * at a time finish the 2.1 GB of a 1M-row report's period downloads alongside the charts instead of
 * after them: cold builds 22.6-28.5 s against 23.9-28.7 s, 4 of 6 interleaved pairs faster.
 */
export const COPY_LANES = 2;

const round = (seconds: number): number => Math.round(seconds * 1000) / 1000;

export interface Runtime {
  /** seconds per stage so far, e.g. {ingest: 4.1, indicators: 2.3, ...}, in the order they first ran */
  readonly stages: Record<string, number>;
  /** seconds since the runtime was made (the build's start) */
  elapsed(): number;
  /** runs `work` now and adds its time to `stage` */
  timed<T>(stage: string, work: () => Promise<T> | T): Promise<T>;
  /**
   * starts `work` now, timed as `stage`, and gives its promise: the caller awaits it later (a
   * rejection waits for that await, or for `settled`)
   */
  start<T>(stage: string, work: () => Promise<T>): Promise<T>;
  /** adds `seconds` to `stage` (work timed by its own step, e.g. the charts from the first to the last) */
  addTime(stage: string, seconds: number): void;
  /** settles once everything started with `start` has: nothing writes after that */
  settled(): Promise<void>;
  /** `cleanUp` runs if the build fails, after what was started has settled (e.g. a folder this build made) */
  onFailure(cleanUp: () => Promise<void>): void;
  /** runs the onFailure clean-ups, in order (their own errors are ignored) */
  cleanUpAfterFailure(): Promise<void>;
  /** V8 flags for the threads started from now on (v8-flags.ts) */
  tune(flags: readonly string[]): void;
  /** the workers: starts one chart worker and the page worker (Eleventy loads while the log is read) */
  startWorkers(): void;
  /** a cold build (every input read): a chart worker per core, as `workers` allows */
  expectColdBuild(): void;
  /** `pages` to render: more chart workers when there are many */
  expectPages(pages: number): void;
  /** how many periods' charts are in flight at once: memory stays flat whatever the number of periods */
  readonly inFlight: number;
  /** renders one period's charts on the workers (or this thread for `workers` 0), in order */
  renderCharts(specs: ChartSpec[]): Promise<RenderedChart[]>;
  /** starts period `i`'s charts now, if fewer than `inFlight` are started early; false when not */
  renderEarly(i: number, specs: ChartSpec[]): boolean;
  /** period `i`'s charts started early (and forgets them), else undefined */
  takeEarly(i: number): {specs: ChartSpec[]; charts: Promise<RenderedChart[]>} | undefined;
  /** the pool the pages are rendered on (site/render-site.ts on the page worker) */
  readonly pool: ChartRenderPool;
  /** stops the workers (after a build, whatever its end) */
  close(): Promise<void>;
}

/** The runtime of one build run with `workers` chart workers at most (0: everything on this thread). */
export function createRuntime(workers: number): Runtime {
  const started = performance.now();
  const stages: Record<string, number> = {};
  const running = new Set<Promise<unknown>>();
  const early = new Map<number, {specs: ChartSpec[]; charts: Promise<RenderedChart[]>}>();
  const inFlight = Math.max(2, workers * 2);
  const cleanUps: (() => Promise<void>)[] = [];
  let pool: ChartRenderPool | undefined;
  const addTime = (stage: string, seconds: number) => void (stages[stage] = round((stages[stage] ?? 0) + seconds));
  const timed = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    trace(`${stage} …`);
    const result = await work();
    addTime(stage, (performance.now() - t0) / 1000);
    trace(`${stage} done in ${((performance.now() - t0) / 1000).toFixed(3)} s`);
    return result;
  };
  const workersPool = (): ChartRenderPool => (pool ??= createRenderPool(Math.min(1, workers)));
  const runtime: Runtime = {
    stages,
    elapsed: () => round((performance.now() - started) / 1000),
    timed,
    start: (stage, work) => {
      const task = timed(stage, work);
      running.add(task);
      task.catch(() => {}); // awaited by the caller, or by settled()
      void task.finally(() => running.delete(task)).catch(() => {});
      return task;
    },
    addTime,
    settled: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    onFailure: (cleanUp) => void cleanUps.push(cleanUp),
    cleanUpAfterFailure: async () => {
      for (const cleanUp of cleanUps.splice(0)) await cleanUp().catch(() => {});
    },
    tune: applyV8Flags,
    startWorkers: () => workersPool().preloadSite(),
    expectColdBuild: () => workersPool().grow(workers),
    expectPages: (pages) => workersPool().grow(pages > ONE_WORKER_PAGES ? workers : 1),
    inFlight,
    renderCharts: (specs) => workersPool().render(specs),
    renderEarly: (i, specs) => {
      if (early.size >= inFlight) return false;
      const charts = workersPool().render(specs);
      charts.catch(() => {}); // awaited by the render step
      early.set(i, {specs, charts});
      return true;
    },
    takeEarly: (i) => {
      const started = early.get(i);
      early.delete(i);
      return started;
    },
    get pool() {
      return workersPool();
    },
    close: async () => {
      if (pool) await timed("charts", () => pool!.close());
    },
  };
  return runtime;
}
