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
import {parse, View, Warn, type Runtime, type Spec} from "vega";
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
  return svg.replace(GEOMETRY, (_, name: string, value: string) =>
    ` ${name}="${value.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100))}"`,
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
  /** vega's parse of the spec as laid out, by plot width ("fit": vega's own fit) */
  parsed: Map<number | "fit", ParsedShape | null>;
}

/**
 * A parsed shape, which of its operators ingests the inline values and which hold the parameters
 * (in Shape.params order: the signal's name and operator), and its kept View (keptView).
 */
interface ParsedShape {
  runtime: Runtime;
  operator: number;
  signals: {name: string; operator: number}[];
  /** the name of the data set the values go to */
  dataset: string;
  /** at a plot width: whether a chart was drawn, the View kept (emptied) since, the chart being drawn */
  drawn: boolean;
  view?: View;
  drawing: Promise<unknown>;
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
      const passedOn = variables.every(({name}) => spec.signals?.filter((signal) => signal.name === name && "value" in signal && Array.isArray(signal.value) && signal.value.length === 0).length === 1);
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
 * those were drawn by the View that drew the shape's chart before (keptView).
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
 * shape's View is kept too (keptView); laid out by vega's fit, whose layout starts from the last
 * one's width, a chart gets a View of its own.
 */
const drawer = (warn: ChartWarn, counts: ParseCounts = {parsed: 0, reused: 0}) => async (vega: Spec, {shape, values, params}: Compiled, width: number | "fit"): Promise<string> => {
  const drawAnew = () => (counts.parsed++, svgOf(parse(vega), warn));
  if (shape === undefined) return drawAnew();
  let parsed = shape.parsed.get(width);
  if (parsed === undefined) {
    counts.parsed++;
    const laidOut = width === "fit" ? shape.spec : ({...shape.spec, width, autosize: {type: "pad", contains: "padding"}} as Spec);
    const runtime = parse(laidOut);
    const shapeValues = shape.spec.data![shape.source] as {values: unknown[]; name: string};
    const ingesting = runtime.operators.flatMap((operator, i) => ((operator as {value?: {$ingest?: unknown}}).value?.$ingest === shapeValues.values ? [i] : []));
    const holding = shape.params.map((name) => runtime.operators.flatMap((operator, i) => ((operator as {signal?: string}).signal === name ? [i] : [])));
    parsed =
      ingesting.length === 1 && holding.every((found) => found.length === 1)
        ? {runtime, operator: ingesting[0], signals: holding.map(([i], k) => ({name: shape.params[k], operator: i})), dataset: shapeValues.name, drawn: false, drawing: Promise.resolve()}
        : null;
    if (shape.parsed.size >= MAX_LAYOUTS) shape.parsed.delete(shape.parsed.keys().next().value!);
    shape.parsed.set(width, parsed);
  } else if (parsed !== null) counts.reused++;
  if (parsed === null) return drawAnew();
  const chart: ChartValues = {values: values!, params: params!, description: vega.description};
  if (width === "fit") return svgOf(withValues(parsed, chart), warn);
  const kept = parsed;
  // one chart at a time per View: the renderer may be handed a period's charts at once
  const drawing = kept.drawing.then(() => keptView(kept, chart, warn, counts));
  kept.drawing = drawing.catch(() => {});
  return drawing;
};

/** What a chart puts into its shape: its data values, its parameters' values (Shape.params order), description. */
interface ChartValues {
  values: unknown[];
  params: unknown[];
  description: string | undefined;
}

/** The shape's parse with a chart's values, parameters and description put in. */
function withValues({runtime, operator, signals}: ParsedShape, {values, params, description}: ChartValues): Runtime {
  const operators = runtime.operators.slice();
  const ingest = operators[operator] as {value: object};
  operators[operator] = {...ingest, value: {...ingest.value, $ingest: values}} as (typeof operators)[number];
  signals.forEach(({operator: i}, k) => (operators[i] = {...operators[i], value: params[k]} as (typeof operators)[number]));
  return {...runtime, description, operators} as Runtime;
}

/**
 * Draws a chart with a View kept from its shape's last chart at the same plot width, instead of a
 * new one: making a View and running it the first time is most of drawing a chart. The chart's
 * values go in and vega's dataflow runs again. One thread drew the 1,484 charts of a million-row
 * report in 10.8-11.3 CPU-s instead of 16.1-16.5 (interleaved runs), 8.0-8.4 s instead of 11.7-12.3.
 *
 * A kept View is emptied (its chart's values and parameters taken out, in a run of their own) once
 * its chart is drawn, because what survives a run keeps its place: values replaced in one run drew
 * a top list whose entries were also the last chart's in the last chart's order (vega keeps the
 * aggregate cells and axis labels it has, keyed by value), and grid lines in another order; a
 * legend entry kept its last label's width. Emptied, the View holds only what a chart of no values
 * holds, and draws as a new View does: checked against new Views over the 1,484 charts of a 1M-row
 * report drawn in order, in reverse and shuffled (0 differences), and by test/charts/render.test.ts.
 * Emptied, it also holds little memory while it waits. vega lays a View out once unless asked:
 * `resize()` asks, so the padding follows each chart's axes. The chart's parameters (Shape.params)
 * are set as signals before it runs. A shape's first chart at a width gets a View it does not keep,
 * as a shape drawn once (e.g. a donut with more legend rows than the others, so another height)
 * would only pay for the emptying; a View that failed is dropped.
 */
async function keptView(parsed: ParsedShape, chart: ChartValues, warn: ChartWarn, counts: ParseCounts): Promise<string> {
  if (!parsed.drawn) {
    parsed.drawn = true;
    return svgOf(withValues(parsed, chart), warn);
  }
  let view = parsed.view;
  parsed.view = undefined; // until it is emptied again
  if (view === undefined) view = headlessView(withValues(parsed, chart), warn);
  else {
    counts.viewsKept = (counts.viewsKept ?? 0) + 1;
    parsed.signals.forEach(({name}, k) => view!.signal(name, chart.params[k]));
    view.data(parsed.dataset, chart.values).description(chart.description ?? "").resize();
  }
  const svg = await svgDrawnBy(view);
  // its parameters emptied too, as the shape holds them: with the last chart's legend entries left
  // in, a next legend of as many entries kept them in place with their old labels' width
  parsed.signals.forEach(({name}) => view!.signal(name, []));
  await view.data(parsed.dataset, []).runAsync();
  parsed.view = view;
  return svg;
}

/** The SVG of a parsed spec, drawn by vega's headless View, geometry rounded, with a viewBox. */
async function svgOf(runtime: Runtime, warn: ChartWarn): Promise<string> {
  const view = headlessView(runtime, warn);
  try {
    return await svgDrawnBy(view);
  } finally {
    view.finalize();
  }
}

/** vega's View of a parsed spec, drawing nowhere (SVG on demand), its warnings to `warn`. */
const headlessView = (runtime: Runtime, warn: ChartWarn): View => new View(runtime, {renderer: "none", logger: logger(warn) as never});

/** The View's SVG, geometry rounded, with a viewBox. */
const svgDrawnBy = async (view: View): Promise<string> => withViewBox(roundGeometry(await view.toSVG()));

const svgWidth = (svg: string): number => Number(/^<svg\b[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1]);

/**
 * Renders one chart to SVG in Node (no DOM, estimated text widths), ignoring warnings
 * (an empty period warns about empty extents). One argument: safe to pass to `Array#map`.
 */
export const renderChart: (spec: ChartSpec) => Promise<RenderedChart> = chartRenderer(ignore);
