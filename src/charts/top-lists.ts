/**
 * Charts 4 to 6, "Top users", "Top modified datasets", "Top pages": one horizontal bar per entry
 * of a top list, stacked by action (from its `byAction`), in the list's order. The three share one
 * builder; each export is a configuration of it. Clicking an action in the legend highlights it.
 * It does not rank anything: the indicators hold the lists, already cut to the configured size.
 */
import {topDatasets} from "../indicators/top-datasets.js";
import {topPages} from "../indicators/top-pages.js";
import {topUsers} from "../indicators/top-users.js";
import {chartIdOf, type ByAction, type PeriodIndicators} from "../indicators/types.js";
import type {ActionPalette, ChartBuilder, ChartSpec} from "./types.js";
import {actionColor, actionsIn, barLabelAxis, chartSpec, legendSelection, selectedOpacity} from "./chart-base.js";
import {countOf, labelMap} from "./labels.js";

/** One entry of a top list, whatever its id field is called. */
interface TopEntry {
  id: string;
  count: number;
  byAction: ByAction;
}

/** What differs between the three top-list charts. */
interface TopListConfig {
  id: string;
  title: string;
  /** e.g. "user": the entries' noun, singular */
  noun: string;
  /** the column title of the entries in the data table, e.g. "Dataset" */
  column: string;
  /** e.g. "Users with the most actions" */
  description: string;
  entries(indicators: PeriodIndicators): TopEntry[];
}

const BAR_STEP = 24;

/** The shared builder: a top list's entries as bars stacked by action. */
export function topListChart(config: TopListConfig): ChartBuilder {
  return (indicators: PeriodIndicators, palette: ActionPalette): ChartSpec => {
    const entries = config.entries(indicators);
    const actions = actionsIn(palette, entries.flatMap((entry) => Object.keys(entry.byAction)));
    const labels = labelMap(entries.map((entry) => entry.id));
    const values = entries.flatMap((entry) => {
      const label = labels.get(entry.id) as string;
      return actions
        .filter((action) => (entry.byAction[action] ?? 0) > 0)
        .map((action) => ({
          entry: label,
          action: palette.label(action),
          count: entry.byAction[action],
          tip: `${label}, ${palette.labelWithId(action)}: ${entry.byAction[action]} of ${countOf(entry.count, "action")}`,
        }));
    });
    const rows = entries.map((entry) => [entry.id, ...actions.map((action) => entry.byAction[action] ?? 0), entry.count]);
    const summary =
      entries.length === 0
        ? `No ${config.noun} in this period.`
        : `${config.title}: ${entries.map((entry) => `${labels.get(entry.id)} (${countOf(entry.count, "action")})`).join(", ")}.`;

    return {
      id: config.id,
      title: config.title,
      description: config.description,
      summary,
      table: {columns: [config.column, ...actions, "Total"], rows},
      vegaLite: chartSpec(
        {
          data: {values},
          params: [legendSelection()],
          mark: {type: "bar"},
          encoding: {
            y: {field: "entry", type: "nominal", sort: null, title: null, axis: barLabelAxis()},
            x: {field: "count", type: "quantitative", stack: "zero", title: "Actions", axis: {tickMinStep: 1, format: ",d"}},
            color: actionColor(actions, palette),
            opacity: selectedOpacity(0.15),
            tooltip: {field: "tip", type: "nominal"},
          },
        },
        {height: Math.max(1, entries.length) * BAR_STEP, description: summary},
      ),
    };
  };
}

/** Chart spec of the "Top users" indicator. */
export const topUsersChart = topListChart({
  id: chartIdOf(topUsers),
  title: topUsers.label,
  noun: "active user",
  column: "User",
  description: "The most active users, each bar split by action.",
  entries: (indicators) => indicators.topUsers.map(({user_id, count, byAction}) => ({id: user_id, count, byAction})),
});

/** Chart spec of the "Top modified datasets" indicator. */
export const topDatasetsChart = topListChart({
  id: chartIdOf(topDatasets),
  title: topDatasets.label,
  noun: "modified dataset",
  column: "Dataset",
  description: "The datasets that received the most actions, each bar split by action.",
  entries: (indicators) => indicators.topDatasets.map(({dataset_id, count, byAction}) => ({id: dataset_id, count, byAction})),
});

/** Chart spec of the "Top pages" indicator. */
export const topPagesChart = topListChart({
  id: chartIdOf(topPages),
  title: topPages.label,
  noun: "modified page",
  column: "Page",
  description: "The pages that received the most actions, each bar split by action.",
  entries: (indicators) => indicators.topPages.map(({page_id, count, byAction}) => ({id: page_id, count, byAction})),
});
