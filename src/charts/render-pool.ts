/**
 * Renders charts on every core: a small pool of worker threads, each running render-worker.ts.
 * Chart rendering is the build's most expensive step (20-100 ms a chart, seven charts a period) and
 * independent per period, so periods are handed to idle workers in order. With `size` 0 it renders
 * on the calling thread (same code, same bytes), which tests and tiny logs use.
 */
import {Worker} from "node:worker_threads";
import {ReportError} from "../errors.js";
import type {ChartSpec, RenderedChart} from "./types.js";
import type {RenderReply, RenderRequest} from "./render-worker.js";
import type {Spec} from "vega";
import type {SiteInput} from "../site/types.js";

export interface ChartRenderPool {
  /** renders one period's charts, in order */
  render(specs: ChartSpec[]): Promise<RenderedChart[]>;
  /** renders the site's pages (site/render-site.ts) on a worker, or on this thread for a pool of 0 */
  renderSite(input: SiteInput): Promise<void>;
  /** has a worker load the site renderer once the charts queued so far are done */
  preloadSite(): void;
  /** starts more workers, up to `size` in all (a pool of 0 stays on this thread) */
  grow(size: number): void;
  /** stops the workers; pending renders reject */
  close(): Promise<void>;
}

// Run from the TypeScript sources, the workers register tsx before importing the module; run from
// the compiled .build/ (scripts/compile.mjs), they import it as it is.
const compiled = import.meta.url.endsWith(".js");
const bootstrap = (moduleUrl: string) =>
  compiled ? `await import(${JSON.stringify(moduleUrl)});` : `import {register} from "tsx/esm/api"; register(); await import(${JSON.stringify(moduleUrl)});`;

interface Task {
  request: RenderRequest;
  resolve: (charts: RenderedChart[]) => void;
  reject: (error: Error) => void;
  specs: ChartSpec[];
}

/** A pool of `size` workers (0: render on this thread). */
export function createRenderPool(size: number): ChartRenderPool {
  if (size <= 0) {
    // vega and vega-lite load on this thread only when it renders (half a second of imports)
    let renderer: Promise<typeof import("./render.js")> | undefined;
    return {
      render: async (specs) => Promise.all(specs.map((await (renderer ??= import("./render.js"))).renderChart)),
      renderSite: async (input) => (await import("../site/render-site.js")).renderSite(input),
      preloadSite: () => {},
      grow: () => {},
      close: async () => {},
    };
  }
  const moduleUrl = new URL(compiled ? "./render-worker.js" : "./render-worker.ts", import.meta.url).href;
  const idle: Worker[] = [];
  const busy = new Map<Worker, Task>();
  const queue: Task[] = [];
  let nextId = 0;
  let failure: Error | undefined;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const task = queue.shift()!;
      busy.set(worker, task);
      worker.postMessage(task.request);
    }
  };
  const onReply = (worker: Worker, reply: RenderReply) => {
    const task = busy.get(worker)!;
    busy.delete(worker);
    idle.push(worker);
    if ("error" in reply) task.reject(new ReportError(reply.error, {code: "site" in task.request ? "site" : "chart"}));
    else if ("siteWritten" in reply) task.resolve([]);
    else task.resolve(task.specs.map((spec, i) => ({...spec, vega: reply.charts[i].vega as Spec, svg: reply.charts[i].svg})));
    dispatch();
  };
  const workers: Worker[] = [];
  const spawn = () => {
    const worker = new Worker(bootstrap(moduleUrl), {eval: true});
    worker.on("message", (reply: RenderReply) => onReply(worker, reply));
    worker.on("error", (error) => {
      failure = new ReportError(`chart renderer crashed: ${error.message}`, {code: "chart", cause: error});
      busy.get(worker)?.reject(failure);
      for (const task of queue.splice(0)) task.reject(failure);
    });
    idle.push(worker);
    workers.push(worker);
    dispatch();
  };
  while (workers.length < size) spawn();

  return {
    render: (specs) =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        queue.push({request: {id: nextId++, specs}, specs, resolve, reject});
        dispatch();
      }),
    renderSite: (input) =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        queue.push({request: {id: nextId++, site: input}, specs: [], resolve: () => resolve(), reject});
        dispatch();
      }),
    preloadSite: () => {
      if (failure) return;
      queue.push({request: {id: nextId++, preloadSite: true}, specs: [], resolve: () => {}, reject: () => {}});
      dispatch();
    },
    grow: (more) => {
      while (workers.length < more) spawn();
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
