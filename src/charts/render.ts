/**
 * Compiles a chart's Vega-Lite spec to Vega and bakes it to SVG with vega's headless View. Also
 * serialises the compiled specs for the live view. It does not write files: the site stage stores
 * the SVG and charts.json.
 *
 * Expressions run as vega's generated code here, at build time, where no CSP applies; the browser
 * runs the same specs through vega-interpreter (browser/live-charts.ts). The two draw the same SVG
 * (test/charts/render.test.ts compares them, hostile strings included). Generated code ran the
 * views 30-50 % faster (profiled by chart type); with the parses reused too (drawer), the 1,484
 * charts of a million-row report took 21.5 CPU-s in one thread instead of 27.3-27.9. The
 * expressions are vega-lite's and ours: a string from the log reaches one only as a JSON string
 * literal (the top lists' sort orders; tested), else as data values and descriptions.
 */
import {compile, type TopLevelSpec} from "vega-lite";
import {parse, Warn, type Spec} from "vega";
import {ReportError} from "../errors.js";
import type {ChartSpec, RenderedChart} from "./types.js";
import {plotWidthGuess} from "./plot-width.js";
import {CHART_WIDTH} from "./chart-base.js";
import {drawParsed, drawReused, reusableParse, type ReusableParse} from "./view-reuse.js";

/** Receives the warnings of vega-lite and vega (defaults to ignoring them). */
export type ChartWarn = (message: string) => void;

const ignore: ChartWarn = () => {};

function logger(warn: ChartWarn) {
  let level = Warn;
  const self = {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- vega's logger interface: a getter (number) and a chained setter (the logger)
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
  return svg.replace(
    GEOMETRY,
    (_, name: string, value: string) => ` ${name}="${value.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100))}"`,
  );
}

/** Compiled specs a renderer keeps, by shape (the least recently used dropped first). */
const MAX_SHAPES = 64;
/** Parses a shape keeps, by plot width (a shape has one or two widths over a million-row report). */
const MAX_LAYOUTS = 4;
/** The description a shape is compiled with, replaced by each chart's own. */
const SHAPE_DESCRIPTION = "-";

/**
 * A compiled shape: its Vega spec (values [], list parameters []), the data entry that holds the
 * values, the names of the parameters whose values each chart puts in, its parsed forms.
 */
interface Shape {
  spec: Spec;
  source: number;
  params: string[];
  /** vega's parse of the spec as laid out, by plot width ("fit": vega's own fit), reusable (view-reuse.ts) */
  parsed: Map<number | "fit", ReusableParse | null>;
}

/**
 * A chart's compiled spec and, when it was made from a shape, the shape, the chart's values and its
 * parameters' values (in Shape.params order).
 */
interface Compiled {
  spec: Spec;
  shape?: Shape;
  values?: unknown[];
  params?: unknown[];
}

/**
 * A top-level parameter that only holds a list (no selection, no binding), e.g. the donut's legend
 * entries: a signal vega-lite passes on as is, which a shape holds empty ([]).
 */
type Variable = {name: string; value: unknown[]};
const isVariable = (param: object): param is Variable =>
  Object.keys(param).every((key) => key === "name" || key === "value") && Array.isArray((param as {value?: unknown}).value);

/**
 * Remembers compiled specs by shape: the Vega-Lite spec without its data values, its description
 * and the values of its top-level variables (parameters that only hold a list, e.g. the donut's
 * legend entries). Many charts differ from an earlier one by those alone (the top-10 bar charts of
 * one period and of the next), and vega-lite looks at none of them: it passes a variable on as a
 * signal with its value. Such a chart gets the remembered spec with its own values, description and
 * signal values put in, JSON-equal to compiling it afresh (checked over the 1,484 charts of a 1M-row
 * report, and by test/charts/render.test.ts). The 1,484 charts of a 1M-row report take 24 parses
 * (235 while every donut's legend entries were literals in its spec). The remembered specs are
 * shared: vega only reads them. A spec with no inline values or no description is compiled as is.
 */
function shapeCache(warn: ChartWarn): (vegaLite: TopLevelSpec) => Compiled {
  const shapes = new Map<string, Shape>();
  return (vegaLite) => {
    const {data, description, params: topParams} = vegaLite as {data?: {values?: unknown}; description?: unknown; params?: object[]};
    const values = data?.values;
    if (!Array.isArray(values) || typeof description !== "string" || Object.keys(data!).length !== 1) return {spec: compileChart(vegaLite, warn)};
    const variables = (topParams ?? []).filter(isVariable);
    const shapeSpec = {
      ...vegaLite,
      data: {values: []},
      description: SHAPE_DESCRIPTION,
      ...(topParams && {params: topParams.map((param) => (isVariable(param) ? {...param, value: []} : param))}),
    } as TopLevelSpec;
    const key = JSON.stringify(shapeSpec);
    let shape = shapes.get(key);
    if (shape !== undefined) {
      // most recently used last: the top lists' few shapes stay while each period brings new ones
      shapes.delete(key);
      shapes.set(key, shape);
    } else {
      const spec = compileChart(shapeSpec, warn);
      const sources = (spec.data ?? []).flatMap((entry, i) => ("values" in entry ? [i] : []));
      // each variable a top-level signal with its (empty) value
      const passedOn = variables.every(
        ({name}) =>
          spec.signals?.filter((signal) => signal.name === name && "value" in signal && Array.isArray(signal.value) && signal.value.length === 0).length === 1,
      );
      // the inline values become one data entry; anything else is compiled chart by chart
      if (sources.length !== 1 || spec.description !== SHAPE_DESCRIPTION || !passedOn) return {spec: compileChart(vegaLite, warn)};
      shape = {spec, source: sources[0], params: variables.map(({name}) => name), parsed: new Map()};
      if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value!);
      shapes.set(key, shape);
    }
    const {spec, source} = shape;
    const params = variables.map(({value}) => value);
    const withData = {...spec, description, data: spec.data!.map((entry, i) => (i === source ? {...entry, values} : entry))} as Spec;
    if (variables.length === 0) return {spec: withData, shape, values, params};
    const valueOf = new Map(variables.map(({name, value}) => [name, value]));
    const signals = spec.signals!.map((signal) => (valueOf.has(signal.name) ? {...signal, value: valueOf.get(signal.name)} : signal));
    return {spec: {...withData, signals} as Spec, shape, values, params};
  };
}

