/**
 * Worker-thread side of the render pool: receives a period's chart specs, renders them with the same
 * renderChart as the main thread, and posts back only what it made (compiled Vega + SVG).
 */
import {parentPort} from "node:worker_threads";
import {renderChart} from "./render.js";
import type {ChartSpec} from "./types.js";

export interface RenderRequest {
  id: number;
  specs: ChartSpec[];
}

export type RenderReply = {id: number; charts: {vega: unknown; svg: string}[]} | {id: number; error: string};

parentPort?.on("message", async ({id, specs}: RenderRequest) => {
  try {
    const charts = await Promise.all(specs.map(renderChart));
    parentPort!.postMessage({id, charts: charts.map(({vega, svg}) => ({vega, svg}))} satisfies RenderReply);
  } catch (error) {
    parentPort!.postMessage({id, error: (error as Error).message} satisfies RenderReply);
  }
});
