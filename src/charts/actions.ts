/**
 * Chart 1, "Actions": one line per action over the period's buckets (days, weeks or months),
 * zero-filled from `actions.buckets`, with a point per non-zero cell for the tooltip. Lines rather than
 * stacked bars: a stack hides each action's own trend, and ODS draws lines. Picking an action in
 * the legend (in the live page, its buttons: browser/legend-buttons.ts) shows only that action
 * (shift adds one, a click on the plot shows all again): the other marks get opacity 0 and no tooltip.
 * It does not compute counts: `indicators.actions` holds them.
 */
import {actions as actionsIndicator} from "../indicators/actions.js";
import {chartIdOf, type PeriodIndicators} from "../indicators/types.js";
import type {ActionPalette, ChartSpec} from "./types.js";
import {ACTION_SELECTION, actionColor, actionsIn, bucketLabel, chartSpec, legendSelection, selectedOpacity, unitNoun, unitTitle} from "./chart-base.js";
import {countOf} from "./labels.js";
import {formatCount} from "../site/figures.js";
import {en, type Messages} from "../i18n/en.js";

/**
 * Up to this many buckets, each non-zero cell gets a point with its own tooltip; beyond (all-time
 * pages by month), lines only, whose tooltip names the action: 60 x 15 points would weigh 150 KB.
 */
const POINTS_UP_TO = 31;

/** The tooltip of a picked action's marks (or all, when none is picked); hidden marks get none. */
const pickedTooltip = (field: string) => ({condition: {param: ACTION_SELECTION, field, type: "nominal"}, value: null});

/** Chart spec of the "Actions" indicator. */
export function actionsChart(indicators: PeriodIndicators, palette: ActionPalette, m: Messages = en): ChartSpec {
  const {bucket: unit, buckets, series} = indicators.actions;
  const actions = actionsIn(
    palette,
    series.map((cell) => cell.action),
  );
  const counts = new Map(series.map((cell) => [`${cell.action}\u0000${cell.bucket}`, cell.count]));
  const countAt = (action: string, key: string) => counts.get(`${action}\u0000${key}`) ?? 0;
  const labels = buckets.map((key) => bucketLabel(key, unit, m));
  const withPoints = buckets.length <= POINTS_UP_TO;

  const values = actions.flatMap((action) =>
    buckets.map((key, i) => {
      const count = countAt(action, key);
      return {
        bucket: labels[i],
        action: palette.label(action),
        count,
        tip: m.charts.actions.tip(palette.labelWithId(action), labels[i], countOf(count, "action", m)),
      };
    }),
  );
  const rows = buckets.map((key) => {
    const cells = actions.map((action) => countAt(action, key));
    return [key, ...cells, cells.reduce((sum, n) => sum + n, 0)];
  });

  const summary = summarize(indicators, palette, actions.length, rows, (key) => bucketLabel(key, unit, m), m);
  return {
    id: chartIdOf(actionsIndicator),
    title: m.charts.actions.title,
    // no "click the legend" here: the page without JavaScript, and the email, cannot do it; the live
    // page's legend buttons say what they do (browser/legend-buttons.ts)
    description: m.charts.actions.description(unitNoun(unit, m)),
    summary,
    table: {columns: [unitTitle(unit, m), ...actions, m.charts.total], rows},
    vegaLite: chartSpec(
      {
        data: {values},
        encoding: {
          x: {field: "bucket", type: "ordinal", sort: null, title: null, axis: {labelAngle: labels.length > 12 ? -90 : 0}},
          y: {field: "count", type: "quantitative", title: m.charts.actionsTitle, axis: {tickMinStep: 1, format: ",d"}},
          color: actionColor(actions, palette, m),
          opacity: selectedOpacity(0),
        },
        layer: [
          {
            params: [legendSelection()],
            mark: {type: "line", strokeWidth: 1.5, aria: false},
            encoding: {tooltip: pickedTooltip("action")},
          },
          ...(withPoints
            ? [
                {
                  transform: [{filter: "datum.count > 0"}],
                  mark: {type: "point", filled: true, size: 28, aria: false},
                  encoding: {tooltip: pickedTooltip("tip")},
                },
              ]
            : []),
        ],
      },
      {height: 260, description: summary, m},
    ),
  };
}

function summarize(
  indicators: PeriodIndicators,
  palette: ActionPalette,
  kinds: number,
  rows: (string | number)[][],
  when: (key: string) => string,
  m: Messages,
): string {
  const {
    totals,
    distribution,
    actions: {bucket: unit, buckets},
  } = indicators;
  if (totals.actions === 0) return m.charts.actions.none(countOf(buckets.length, unit, m));
  const top = distribution[0];
  const busiest = rows.reduce((best, row) => (row[row.length - 1] > best[best.length - 1] ? row : best));
  return m.charts.actions.summary(
    countOf(totals.actions, "action", m),
    countOf(kinds, "kind", m),
    countOf(buckets.length, unit, m),
    palette.label(top.action),
    formatCount(top.count, m),
    unitNoun(unit, m),
    when(String(busiest[0])),
    countOf(Number(busiest[busiest.length - 1]), "action", m),
  );
}
