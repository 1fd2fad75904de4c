/**
 * Worker-thread side of the render pool. A worker has one role, given at its start:
 * - "charts": loads vega and renders the made-up week of warm-up.ts at once, chart by chart until
 *   the first request comes (while the main thread reads the log), then receives periods' chart
 *   specs, renders them with the same renderChart as the main thread, and posts back only what it
 *   made (compiled Vega + SVG);
 * - "site": loads Eleventy at once, then renders the site's pages with the same renderSite as the
 *   main thread would. The main thread never loads Eleventy, and nobody waits for its imports.
 */
import {parentPort, workerData} from "node:worker_threads";
import {trace} from "../trace.js";
import type {ChartSpec} from "../charts/types.js";
import type {SiteInput} from "../site/types.js";

export type WorkerRole = "charts" | "site";

export type RenderRequest = {id: number; specs: ChartSpec[]} | {id: number; site: SiteInput};

export type RenderReply = {id: number; charts: {vega: unknown; svg: string}[]} | {id: number; siteWritten: true} | {id: number; error: string};

const role = (workerData as {role?: WorkerRole} | undefined)?.role ?? "charts";

/**
 * The chart renderer: compiled (this file is .build/pipeline/render-worker.js), the bundle that
 * scripts/compile.mjs makes of charts/render.ts and its libraries (one module to load instead of a hundred);
 * from the sources, render.ts.
 */
const RENDERER = import.meta.url.endsWith(".js") ? "../charts/render.bundle.js" : "../charts/render.js";

/** set by the first request: a chart worker then stops warming up */
let requested = false;

/** what this worker renders with, loading (and for charts, warming up) from its start */
const ready =
  role === "site"
    ? import("../site/render-site.js")
    : (import(RENDERER) as Promise<typeof import("../charts/render.js")>).then(async (renderer) => {
        const {warmUpSpecs} = await import("../charts/warm-up.js");
        // chart by chart, until real charts arrive: warming up is worth it only while the worker
        // would wait anyway (a cold build's ingest), not while a page waits for it. A warm-up
        // failure would show again on the first real chart, with its period's name.
        for (const spec of warmUpSpecs()) {
          if (requested) break;
          await renderer.renderChart(spec).catch(() => {});
          await new Promise((resolve) => setImmediate(resolve)); // lets a request in
        }
        return renderer;
      });
ready.then(
  () => trace(`${role} ready`),
  () => {},
); // a failed import is reported on the first request

parentPort?.on("message", async (request: RenderRequest) => {
  requested = true;
  const {id} = request;
  trace(`${role}: ${"specs" in request ? `${request.specs.length} charts` : "site"} …`);
  try {
    if ("site" in request) {
      await ((await ready) as typeof import("../site/render-site.js")).renderSite(request.site);
      parentPort!.postMessage({id, siteWritten: true} satisfies RenderReply);
    } else {
      const {renderChart} = (await ready) as typeof import("../charts/render.js");
      const charts = await Promise.all(request.specs.map(renderChart));
      parentPort!.postMessage({id, charts: charts.map(({vega, svg}) => ({vega, svg}))} satisfies RenderReply);
    }
    trace(`${role} done`);
  } catch (error) {
    parentPort!.postMessage({id, error: (error as Error).message} satisfies RenderReply);
  }
});
