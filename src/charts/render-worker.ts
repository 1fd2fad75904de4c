/**
 * Worker-thread side of the render pool: receives a period's chart specs, renders them with the same
 * renderChart as the main thread, and posts back only what it made (compiled Vega + SVG); or the
 * site's pages, which it renders with the same renderSite (Eleventy) as the main thread would.
 * Eleventy loads when asked (`preloadSite`, queued after the charts) or for the site itself: charts
 * are not kept waiting, and the main thread never loads it.
 */
import {parentPort} from "node:worker_threads";
import {renderChart} from "./render.js";
import type {ChartSpec} from "./types.js";
import type {SiteInput} from "../site/types.js";

export type RenderRequest = {id: number; specs: ChartSpec[]} | {id: number; site: SiteInput} | {id: number; preloadSite: true};

export type RenderReply = {id: number; charts: {vega: unknown; svg: string}[]} | {id: number; siteWritten: true} | {id: number; error: string};

// half a second or more of imports, best done while the main thread writes downloads
let siteRenderer: Promise<typeof import("../site/render-site.js")> | undefined;
const loadSiteRenderer = () => {
  if (!siteRenderer) {
    siteRenderer = import("../site/render-site.js");
    siteRenderer.catch(() => {}); // reported when the site is asked for
  }
  return siteRenderer;
};

parentPort?.on("message", async (request: RenderRequest) => {
  const {id} = request;
  try {
    if ("preloadSite" in request) {
      await loadSiteRenderer().catch(() => {}); // a failure is reported when the site is asked for
      parentPort!.postMessage({id, siteWritten: true} satisfies RenderReply);
      return;
    }
    if ("site" in request) {
      await (await loadSiteRenderer()).renderSite(request.site);
      parentPort!.postMessage({id, siteWritten: true} satisfies RenderReply);
      return;
    }
    const charts = await Promise.all(request.specs.map(renderChart));
    parentPort!.postMessage({id, charts: charts.map(({vega, svg}) => ({vega, svg}))} satisfies RenderReply);
  } catch (error) {
    parentPort!.postMessage({id, error: (error as Error).message} satisfies RenderReply);
  }
});
