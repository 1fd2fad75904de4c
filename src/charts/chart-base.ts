/**
 * What every chart shares: its fixed size, its look (config), the action colour encoding with a
 * legend that never cuts a label, bucket labels for time axes, and the top-level spec wrapper.
 * Widths are fixed (vega in Node cannot size to a container): the page scales the SVG with CSS
 * (`max-width: 100%; height: auto`), which works because the SVG carries a viewBox.
 * It does not build any chart on its own.
 */
import type {TopLevelSpec} from "vega-lite";
import type {BucketUnit} from "../periods/types.js";
import type {ActionPalette} from "./types.js";

/** width of every chart's plotting area in px; the whole SVG is about 60 px wider (axis, padding) */
export const CHART_WIDTH = 600;

/** plot width of horizontal bar charts, whose user/dataset labels (up to 240 px) sit to the left */
export const BAR_CHART_WIDTH = 440;

/** colour of single-series marks (users, actions by user): not an action colour */
export const NEUTRAL_COLOR = "#4c6a8a";
/** colour of the "others (N users)" bar */
export const OTHERS_COLOR = "#b5b5b5";

const LEGEND_FONT_SIZE = 11;

/**
 * Vega in Node has no canvas and estimates text as 0.8 x font size per character
 * (vega-scenegraph's estimateWidth): columns are sized from that estimate so that the legend
 * fits in the chart width; a browser measures narrower text, so it fits there too.
 */
export function legendColumns(labels: string[]): number {
  const longest = Math.max(1, ...labels.map((label) => label.length));
  const entryWidth = Math.ceil(0.8 * LEGEND_FONT_SIZE * longest) + 16 + 12; // symbol + gap + padding
  return Math.max(1, Math.min(labels.length, Math.floor(CHART_WIDTH / entryWidth)));
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
export function actionColor(actions: string[], palette: ActionPalette) {
  const labels = actions.map((action) => palette.label(action));
  return {
    field: "action",
    type: "nominal",
    title: "Action",
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
export const legendSelection = () =>
  ({name: ACTION_SELECTION, select: {type: "point", fields: ["action"]}, bind: "legend"}) as const;

/** Opacity 1 for marks of picked actions (or when none is picked), `hidden` for the others. */
export const selectedOpacity = (hidden: number) => ({condition: {param: ACTION_SELECTION, value: 1}, value: hidden});

/** The actions a list of `byAction`-like records mentions, in the palette's (stable) order. */
export function actionsIn(palette: ActionPalette, present: Iterable<string>): string[] {
  const seen = new Set(present);
  const known = palette.actions.filter((action) => seen.has(action));
  const unknown = [...seen].filter((action) => !palette.actions.includes(action)).sort();
  return [...known, ...unknown];
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Axis text of a bucket key: "2025-03-04" -> "Mar 4"; week and month keys are kept ("2025-W09"). */
export function bucketLabel(key: string, unit: BucketUnit): string {
  const day = /^\d{4}-(\d{2})-(\d{2})$/.exec(key);
  if (unit !== "day" || !day) return key;
  return `${MONTHS[Number(day[1]) - 1] ?? day[1]} ${Number(day[2])}`;
}

/** e.g. "day" -> "Day", used as an axis and tooltip title */
export const unitTitle = (unit: BucketUnit): string => unit[0].toUpperCase() + unit.slice(1);

/** The top-level spec around a chart's body: size, description, look. */
export function chartSpec(
  body: Record<string, unknown>,
  options: {height: number; description: string; width?: number},
): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: options.width ?? CHART_WIDTH,
    height: options.height,
    description: options.description,
    background: "white",
    padding: 8,
    config: {
      font: "sans-serif",
      view: {stroke: null},
      axis: {labelFontSize: 11, titleFontSize: 11, titleFontWeight: "normal", gridColor: "#e6e6e6"},
      axisX: {labelOverlap: "parity"},
      legend: {labelFontSize: LEGEND_FONT_SIZE},
    },
    ...body,
  } as TopLevelSpec;
}
