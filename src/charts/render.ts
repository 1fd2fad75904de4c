/**
 * Compiles a chart's Vega-Lite spec to Vega and bakes it to SVG with vega's headless View, through
 * the same AST + vega-interpreter expression path the browser uses under a strict CSP (no eval,
 * no `new Function` here either). Also serialises the compiled specs for the live view.
 * It does not write files: the site stage stores the SVG and charts.json.
 */
import {compile, type TopLevelSpec} from "vega-lite";
import {parse, View, Warn, type Spec} from "vega";
import {expressionInterpreter} from "vega-interpreter";
import {ReportError} from "../errors.js";
import type {ChartSpec, RenderedChart} from "./types.js";
import {plotWidthGuess} from "./plot-width.js";
import {CHART_WIDTH} from "./chart-base.js";

/** Receives the warnings of vega-lite and vega (defaults to ignoring them). */
export type ChartWarn = (message: string) => void;

const ignore: ChartWarn = () => {};

function logger(warn: ChartWarn) {
  let level = Warn;
  const self = {
    level(value?: number): any {
      if (value === undefined) return level;
      level = value;
      return self;
    },
    error: (...args: unknown[]) => warn(args.map(String).join(" ")),
    warn: (...args: unknown[]) => warn(args.map(String).join(" ")),
    info: () => self,
    debug: () => self,
  };
  return self;
}

/** Vega-Lite -> Vega, data inlined (what charts.json carries to the browser). */
export function compileChart(vegaLite: TopLevelSpec, warn: ChartWarn = ignore): Spec {
  return compile(vegaLite, {logger: logger(warn) as never}).spec;
}

/** The SVG root of a vega SVG, with a viewBox so CSS can scale it (vega 6 writes one; older did not). */
export function withViewBox(svg: string): string {
  const root = /^<svg\b[^>]*>/.exec(svg);
  if (!root || /\bviewBox=/.test(root[0])) return svg;
  const size = (name: string) => new RegExp(`\\b${name}="([\\d.]+)"`).exec(root[0])?.[1] ?? "0";
  return svg.replace("<svg", `<svg viewBox="0 0 ${size("width")} ${size("height")}"`);
}

const GEOMETRY = /\s(d|transform|x|y|x1|x2|y1|y2|width|height)="([^"]*)"/g;

/**
 * Geometry attributes rounded to 2 decimals ("338.7096774193549" -> "338.71"): a month of
 * 15 actions draws ~500 points, and full float precision is a third of the SVG's bytes.
 * Text and aria labels are left as they are.
 */
export function roundGeometry(svg: string): string {
  return svg.replace(GEOMETRY, (_, name: string, value: string) =>
    ` ${name}="${value.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100))}"`,
  );
}

/** Compiled specs a renderer keeps, by shape (the least recently used dropped first). */
const MAX_SHAPES = 64;
/** The description a shape is compiled with, replaced by each chart's own. */
const SHAPE_DESCRIPTION = "-";

/**
 * compileChart, remembering compiled specs by shape: the Vega-Lite spec without its data values and
 * description. Many charts differ from an earlier one by those alone (the top-10 bar charts of one
 * period and of the next), and vega-lite does not look at data values: such a chart gets the
 * remembered spec with its own values and description put in, JSON-equal to compiling it afresh
 * (checked over the 1,519 charts of a 1M-row report, and by test/charts/render.test.ts). At 1M rows
 * 56 % of charts reuse a shape, and compiling costs a fifth of a chart. The remembered specs are
 * shared: vega only reads them. A spec with no inline values or no description is compiled as is.
 */
export function shapeCompiler(warn: ChartWarn = ignore): (vegaLite: TopLevelSpec) => Spec {
  const shapes = new Map<string, {spec: Spec; source: number}>();
  return (vegaLite) => {
    const {data, description} = vegaLite as {data?: {values?: unknown}; description?: unknown};
    const values = data?.values;
    if (!Array.isArray(values) || typeof description !== "string" || Object.keys(data!).length !== 1) return compileChart(vegaLite, warn);
    const shape = {...vegaLite, data: {values: []}, description: SHAPE_DESCRIPTION} as TopLevelSpec;
    const key = JSON.stringify(shape);
    let known = shapes.get(key);
    if (known !== undefined) {
      // most recently used last: the top lists' few shapes stay while each period brings new ones
      shapes.delete(key);
      shapes.set(key, known);
    } else {
      const spec = compileChart(shape, warn);
      const sources = (spec.data ?? []).flatMap((entry, i) => ("values" in entry ? [i] : []));
      // the inline values become one data entry; anything else is compiled chart by chart
      if (sources.length !== 1 || spec.description !== SHAPE_DESCRIPTION) return compileChart(vegaLite, warn);
      known = {spec, source: sources[0]};
      if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value!);
      shapes.set(key, known);
    }
    const {spec, source} = known;
    return {...spec, description, data: spec.data!.map((entry, i) => (i === source ? {...entry, values} : entry))} as Spec;
  };
}

/**
 * A chart renderer that hands vega-lite's and vega's warnings to `warn` (e.g. for tests or a
 * verbose build). Warnings do not stop a render; errors throw a ReportError naming the chart.
 * A warning of vega-lite's is given once per shape (see shapeCompiler).
 */
export function chartRenderer(warn: ChartWarn): (spec: ChartSpec) => Promise<RenderedChart> {
  const compileShape = shapeCompiler(warn);
  return async (spec) => {
    try {
      const fitted = compileShape(spec.vegaLite);
      // laid out once at the guessed plot width; kept when the whole is CHART_WIDTH wide, as a
      // fitted chart would be, else laid out by vega's own fit (two passes)
      const width = plotWidthGuess(spec.vegaLite);
      if (width !== undefined) {
        const padded = {...fitted, width, autosize: {type: "pad", contains: "padding"}} as Spec;
        const svg = await svgOf(padded, warn);
        if (svgWidth(svg) === CHART_WIDTH) return {...spec, vega: padded, svg};
      }
      return {...spec, vega: fitted, svg: await svgOf(fitted, warn)};
    } catch (cause) {
      throw new ReportError(`chart "${spec.id}": cannot render: ${(cause as Error).message}`, {code: "chart", cause});
    }
  };
}

/** The SVG of a compiled spec, drawn by vega's headless View, geometry rounded, with a viewBox. */
async function svgOf(vega: Spec, warn: ChartWarn): Promise<string> {
  const view = new View(parse(vega, undefined, {ast: true}), {
    renderer: "none",
    expr: expressionInterpreter,
    logger: logger(warn) as never,
  });
  try {
    return withViewBox(roundGeometry(await view.toSVG()));
  } finally {
    view.finalize();
  }
}

const svgWidth = (svg: string): number => Number(/^<svg\b[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1]);

/**
 * Renders one chart to SVG in Node (no DOM, estimated text widths), ignoring warnings
 * (an empty period warns about empty extents). One argument: safe to pass to `Array#map`.
 */
export const renderChart: (spec: ChartSpec) => Promise<RenderedChart> = chartRenderer(ignore);

/**
 * The text of a page's charts.json, `{"charts": [{"id", "vega"}]}`, safe to embed as is in
 * `<script type="application/json">` too: every "<" is written "\u003c", so no "</script>" or
 * "<!--" can appear, whatever the log's strings hold.
 */
export function chartsJson(charts: Pick<RenderedChart, "id" | "vega">[]): string {
  const text = JSON.stringify({charts: charts.map(({id, vega}) => ({id, vega}))});
  return text.replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
