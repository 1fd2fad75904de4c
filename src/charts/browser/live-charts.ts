/**
 * Runs in the page (bundled by bundle.ts with vega and vega-interpreter into one local script).
 * For each `<figure data-chart="ID">` holding a baked SVG (a direct child `<svg>`, or the `<svg>` of
 * a direct child `.chart-svg` wrapper, which stays with its role and aria-* attributes), it loads
 * the compiled Vega spec of that chart and swaps the SVG for a live vega View (legend filtering,
 * hover, tooltips) in a `<div class="chart-live">` at the SVG's place (vega sets that div's role).
 * Specs come from, in order: `data-chart="other/charts.json#ID"`;
 * `<script type="application/json" id="chart-specs">` (works from file://); the URL in the nearest
 * `data-charts-json` attribute; `charts.json` next to the page.
 * Expressions run through vega-interpreter, never eval or `new Function`, so the page works under
 * `script-src 'self'`. Tooltips are vega's default: the text of a `title` attribute, no HTML.
 * The live view is laid out again at its box's width (up to LIVE_MAX_WIDTH, which site.css
 * scales up on wider boxes, as it scales the baked SVG), and again whenever that width changes
 * (a phone turned, a window resized): the baked SVG is a phone's width (chart-base.ts), and the
 * charts are made to read at any width. Text widths are the canvas' measure of the page's font
 * (Node has only vega's estimate, wider than the real text): a bar's label is cut only where the
 * real text reaches past the plot. A chart whose
 * actions can be picked goes live without vega's legend: legend-buttons.ts puts an HTML one, of
 * buttons, below it, which wraps as the page's text does.
 * If anything fails, the baked SVG stays and the error goes to the console.
 * It does not render anything on its own: without a spec, a figure keeps its SVG.
 */
import {parse, View, type Spec} from "vega";
import {expressionInterpreter} from "vega-interpreter";
import {hasActionPick, legendButtons, withoutLegend} from "./legend-buttons.js";

/** id of the optional JSON block holding `{"charts": [{"id", "vega"}]}` */
const EMBEDDED_ID = "chart-specs";

const DEFAULT_SOURCE = "charts.json";

/**
 * widest layout of a live chart, in px: a wider box shows it scaled up (site.css), so that its
 * text grows with the page's rather than a 1,000 px plot getting 11 px labels
 */
const LIVE_MAX_WIDTH = 720;

type ChartSource = Map<string, Spec>;

const sources = new Map<string, Promise<ChartSource>>();

function toSource(json: unknown): ChartSource {
  const charts = (json as {charts?: unknown})?.charts;
  if (!Array.isArray(charts)) throw new Error("expected {charts: [{id, vega}]}");
  return new Map(charts.map((chart: {id: string; vega: Spec}) => [String(chart.id), chart.vega]));
}

function loadSource(url: string): Promise<ChartSource> {
  let source = sources.get(url);
  if (!source) {
    source = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response.json().then(toSource);
    });
    sources.set(url, source);
  }
  return source;
}

/** The specs a `data-chart` value points to, and the chart's id in them. */
function resolve(figure: HTMLElement): {id: string; source: Promise<ChartSource>} {
  const reference = figure.dataset.chart ?? "";
  const hash = reference.lastIndexOf("#");
  if (hash >= 0) {
    const url = new URL(reference.slice(0, hash), document.baseURI).href;
    return {id: reference.slice(hash + 1), source: loadSource(url)};
  }
  const embedded = document.getElementById(EMBEDDED_ID);
  if (embedded) {
    if (!sources.has(`#${EMBEDDED_ID}`)) {
      sources.set(
        `#${EMBEDDED_ID}`,
        Promise.resolve().then(() => toSource(JSON.parse(embedded.textContent ?? ""))),
      );
    }
    return {id: reference, source: sources.get(`#${EMBEDDED_ID}`) as Promise<ChartSource>};
  }
  const url = figure.closest<HTMLElement>("[data-charts-json]")?.dataset.chartsJson || DEFAULT_SOURCE;
  return {id: reference, source: loadSource(new URL(url, document.baseURI).href)};
}

/** The width a live chart gets in `box`: the box's, up to LIVE_MAX_WIDTH (a hidden box: the latter). */
function layoutWidth(box: Element): number {
  const width = Math.floor(box.getBoundingClientRect().width);
  return width > 0 ? Math.min(width, LIVE_MAX_WIDTH) : LIVE_MAX_WIDTH;
}

/**
 * The spec laid out `width` px wide as a whole: vega fits the plot to what the axes and legends
 * leave (the spec in charts.json may have been laid out at a guessed plot width, render.ts).
 */
const laidOutAt = (spec: Spec, width: number): Spec => ({...spec, width, autosize: {type: "fit-x", contains: "padding"}});

/** Lays `view` (laid out `width` px wide) out again whenever the width `box` gives it changes. */
function followWidth(view: View, box: Element, width: number): void {
  if (typeof ResizeObserver === "undefined") return;
  let pending: Promise<unknown> = Promise.resolve();
  new ResizeObserver(() => {
    const wanted = layoutWidth(box);
    if (wanted === width) return;
    width = wanted;
    // one layout at a time, in the order the box changed
    pending = pending.then(() => view.width(wanted).runAsync()).catch((error: unknown) => console.warn("chart: cannot resize:", error));
  }).observe(box);
}

/** Replaces one figure's baked SVG with a live view; resolves to the view, or null if none. */
export async function liveChart(figure: HTMLElement): Promise<View | null> {
  const {id, source} = resolve(figure);
  const spec = (await source).get(id);
  if (!spec) return null;
  const baked = figure.querySelector(":scope > svg, :scope > .chart-svg > svg");
  const container = document.createElement("div");
  container.className = "chart-live";
  container.hidden = true;
  if (baked) baked.before(container);
  else figure.prepend(container);
  try {
    const picking = hasActionPick(spec);
    const width = layoutWidth(figure);
    const view = new View(parse(laidOutAt(picking ? withoutLegend(spec) : spec, width), undefined, {ast: true}), {
      expr: expressionInterpreter,
      renderer: "svg",
      container,
      hover: true,
    });
    await view.runAsync();
    baked?.remove();
    container.hidden = false;
    followWidth(view, figure, width);
    // after the chart's role="img" wrapper, whose content screen readers do not enter
    if (picking) legendButtons(figure, container.closest(".chart-svg") ?? container, view, spec);
    figure.dataset.live = "true";
    return view;
  } catch (error) {
    container.remove();
    throw error;
  }
}

/** Makes every `figure[data-chart]` of the page live; failures leave the baked SVG. */
export async function liveCharts(root: ParentNode = document): Promise<void> {
  const figures = Array.from(root.querySelectorAll<HTMLElement>("figure[data-chart]"));
  await Promise.all(
    figures.map((figure) =>
      liveChart(figure).catch((error: unknown) => {
        figure.dataset.live = "failed";
        console.warn(`chart "${figure.dataset.chart}": keeping the static image:`, error);
      }),
    ),
  );
  document.documentElement.dataset.chartsReady = "true";
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => void liveCharts());
  else void liveCharts();
}
