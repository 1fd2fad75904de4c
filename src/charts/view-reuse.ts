/**
 * The one place that reaches into vega's internals, to draw many charts of one shape cheaply: it
 * reuses a parse (vega's runtime description, `parse(spec)`) with each chart's values put into the
 * operator that ingests them (`$ingest`) and its list parameters into their signal operators, and
 * reuses a View, emptied between charts. Everything here must draw what a plain
 * `new View(parse(spec)).toSVG()` draws for the chart's own spec: test/charts/view-reuse.test.ts
 * checks it for every chart of a month page, in order and again. It does not compile Vega-Lite nor
 * touch the SVG vega writes (render.ts does both).
 */
import {parse, View, type Runtime, type Spec, type ViewOptions} from "vega";

/** What vega's View logs to (render.ts logger). */
export type ViewLogger = NonNullable<ViewOptions["logger"]>;

/**
 * A parse of a shape (a spec whose inline values and list parameters are empty), which of its
 * operators ingests the inline values and which hold the parameters, and its kept View (drawKept).
 */
export interface ReusableParse {
  runtime: Runtime;
  operator: number;
  signals: {name: string; operator: number}[];
  /** the name of the data set the values go to */
  dataset: string;
  /** whether a chart was drawn, the View kept (emptied) since, the chart being drawn */
  drawn: boolean;
  view?: View;
  drawing: Promise<unknown>;
}

/** What a chart puts into its shape: its data values, its parameters' values (in `params` order), description. */
export interface ChartValues {
  values: unknown[];
  params: unknown[];
  description: string | undefined;
}

/** How many Views were kept and drawn again (drawReused). */
export interface ReuseCounts {
  viewsKept?: number;
}

/**
 * Parses `spec` once for many charts: its data entry `values` (the very array in the spec, empty)
 * is ingested by one operator, and each of `params` is held by one signal operator. Null when vega
 * parsed it otherwise: then each chart is parsed on its own.
 */
export function reusableParse(spec: Spec, values: {name: string; values: unknown[]}, params: readonly string[]): ReusableParse | null {
  const runtime = parse(spec);
  const ingesting = runtime.operators.flatMap((operator, i) => ((operator as {value?: {$ingest?: unknown}}).value?.$ingest === values.values ? [i] : []));
  const holding = params.map((name) => runtime.operators.flatMap((operator, i) => ((operator as {signal?: string}).signal === name ? [i] : [])));
  if (ingesting.length !== 1 || !holding.every((found) => found.length === 1)) return null;
  return {
    runtime,
    operator: ingesting[0],
    signals: holding.map(([i], k) => ({name: params[k], operator: i})),
    dataset: values.name,
    drawn: false,
    drawing: Promise.resolve(),
  };
}

/** The parse with a chart's values, parameters and description put in. */
function withValues({runtime, operator, signals}: ReusableParse, {values, params, description}: ChartValues): Runtime {
  const operators = runtime.operators.slice();
  const ingest = operators[operator] as {value: object};
  operators[operator] = {...ingest, value: {...ingest.value, $ingest: values}} as (typeof operators)[number];
  signals.forEach(({operator: i}, k) => (operators[i] = {...operators[i], value: params[k]} as (typeof operators)[number]));
  return {...runtime, description, operators} as Runtime;
}

/**
 * Draws a chart from a reusable parse: with `keepView`, by the View kept from the parse's last
 * chart (drawKept), one chart at a time per View; else by a new View of the parse with the chart's
 * values (a layout that depends on the last one, such as vega's fit, needs a View of its own).
 */
export function drawReused(parsed: ReusableParse, chart: ChartValues, keepView: boolean, logger: ViewLogger, counts: ReuseCounts = {}): Promise<string> {
  if (!keepView) return drawParsed(withValues(parsed, chart), logger);
  // one chart at a time per View: the renderer may be handed a period's charts at once
  const drawing = parsed.drawing.then(() => drawKept(parsed, chart, logger, counts));
  parsed.drawing = drawing.catch(() => {});
  return drawing;
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
 * `resize()` asks, so the padding follows each chart's axes. The chart's parameters are set as
 * signals before it runs. A shape's first chart at a width gets a View it does not keep, as a
 * shape drawn once (e.g. a donut with more legend rows than the others, so another height) would
 * only pay for the emptying; a View that failed is dropped.
 */
async function drawKept(parsed: ReusableParse, chart: ChartValues, logger: ViewLogger, counts: ReuseCounts): Promise<string> {
  if (!parsed.drawn) {
    parsed.drawn = true;
    return drawParsed(withValues(parsed, chart), logger);
  }
  let view = parsed.view;
  parsed.view = undefined; // until it is emptied again
  if (view === undefined) view = headlessView(withValues(parsed, chart), logger);
  else {
    counts.viewsKept = (counts.viewsKept ?? 0) + 1;
    parsed.signals.forEach(({name}, k) => view!.signal(name, chart.params[k]));
    view
      .data(parsed.dataset, chart.values)
      .description(chart.description ?? "")
      .resize();
  }
  const svg = await view.toSVG();
  // its parameters emptied too, as the shape holds them: with the last chart's legend entries left
  // in, a next legend of as many entries kept them in place with their old labels' width
  parsed.signals.forEach(({name}) => view!.signal(name, []));
  await view.data(parsed.dataset, []).runAsync();
  parsed.view = view;
  return svg;
}

/** The SVG of a parsed spec, drawn by a new headless View. */
export async function drawParsed(runtime: Runtime, logger: ViewLogger): Promise<string> {
  const view = headlessView(runtime, logger);
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** vega's View of a parsed spec, drawing nowhere (SVG on demand). */
const headlessView = (runtime: Runtime, logger: ViewLogger): View => new View(runtime, {renderer: "none", logger});