/** compileChart, remembering compiled specs by shape (see shapeCache). */
export function shapeCompiler(warn: ChartWarn = ignore): (vegaLite: TopLevelSpec) => Spec {
  const compileShape = shapeCache(warn);
  return (vegaLite) => compileShape(vegaLite).spec;
}

/**
 * A chart renderer that hands vega-lite's and vega's warnings to `warn` (e.g. for tests or a
 * verbose build). Warnings do not stop a render; errors throw a ReportError naming the chart.
 * A warning of vega-lite's is given once per shape (see shapeCache).
 */
export function chartRenderer(warn: ChartWarn, counts?: ParseCounts): (spec: ChartSpec) => Promise<RenderedChart> {
  const compileShape = shapeCache(warn);
  const draw = drawer(warn, counts);
  return async (spec) => {
    try {
      const compiled = compileShape(spec.vegaLite);
      const fitted = compiled.spec;
      // laid out once at the guessed plot width; kept when the whole is CHART_WIDTH wide, as a
      // fitted chart would be, else laid out by vega's own fit (two passes)
      const width = plotWidthGuess(spec.vegaLite);
      if (width !== undefined) {
        const padded = {...fitted, width, autosize: {type: "pad", contains: "padding"}} as Spec;
        const svg = await draw(padded, compiled, width);
        if (svgWidth(svg) === CHART_WIDTH) return {...spec, vega: padded, svg};
      }
      return {...spec, vega: fitted, svg: await draw(fitted, compiled, "fit")};
    } catch (cause) {
      throw new ReportError(`chart "${spec.id}": cannot render: ${(cause as Error).message}`, {code: "chart", cause});
    }
  };
}

/**
 * How many specs a renderer parsed, how many charts took a shape's parse instead, and how many of
 * those were drawn by the View that drew the shape's chart before (view-reuse.ts drawReused).
 */
export interface ParseCounts {
  parsed: number;
  reused: number;
  viewsKept?: number;
}

/**
 * Draws `vega` (the chart's compiled spec as laid out at `width`) to SVG. A chart made from a shape
 * gets the shape's parse, laid out the same, with its own values and description put in: parsing
 * is a fifth of drawing a chart, and depends on neither (vega-parser hands the values to one
 * operator, `$ingest`, and the description to the view). The remembered parse is shared: vega's
 * View only reads it. Checked as the shapes are, by SVG digest and by test. At a plot width, the
 * shape's View is kept too (view-reuse.ts drawReused); laid out by vega's fit, whose layout starts
 * from the last one's width, a chart gets a View of its own. Every use of vega's internals is in
 * view-reuse.ts.
 */
const drawer =
  (warn: ChartWarn, counts: ParseCounts = {parsed: 0, reused: 0}) =>
  async (vega: Spec, {shape, values, params}: Compiled, width: number | "fit"): Promise<string> => {
    const log = logger(warn) as never;
    const drawAnew = () => (counts.parsed++, drawParsed(parse(vega), log).then(finishSvg));
    if (shape === undefined) return drawAnew();
    let parsed = shape.parsed.get(width);
    if (parsed === undefined) {
      counts.parsed++;
      const laidOut = width === "fit" ? shape.spec : ({...shape.spec, width, autosize: {type: "pad", contains: "padding"}} as Spec);
      parsed = reusableParse(laidOut, shape.spec.data![shape.source] as {values: unknown[]; name: string}, shape.params);
      if (shape.parsed.size >= MAX_LAYOUTS) shape.parsed.delete(shape.parsed.keys().next().value!);
      shape.parsed.set(width, parsed);
    } else if (parsed !== null) counts.reused++;
    if (parsed === null) return drawAnew();
    return finishSvg(await drawReused(parsed, {values: values!, params: params!, description: vega.description}, width !== "fit", log, counts));
  };

/** An SVG as vega's View wrote it, geometry rounded, with a viewBox. */
const finishSvg = (svg: string): string => withViewBox(roundGeometry(svg));

const svgWidth = (svg: string): number => Number(/^<svg\b[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1]);

/**
 * Renders one chart to SVG in Node (no DOM, estimated text widths), ignoring warnings
 * (an empty period warns about empty extents). One argument: safe to pass to `Array#map`.
 */
export const renderChart: (spec: ChartSpec) => Promise<RenderedChart> = chartRenderer(ignore);
