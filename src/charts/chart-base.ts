/**
 * What every chart shares: its baked size, its look (config), the action colour encoding with a
 * legend that never cuts a label, the labels of horizontal bar charts, bucket labels for time
 * axes, and the top-level spec wrapper.
 * Every chart is baked CHART_WIDTH px wide as a whole (vega-lite's autosize "fit-x" sizes the plot
 * to what its axes and legend leave): a phone's width, so that the SVG a page shows without
 * JavaScript, and the email's image, keep their text readable on a phone (CSS scales the SVG
 * through its viewBox: down to a 320 px screen, up to 1.5 times on a wide one). The live view
 * lays the same spec out again at its box's width (browser/live-charts.ts), so a chart
 * must read at any width: legends below the plot in columns, bar labels above their bar.
 * Text widths are vega's estimate in Node (0.8 x font size per character, wider than the real
 * text, so what fits the estimate fits the page) and the canvas' measure in the browser.
 * It does not build any chart on its own.
 */
import type {TopLevelSpec} from "vega-lite";
import type {BucketUnit} from "../periods/types.js";
import {formatDayMonth, formatMonthYear} from "../site/period-labels.js";
import type {ActionPalette} from "./types.js";
import {en, type Messages} from "../i18n/en.js";

/**
 * width of every baked chart's SVG in px, axes, legend and padding included: a 360 px phone's
 * card (about 300 px) shows 11 px text at about 9 px
 */
export const CHART_WIDTH = 360;

/** room the legend of a chart may take: the SVG less its y axis and padding */
const LEGEND_WIDTH = CHART_WIDTH - 80;

/** Colour of single-series marks (users, actions by user): not an action colour; 3:1 on both themes. */
export const NEUTRAL_COLOR = "#547493";
/** colour of the "others (N users)" bar, a grey that still reads on both themes */
export const OTHERS_COLOR = "#8c8c8c";

/** font size of user, dataset and page ids above the bars of horizontal bar charts */
const BAR_LABEL_FONT_SIZE = 11;

/** height of one bar of a horizontal bar chart: its label above it, the bar, a gap */
export const BAR_STEP = 34;

/** name of the labels' layer: its marks are `<g class="mark-text role-mark bar_labels_marks">`, which site.css colours */
export const BAR_LABELS = "bar_labels";

/** thickness of a bar, below its label */
const BAR_SIZE = 12;

/**
 * The layers of a horizontal bar chart whose bars are ids (`field`, on a y scale of BAR_STEP px
 * bands): each bar with its id above it, from the plot's left edge, so that a label has the whole
 * plot width, whatever the chart's width, and the bars all of it too. A label longer than the plot
 * ends in "…"; the tooltip and the data table keep the whole id. `bar` is the bars' layer (its
 * mark is made a BAR_SIZE px bar in the lower half of its band); the labels' layer draws each id
 * once, stacked bars or not.
 */
export function labelledBars(field: string, bar: {mark: Record<string, unknown>} & Record<string, unknown>) {
  return [
    {...bar, mark: {...bar.mark, type: "bar", size: BAR_SIZE, yOffset: BAR_SIZE / 2}},
    {
      name: BAR_LABELS,
      transform: [{aggregate: [{op: "count", as: "parts"}], groupby: [field]}],
      mark: {type: "text", align: "left", baseline: "bottom", dy: -2, fontSize: BAR_LABEL_FONT_SIZE, limit: {expr: "width"}, aria: false},
      encoding: {x: {value: 0}, text: {field, type: "nominal"}},
    },
  ];
}

/** The y encoding of a labelled bar chart: one band per id, in the data's order, no axis (the labels are marks). */
export const barBands = (field: string) => ({field, type: "nominal", sort: null, title: null, axis: null, scale: {paddingInner: 0, paddingOuter: 0}}) as const;

const LEGEND_FONT_SIZE = 11;

/**
 * Legend columns sized from vega's text estimate, 0.8 x font size per character
 * (vega-scenegraph's estimateWidth), so that the legend fits in the chart's width.
 */
export function legendColumns(labels: string[]): number {
  const longest = Math.max(1, ...labels.map((label) => label.length));
  const entryWidth = Math.ceil(0.8 * LEGEND_FONT_SIZE * longest) + 16 + 12; // symbol + gap + padding
  return Math.max(1, Math.min(labels.length, Math.floor(LEGEND_WIDTH / entryWidth)));
}

