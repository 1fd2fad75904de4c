/**
 * Worker-thread side of the render pool: receives a period's chart specs, renders them with the same
 * renderChart as the main thread, and posts back only what it made (compiled Vega + SVG); or the
 * site's pages, which it renders with the same renderSite (Eleventy) as the main thread would.
 * Eleventy starts loading as the worker starts, so that the main thread never loads it.
 */
import {parentPort} from "node:worker_threads";
import {renderChart} from "./render.js";
import type {ChartSpec} from "./types.js";
import type {SiteInput} from "../site/types.js";

export type RenderRequest = {id: number; specs: ChartSpec[]} | {id: number; site: SiteInput};

export type RenderReply = {id: number; charts: {vega: unknown; svg: string}[]} | {id: number; siteWritten: true} | {id: number; error: string};

// half a second or more of imports, done while the main thread reads the log
const siteRenderer = import("../site/render-site.js");
siteRenderer.catch(() => {}); // reported when a site is asked for

parentPort?.on("message", async (request: RenderRequest) => {
  const {id} = request;
  try {
    if ("site" in request) {
      await (await siteRenderer).renderSite(request.site);
      parentPort!.postMessage({id, siteWritten: true} satisfies RenderReply);
      return;
    }
    const charts = await Promise.all(request.specs.map(renderChart));
    parentPort!.postMessage({id, charts: charts.map(({vega, svg}) => ({vega, svg}))} satisfies RenderReply);
  } catch (error) {
    parentPort!.postMessage({id, error: (error as Error).message} satisfies RenderReply);
  }
});
