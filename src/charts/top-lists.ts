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
import {actionColor, actionsIn, barBands, BAR_STEP, chartSpec, labelledBars, legendSelection, selectedOpacity, tipDescription} from "./chart-base.js";
import {countOf, labelMap} from "./labels.js";
import {formatCount} from "../site/figures.js";
import {en, type Messages} from "../i18n/en.js";

/** One entry of a top list, whatever its id field is called. */
interface TopEntry {
  id: string;
  count: number;
  byAction: ByAction;
}

/** What differs between the three top-list charts. */
interface TopListConfig {
  id: string;
  /** the catalogue's texts of the chart: title, description and the data table's first column */
  text: "users" | "datasets" | "pages";
  /** e.g. "activeUser": the entries' noun (a key of the catalogue's nouns) */
  noun: "activeUser" | "modifiedDataset" | "modifiedPage";
  entries(indicators: PeriodIndicators): TopEntry[];
}

/** The shared builder: a top list's entries as bars stacked by action. */
export function topListChart(config: TopListConfig): ChartBuilder {
  return (indicators: PeriodIndicators, palette: ActionPalette, m: Messages = en): ChartSpec => {
    const text = m.charts.top[config.text];
    const entries = config.entries(indicators);
    const actions = actionsIn(
      palette,
      entries.flatMap((entry) => Object.keys(entry.byAction)),
    );
    const labels = labelMap(
      entries.map((entry) => entry.id),
      m,
    );
    const values = entries.flatMap((entry) => {
      const label = labels.get(entry.id) as string;
      return actions
        .filter((action) => (entry.byAction[action] ?? 0) > 0)
        .map((action) => ({
          entry: label,
          action: palette.label(action),
          count: entry.byAction[action],
          // English has always written this count ungrouped ("1234 of 2,000 actions"): kept byte for byte
          tip: m.charts.top.tip(
            label,
            palette.labelWithId(action),
            m === en ? String(entry.byAction[action]) : formatCount(entry.byAction[action], m),
            countOf(entry.count, "action", m),
          ),
        }));
    });
    const rows = entries.map((entry) => [entry.id, ...actions.map((action) => entry.byAction[action] ?? 0), entry.count]);
    const summary =
      entries.length === 0
        ? m.charts.top.none(m.nouns[config.noun].one ?? m.nouns[config.noun].other)
        : m.colon(text.title, entries.map((entry) => `${labels.get(entry.id)} (${countOf(entry.count, "action", m)})`).join(", ")) + ".";

    return {
      id: config.id,
      title: text.title,
      description: text.description,
      summary,
      table: {columns: [text.column, ...actions, m.charts.total], rows},
      vegaLite: chartSpec(
        {
          data: {values},
          encoding: {
            y: barBands("entry"),
            x: {field: "count", type: "quantitative", stack: "zero", title: m.charts.actionsTitle, axis: {tickMinStep: 1, format: ",d"}},
          },
          layer: labelledBars("entry", {
            params: [legendSelection()],
            mark: {},
            encoding: {color: actionColor(actions, palette, m), opacity: selectedOpacity(0.15), tooltip: {field: "tip", type: "nominal"}, ...tipDescription(m)},
          }),
        },
        {height: Math.max(1, entries.length) * BAR_STEP, description: summary, m},
      ),
    };
  };
}

/** Chart spec of the "Top users" indicator. */
export const topUsersChart = topListChart({
  id: chartIdOf(topUsers),
  text: "users",
  noun: "activeUser",
  entries: (indicators) => indicators.topUsers.map(({user_id, count, byAction}) => ({id: user_id, count, byAction})),
});

/** Chart spec of the "Top modified datasets" indicator. */
export const topDatasetsChart = topListChart({
  id: chartIdOf(topDatasets),
  text: "datasets",
  noun: "modifiedDataset",
  entries: (indicators) => indicators.topDatasets.map(({dataset_id, count, byAction}) => ({id: dataset_id, count, byAction})),
});

/** Chart spec of the "Top pages" indicator. */
export const topPagesChart = topListChart({
  id: chartIdOf(topPages),
  text: "pages",
  noun: "modifiedPage",
  entries: (indicators) => indicators.topPages.map(({page_id, count, byAction}) => ({id: page_id, count, byAction})),
});
