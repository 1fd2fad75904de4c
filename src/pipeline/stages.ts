/**
 * The stages of a build that is not up to date, in the order build.ts calls them. build.ts imports
 * this module only once step 0 has found something to build: it loads Arquero, the indicators,
 * Vega-Lite's specs and the cache (~0.1 s), which a rerun that finds nothing new does without.
 */
export {periodSpares, previousDownloads, readLog} from "./read-log.js";
export {planPeriods, renderedRows} from "./plan.js";
export {computePages, reportJson} from "./compute.js";
export {chartSlots, periodPages, renderCharts, renderPages, writeExplorer} from "./render.js";
export {stageBuildCache} from "./stage-cache.js";
export {createDownloads} from "../downloads/stage.js";
export {openOutput} from "./output.js";
