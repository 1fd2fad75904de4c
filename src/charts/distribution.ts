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
import {actionLegend, chartSpec, tipDescription} from "./chart-base.js";
import {countOf} from "./labels.js";
import {formatShare} from "../site/figures.js";
import {en, type Messages} from "../i18n/en.js";

const DIAMETER = 220;

/** names of the parameters holding the legend entries (the colour domain) and their colours */
export const ENTRIES_PARAM = "entries";
export const COLORS_PARAM = "entryColors";

/** Chart spec of the "Distribution of actions" indicator. */
export function distributionChart(indicators: PeriodIndicators, palette: ActionPalette, m: Messages = en): ChartSpec {
  const slices = [...indicators.distribution].sort((a, b) => b.count - a.count || (a.action < b.action ? -1 : a.action > b.action ? 1 : 0));
  const values = slices.map((slice, i) => {
    const label = palette.label(slice.action);
    return {
      rank: i,
      entry: m.colon(label, formatShare(slice.share, m)),
      count: slice.count,
      tip: `${m.colon(palette.labelWithId(slice.action), countOf(slice.count, "action", m))} (${formatShare(slice.share, m)})`,
    };
  });
  const legendLabels = values.map((value) => value.entry);
  // the period's colours in slice order, then the palette's other colours: one range length per log
  const colors = slices.map((slice) => palette.color(slice.action));
  const shown = new Set(slices.map((slice) => slice.action));
  for (const action of palette.actions) if (!shown.has(action)) colors.push(palette.color(action));

  const summary =
    slices.length === 0
      ? m.charts.distribution.none
      : m.colon(
          countOf(indicators.totals.actions, "action", m),
          slices.map((slice) => `${palette.label(slice.action)} ${formatShare(slice.share, m)}`).join(", "),
        ) + ".";
  return {
    id: chartIdOf(distribution),
    title: m.charts.distribution.title,
    description: m.charts.distribution.description,
    summary,
    table: {
      columns: [m.charts.action, m.charts.actionsTitle, m.charts.share],
      rows: slices.map((slice) => [slice.action, slice.count, formatShare(slice.share, m)]),
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
          // the donut at the left, above its legend, at any width
          x: {value: DIAMETER / 2},
          y: {value: DIAMETER / 2},
          theta: {field: "count", type: "quantitative", stack: true},
          order: {field: "rank", type: "quantitative", sort: "ascending"},
          color: {
            field: "entry",
            type: "nominal",
            title: m.charts.action,
            sort: null,
            scale: {domain: {expr: ENTRIES_PARAM}, range: colors.map((_, i) => ({expr: `${COLORS_PARAM}[${i}]`}))},
            // under the donut, one entry a row (a phone-wide chart has no room beside it), in vega's
            // layout: the chart grows with its rows, and its spec stays one shape for every period
            legend: {...actionLegend(legendLabels, "right"), orient: "bottom"},
          },
          tooltip: {field: "tip", type: "nominal"},
          ...tipDescription(m),
        },
      },
      {height: DIAMETER, description: summary, m},
    ),
  };
}