/** The legend every action colour scale gets: below the chart, in columns, labels never cut. */
export function actionLegend(labels: string[], orient: "bottom" | "right" = "bottom") {
  return {
    title: null,
    orient,
    direction: orient === "bottom" ? "horizontal" : "vertical",
    columns: orient === "bottom" ? legendColumns(labels) : 1,
    labelLimit: 0,
    labelFontSize: LEGEND_FONT_SIZE,
    symbolType: "circle",
  } as const;
}

/**
 * The colour encoding of a chart whose marks are actions, on the data field "action" holding
 * `palette.label(action)`: domain = the chart's actions (in the order given), range = their colours.
 */
export function actionColor(actions: string[], palette: ActionPalette, m: Messages = en) {
  const labels = actions.map((action) => palette.label(action));
  return {
    field: "action",
    type: "nominal",
    title: m.charts.action,
    scale: {domain: labels, range: actions.map((action) => palette.color(action))},
    legend: actionLegend(labels),
  } as const;
}

/** name of the selection parameter bound to the action legend */
export const ACTION_SELECTION = "actionPick";

/**
 * A point selection on "action" bound to the legend: click an entry to pick that action,
 * shift-click to add one, click elsewhere (or double-click) to pick none, i.e. show all.
 */
export const legendSelection = () => ({name: ACTION_SELECTION, select: {type: "point", fields: ["action"]}, bind: "legend"}) as const;

/** Opacity 1 for marks of picked actions (or when none is picked), `hidden` for the others. */
export const selectedOpacity = (hidden: number) => ({condition: {param: ACTION_SELECTION, value: 1}, value: hidden});

/** The actions a list of `byAction`-like records mentions, in the palette's (stable) order. */
export function actionsIn(palette: ActionPalette, present: Iterable<string>): string[] {
  const seen = new Set(present);
  const known = palette.actions.filter((action) => seen.has(action));
  const unknown = [...seen].filter((action) => !palette.actions.includes(action)).sort();
  return [...known, ...unknown];
}

/**
 * Axis text of a bucket key, the way the pages write dates (period-labels.ts): "2025-03-04" ->
 * "4 Mar", "2025-03" -> "Mar 2025"; week keys are kept ("2025-W09"). Sentences about a bucket use
 * it too ("Busiest day: 4 Mar").
 */
export function bucketLabel(key: string, unit: BucketUnit, m: Messages = en): string {
  if (unit === "day") return formatDayMonth(key, m);
  if (unit === "month") return formatMonthYear(key, m);
  return key;
}

/** e.g. "day" -> "Day", used as an axis and tooltip title */
export const unitTitle = (unit: BucketUnit, m: Messages = en): string => m.charts.units[unit];

/** e.g. "day" -> "day" ("jour"), the unit in a sentence */
export const unitNoun = (unit: BucketUnit, m: Messages = en): string => m.nouns[unit].one ?? m.nouns[unit].other;

/**
 * What a screen reader says of each mark: vega's default reads the data fields by name ("user:
 * c.martin; tip: …"), English words whatever the language; other languages say the mark's tooltip
 * text instead, which is in theirs. English charts keep vega's default, unchanged since before
 * languages (their SVG is byte for byte what earlier builds wrote).
 */
export const tipDescription = (m: Messages = en) => (m.lang === en.lang ? {} : {description: {field: "tip", type: "nominal"}}) as Record<string, unknown>;

/** The top-level spec around a chart's body: size (CHART_WIDTH wide in all), description, look. */
export function chartSpec(body: Record<string, unknown>, options: {height: number; description: string; m?: Messages}): TopLevelSpec {
  // vega's number formats (",d" on the count axes) in the catalogue's locale; English keeps vega's default
  const locale = options.m?.vegaLocale;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH,
    height: options.height,
    autosize: {type: "fit-x", contains: "padding"},
    description: options.description,
    background: "white",
    padding: 8,
    config: {
      font: "sans-serif",
      view: {stroke: null},
      axis: {labelFontSize: 11, titleFontSize: 11, titleFontWeight: "normal", gridColor: "#e6e6e6"},
      axisX: {labelOverlap: "parity"},
      legend: {labelFontSize: LEGEND_FONT_SIZE},
      ...(locale ? {locale} : {}),
    },
    ...body,
  } as TopLevelSpec;
}
