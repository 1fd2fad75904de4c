/**
 * A guess of the plot width vega settles on for a chart, so that it lays the chart out once.
 * Every chart is baked CHART_WIDTH px wide as a whole (autosize "fit-x"): vega first lays it out at the
 * full width, measures what its axes and legend take, sets the plot width to what is left and runs
 * the whole dataflow again. render.ts instead lays the chart out once at the guessed plot width
 * (autosize "pad") and keeps that when the whole comes out CHART_WIDTH wide; else it lets vega fit.
 * The guess only saves time: a wrong one costs one more layout, and the spec that charts.json
 * carries is the one that drew the SVG, so the live view, the email and read-built-site draw it
 * again the same. It is a pure function of the spec: a chart comes out the same on every build.
 * It follows vega's text estimate (0.8 x font size per character) and its axis layout as measured on
 * this project's charts: right for 97 % of the 1M-row bench log's charts (test/charts/plot-width.test.ts).
 */
import {scale} from "vega";
import type {TopLevelSpec} from "vega-lite";
import {CHART_WIDTH} from "./chart-base.js";
import {formatCount} from "../site/figures.js";

/** the top-level padding every chart has (chartSpec), on each side */
const PADDING = 8;

/** vega-scenegraph's estimateWidth: ~~(0.8 x characters x font size) */
const textWidth = (text: string, fontSize: number) => ~~(0.8 * text.length * fontSize);

/**
 * The labels vega draws on a zero-based linear axis of `max` (nice domain, ~1 tick per 40 px of
 * `length`, integer ticks only as tickMinStep 1 asks, formatted ",d").
 */
function countAxisLabels(max: number, length: number): string[] {
  const linear = scale("linear")()
    .domain([0, Math.max(max, 0)])
    .nice();
  return (linear.ticks(Math.ceil(length / 40)) as number[]).filter(Number.isInteger).map((tick) => formatCount(tick));
}

interface AxisSpec {
  field?: string;
  type?: string;
  sort?: unknown;
  axis?: {labelFontSize?: number; labelLimit?: number} | null;
}

/**
 * How far the last label of a time axis (one band per bucket) reaches past the plot's right end, in
 * px: half its width (its height, when labels stand on end) less half a band. The plot narrows by
 * as much, and its bands with it: `over` solves over = half - (plot - over) / (2 x buckets).
 */
function lastLabelOverflow(values: Record<string, unknown>[], x: AxisSpec, plot: number): number {
  const labels = new Set(values.map((value) => String(value[x.field!])));
  const last = [...labels].at(-1);
  if (last === undefined) return 0;
  const angle = (x.axis as {labelAngle?: number} | null | undefined)?.labelAngle ?? 0;
  const half = (angle === 0 ? textWidth(last, 11) : 11) / 2;
  const over = (half - plot / (2 * labels.size)) / (1 - 1 / (2 * labels.size));
  return over > 0 ? Math.ceil(over) : 0;
}

interface SpecShape {
  height?: number;
  data?: {values?: Record<string, unknown>[]};
  encoding?: {x?: AxisSpec; y?: AxisSpec; theta?: unknown};
}

/**
 * The plot width vega is expected to set for `spec` (one made by chartSpec), or undefined when there
 * is no guess (vega then measures as usual).
 */
export function plotWidthGuess(spec: TopLevelSpec): number | undefined {
  const {encoding, data, height = 0} = spec as SpecShape;
  const values = data?.values ?? [];
  const {x, y} = encoding ?? {};
  const inner = CHART_WIDTH - 2 * PADDING;
  if (encoding?.theta !== undefined) return inner - 2; // the donut, its legend below it
  if (!x || !y) return undefined;
  if (y.type === "nominal" && x.type === "quantitative" && y.axis === null) {
    // horizontal bars labelled above (chart-base.ts labelledBars): the plot takes the whole width,
    // less the 2 px that the x axis' flush last label takes past its end (none on an empty chart)
    return values.some((value) => Number(value[x.field!]) > 0) ? inner - 2 : inner;
  }
  if (y.type === "quantitative" && y.field) {
    // counts over time: the y axis holds the counts, with its title on its left
    const max = Math.max(0, ...values.map((value) => Number(value[y.field!]) || 0));
    const widest = Math.max(0, ...countAxisLabels(max, height).map((label) => textWidth(label, 11)));
    const plot = inner - (22 + widest);
    return plot - lastLabelOverflow(values, x, plot);
  }
  return undefined;
}
