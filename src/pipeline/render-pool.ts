/**
 * Renders charts on every core, and the site's pages beside them: worker threads running
 * render-worker.ts. Chart rendering is the build's most expensive step (15-20 ms a chart, eight
 * charts a period) and independent per period, so periods are handed to idle chart workers in
 * order. The pages are rendered by a worker of their own, which loads Eleventy (half a second) as
 * soon as it starts. With `size` 0 everything renders on the calling thread (same code, same
 * bytes), which tests and tiny logs use.
 */
import type {Worker} from "node:worker_threads";
import {startWorker} from "../workers.js";
import {ReportError} from "../errors.js";
import type {ChartSpec, RenderedChart} from "../charts/types.js";
import type {RenderReply, RenderRequest, WorkerRole} from "./render-worker.js";
import type {Spec} from "vega";
import type {SiteInput} from "../site/types.js";

export interface ChartRenderPool {
  /** renders one period's charts, in order */
  render(specs: ChartSpec[]): Promise<RenderedChart[]>;
  /** renders the site's pages (site/render-site.ts) on the site worker, or on this thread for a pool of 0 */
  renderSite(input: SiteInput): Promise<void>;
  /** starts the site worker now, so that Eleventy is loaded by the time the pages are rendered */
  preloadSite(): void;
  /** starts more chart workers, up to `size` in all (a pool of 0 stays on this thread) */
  grow(size: number): void;
  /** stops the workers; pending renders reject */
  close(): Promise<void>;
}

interface Task {
  request: RenderRequest;
  resolve: (reply: RenderReply) => void;
  reject: (error: Error) => void;
}

/** No worker: everything renders on this thread, loading vega and vega-lite only when it renders (half a second of imports). */
function inlinePool(): ChartRenderPool {
  let renderer: Promise<typeof import("../charts/render.js")> | undefined;
  return {
    render: async (specs) => Promise.all(specs.map((await (renderer ??= import("../charts/render.js"))).renderChart)),
    renderSite: async (input) => (await import("../site/render-site.js")).renderSite(input),
    preloadSite: () => {},
    grow: () => {},
    close: async () => {},
  };
}

/** A pool of `size` chart workers and one site worker (0: render on this thread). */
export function createRenderPool(size: number): ChartRenderPool {
  if (size <= 0) return inlinePool();
  const workers = new RoleWorkers();
  let nextId = 0;
  let chartWorkers = 0;
  let siteWorker = false;
  const grow = (more: number) => {
    for (; chartWorkers < more; chartWorkers++) workers.spawn("charts");
  };
  const preloadSite = () => {
    if (!siteWorker) workers.spawn("site");
    siteWorker = true;
  };
  grow(size);

  return {
    render: async (specs) => {
      const reply = await workers.submit("charts", {id: nextId++, specs});
      if (!("charts" in reply)) throw new ReportError("chart renderer: unexpected reply", {code: "chart"});
      return specs.map((spec, i) => ({...spec, vega: reply.charts[i].vega as Spec, svg: reply.charts[i].svg}));
    },
    renderSite: async (site) => {
      preloadSite();
      await workers.submit("site", {id: nextId++, site});
    },
    preloadSite,
    grow,
    close: () => workers.close(),
  };
}

/**
 * Worker threads by role: each idle worker takes the oldest queued task of its role. A crashed
 * worker fails every pending task and every later one, with the role in the message.
 */
class RoleWorkers {
  readonly #workers: Worker[] = [];
  readonly #roles = new Map<Worker, WorkerRole>();
  readonly #idle: Worker[] = [];
  readonly #busy = new Map<Worker, Task>();
  readonly #queue: (Task & {kind: WorkerRole})[] = [];
  #failure: Error | undefined;

  /** Starts one more worker of `role`. */
  spawn(role: WorkerRole): void {
    const worker = startWorker(import.meta.url, "./render-worker", {role});
    this.#roles.set(worker, role);
    worker.on("message", (reply: RenderReply) => {
      const task = this.#busy.get(worker)!;
      this.#busy.delete(worker);
      this.#idle.push(worker);
      if ("error" in reply) task.reject(new ReportError(reply.error, {code: "site" in task.request ? "site" : "chart"}));
      else task.resolve(reply);
      this.#dispatch();
    });
    worker.on("error", (error) => this.#fail(role, error));
    this.#idle.push(worker);
    this.#workers.push(worker);
    this.#dispatch();
  }

  /** Queues `request` for a worker of `kind`; its reply, or the failure of the pool. */
  submit(kind: WorkerRole, request: RenderRequest): Promise<RenderReply> {
    return new Promise<RenderReply>((resolve, reject) => {
      if (this.#failure) return reject(this.#failure);
      this.#queue.push({kind, request, resolve, reject});
      this.#dispatch();
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }

  #dispatch(): void {
    const idle = this.#idle;
    for (let w = 0; w < idle.length;) {
      const worker = idle[w];
      const next = this.#queue.findIndex((task) => task.kind === this.#roles.get(worker));
      if (next === -1) {
        w++;
        continue;
      }
      const [task] = this.#queue.splice(next, 1);
      idle.splice(w, 1);
      this.#busy.set(worker, task);
      worker.postMessage(task.request);
    }
  }

  #fail(role: WorkerRole, error: Error): void {
    this.#failure = new ReportError(`${role === "site" ? "page" : "chart"} renderer crashed: ${error.message}`, {
      code: role === "site" ? "site" : "chart",
      cause: error,
    });
    for (const task of [...this.#busy.values(), ...this.#queue.splice(0)]) task.reject(this.#failure);
    this.#busy.clear();
  }
}
