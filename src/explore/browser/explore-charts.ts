/**
 * Runs in the page: the explorer's sections, one per chart of a period page, built by the same
 * chart builders (charts/registry.ts) from the selection's indicators, compiled by vega-lite and
 * drawn live by vega with vega-interpreter (no eval: the page's CSP), with the legend buttons of
 * the period pages. A click on a user, dataset or page (a bar, or its cell in "Show data") filters
 * the explorer to it (`drill`). Text goes in with textContent only, in the page's language (`m`).
 */
import * as vega from "vega";
import {parse, View, type Spec} from "vega";
import {compile} from "vega-lite";
import {expressionInterpreter} from "vega-interpreter";
import {chartSpecs} from "../../charts/registry.js";
import {labelMap} from "../../charts/labels.js";
import type {ActionPalette, ChartSpec} from "../../charts/types.js";
import {formatCell} from "../../site/figures.js";
import {hasActionPick, legendButtons, withoutLegend} from "../../charts/browser/legend-buttons.js";
import type {PeriodIndicators} from "../../indicators/types.js";
import type {Messages} from "../../i18n/en.js";
import type {FilterName} from "./selection.js";

const {textMetrics} = vega as unknown as {textMetrics: {canvas(useCanvas: boolean): void}};
textMetrics.canvas(false); // vega's estimate, as at build time: the same layout as the baked charts

/** Which filter a chart's entries drill into, and the ids behind its labels. */
const DRILLS: Record<string, {filter: DrillFilter; ids: (figures: PeriodIndicators) => string[]}> = {
  "top-users": {filter: "user", ids: (f) => f.topUsers.map((entry) => entry.user_id)},
  "top-datasets": {filter: "dataset", ids: (f) => f.topDatasets.map((entry) => entry.dataset_id)},
  "top-pages": {filter: "page", ids: (f) => f.topPages.map((entry) => entry.page_id)},
  "actions-by-user": {filter: "user", ids: (f) => f.actionsByUser.map((entry) => entry.user_id)},
};

export type Drill = (filter: FilterName, value: string) => void;

/** The filters a click on a value sets. */
export type DrillFilter = "user" | "dataset" | "page";

const element = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

/** A button that filters to `value` (shown as its text), its title in the language of `m`. */
export function drillButton(filter: DrillFilter, value: string, drill: Drill, m: Messages): HTMLButtonElement {
  const button = element("button", {type: "button", className: "explore-drill", textContent: value});
  button.title = m.explore.filterTo[filter](value);
  button.addEventListener("click", () => drill(filter, value));
  return button;
}

/** "Show data": the chart's table, its first cell a drill button on the charts of users, datasets, pages. */
function dataTable(chart: ChartSpec, drill: Drill, m: Messages): HTMLElement {
  const details = element("details", {className: "chart-data", id: `data-${chart.id}`}, element("summary", {textContent: m.page.showData}));
  const target = DRILLS[chart.id];
  const head = element("tr", {}, ...chart.table.columns.map((column) => element("th", {scope: "col", textContent: column})));
  const body = element("tbody");
  for (const row of chart.table.rows) {
    body.append(
      element(
        "tr",
        {},
        ...row.map((cell, i) => {
          const td = element("td", {className: typeof cell === "number" ? "num" : ""});
          if (i === 0 && target && typeof cell === "string") td.append(drillButton(target.filter, cell, drill, m));
          else td.textContent = formatCell(cell, m);
          return td;
        }),
      ),
    );
  }
  const scroll = element(
    "div",
    {className: "table-scroll", tabIndex: 0},
    element(
      "table",
      {},
      element("caption", {className: "visually-hidden", textContent: `${chart.title}${m.page.dataSuffix}`}),
      element("thead", {}, head),
      body,
    ),
  );
  scroll.setAttribute("role", "region");
  scroll.setAttribute("aria-label", `${chart.title}${m.page.dataSuffix}`);
  details.append(scroll);
  return details;
}

/** Draws one chart live into `figure`; bars of users, datasets or pages drill on click. */
async function drawChart(figure: HTMLElement, chart: ChartSpec, figures: PeriodIndicators, drill: Drill, m: Messages): Promise<void> {
  const spec = compile(chart.vegaLite).spec as Spec;
  const wrapper = element("div", {className: "chart-svg", tabIndex: 0});
  wrapper.setAttribute("role", "img");
  wrapper.setAttribute("aria-labelledby", `indicator-${chart.id}-title`);
  wrapper.setAttribute("aria-describedby", `chart-${chart.id}-summary`);
  const container = element("div", {className: "chart-live"});
  wrapper.append(container);
  figure.prepend(wrapper);
  const picking = hasActionPick(spec);
  const view = new View(parse(picking ? withoutLegend(spec) : spec, undefined, {ast: true}), {
    expr: expressionInterpreter,
    renderer: "svg",
    container,
    hover: true,
  });
  const target = DRILLS[chart.id];
  if (target) {
    const idOf = new Map([...labelMap(target.ids(figures), m)].map(([id, label]) => [label, id]));
    view.addEventListener("click", (_event, item) => {
      const datum = (item as {datum?: Record<string, unknown>} | null)?.datum;
      const label = datum?.entry ?? datum?.user;
      const id = typeof label === "string" ? idOf.get(label) : undefined;
      if (id !== undefined) drill(target.filter, id);
    });
  }
  await view.runAsync();
  if (picking) legendButtons(figure, wrapper, view, spec);
  figure.dataset.live = "true";
}

/** Replaces `root`'s sections with the charts of `figures` in the language of `m` (`palette` too); resolves once every chart is drawn. */
export async function renderCharts(root: HTMLElement, figures: PeriodIndicators, palette: ActionPalette, drill: Drill, m: Messages): Promise<void> {
  root.replaceChildren();
  if (figures.totals.actions === 0) {
    root.append(element("p", {className: "empty-period", id: "empty-period", textContent: m.explore.noActivity}));
    return;
  }
  const drawing: Promise<void>[] = [];
  for (const chart of chartSpecs(figures, palette, m)) {
    const title = element("h2", {id: `indicator-${chart.id}-title`, textContent: chart.title});
    const figure = element(
      "figure",
      {className: "chart", id: `chart-${chart.id}`},
      element("figcaption", {className: "chart-summary", id: `chart-${chart.id}-summary`, textContent: chart.summary}),
    );
    figure.dataset.chart = chart.id;
    const section = element(
      "section",
      {className: "indicator", id: `indicator-${chart.id}`},
      title,
      element("p", {className: "indicator-description", textContent: chart.description}),
      figure,
      dataTable(chart, drill, m),
    );
    section.setAttribute("aria-labelledby", title.id);
    root.append(section);
    // a chart of nothing (a top list of no page) would be an unnamed empty graphic: its summary says it
    if (chart.table.rows.length === 0) continue;
    drawing.push(
      drawChart(figure, chart, figures, drill, m).catch((error: unknown) => {
        figure.dataset.live = "failed";
        console.warn(`chart "${chart.id}":`, error);
      }),
    );
  }
  await Promise.all(drawing);
}
