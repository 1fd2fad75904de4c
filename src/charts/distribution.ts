/**
 * Chart 7, "Distribution of actions": a donut with one slice per action, largest first, coloured
 * from the palette. Shares appear in the legend ("edit_dataset: 71.4%") and in the tooltip, so the
 * colour field holds that legend text; its domain lists the chart's actions in slice order and its
 * range their palette colours.
 * The domain and the colours are parameters (signals), not literals in the scale: every period's
 * donut then has the same spec but for its values, and the renderer compiles, parses and keeps a View
 * for one shape instead of one per period (render.ts shapeCache; drawing a new View per period was a
 * quarter of the charts' time at 1M rows). The range reads the colours one by one, as many as the
 * palette has: the period's actions' colours first, the rest unused.
 * It does not compute shares: `indicators.distribution` holds them.
 */
import {distribution} from "../indicators/distribution.js";
import {chartIdOf, type PeriodIndicators} from "../indicators/types.js";
import type {ActionPalette, ChartSpec} from "./types.js";
import {actionLegend, chartSpec} from "./chart-base.js";
import {countOf} from "./labels.js";
import {formatShare} from "../site/figures.js";

const DIAMETER = 220;
const LEGEND_GAP = 40;
/** height of a legend row as vega draws it (11 px labels): the chart grows to hold them all */
const LEGEND_ROW = 18;

/** names of the parameters holding the legend entries (the colour domain) and their colours */
export const ENTRIES_PARAM = "entries";
export const COLORS_PARAM = "entryColors";

/** Chart spec of the "Distribution of actions" indicator. */
export function distributionChart(indicators: PeriodIndicators, palette: ActionPalette): ChartSpec {
  const slices = [...indicators.distribution].sort(
    (a, b) => b.count - a.count || (a.action < b.action ? -1 : a.action > b.action ? 1 : 0),
  );
  const values = slices.map((slice, i) => {
    const label = palette.label(slice.action);
    return {
      rank: i,
      entry: `${label}: ${formatShare(slice.share)}`,
      count: slice.count,
      tip: `${palette.labelWithId(slice.action)}: ${countOf(slice.count, "action")} (${formatShare(slice.share)})`,
    };
  });
  const legendLabels = values.map((value) => value.entry);
  // the period's colours in slice order, then the palette's other colours: one range length per log
  const colors = slices.map((slice) => palette.color(slice.action));
  const shown = new Set(slices.map((slice) => slice.action));
  for (const action of palette.actions) if (!shown.has(action)) colors.push(palette.color(action));

  const summary =
    slices.length === 0
      ? "No actions in this period."
      : `${countOf(indicators.totals.actions, "action")}: ` +
        `${slices.map((slice) => `${palette.label(slice.action)} ${formatShare(slice.share)}`).join(", ")}.`;
  return {
    id: chartIdOf(distribution),
    title: distribution.label,
    description: "Share of each action in the period's activity.",
    summary,
    table: {
      columns: ["Action", "Actions", "Share"],
      rows: slices.map((slice) => [slice.action, slice.count, formatShare(slice.share)]),
    },
    vegaLite: chartSpec(
      {
        params: [
          {name: ENTRIES_PARAM, value: legendLabels},
          {name: COLORS_PARAM, value: colors},
        ],
        data: {values},
        mark: {type: "arc", outerRadius: DIAMETER / 2, innerRadius: DIAMETER / 4, stroke: "white", strokeWidth: 1},
        encoding: {
          // the donut at the left: the chart is CHART_WIDTH wide, with room to spare on the right
          x: {value: DIAMETER / 2},
          y: {value: DIAMETER / 2},
          theta: {field: "count", type: "quantitative", stack: true},
          order: {field: "rank", type: "quantitative", sort: "ascending"},
          color: {
            field: "entry",
            type: "nominal",
            title: "Action",
            sort: null,
            scale: {domain: {expr: ENTRIES_PARAM}, range: colors.map((_, i) => ({expr: `${COLORS_PARAM}[${i}]`}))},
            // next to the donut, not at the far right of the chart's full width
            legend: {...actionLegend(legendLabels, "right"), orient: "none", legendX: DIAMETER + LEGEND_GAP, legendY: 0},
          },
          tooltip: {field: "tip", type: "nominal"},
        },
      },
      // a legend placed by hand is not in vega's layout: make room for every row
      {height: Math.max(DIAMETER, legendLabels.length * LEGEND_ROW), description: summary},
    ),
  };
}
