/**
 * Chart 2, "Number of users": distinct active users per bucket, one bar per bucket, zero-filled
 * from `actions.buckets` (the indicator lists non-zero buckets only).
 * It does not count users: `indicators.usersOverTime` holds the counts.
 */
import {usersOverTime} from "../indicators/users-over-time.js";
import {chartIdOf, type PeriodIndicators} from "../indicators/types.js";
import type {ActionPalette, ChartSpec} from "./types.js";
import {bucketLabel, chartSpec, NEUTRAL_COLOR, unitTitle} from "./chart-base.js";
import {countOf} from "./labels.js";

/** Chart spec of the "Number of users" indicator. */
export function usersChart(indicators: PeriodIndicators, _palette: ActionPalette): ChartSpec {
  const {bucket: unit, buckets} = indicators.actions;
  const users = new Map(indicators.usersOverTime.map((cell) => [cell.bucket, cell.users]));
  const rows = buckets.map((key) => [key, users.get(key) ?? 0]);
  const labels = buckets.map((key) => bucketLabel(key, unit));
  const values = rows.map(([, count], i) => ({
    bucket: labels[i],
    users: count,
    tip: `${labels[i]}: ${countOf(Number(count), "user")}`,
  }));

  const summary = summarize(indicators, rows);
  return {
    id: chartIdOf(usersOverTime),
    title: usersOverTime.label,
    description: `Users who performed at least one action, per ${unit}.`,
    summary,
    table: {columns: [unitTitle(unit), "Users"], rows},
    vegaLite: chartSpec(
      {
        data: {values},
        mark: {type: "bar", color: NEUTRAL_COLOR},
        encoding: {
          x: {field: "bucket", type: "ordinal", sort: null, title: null, axis: {labelAngle: labels.length > 12 ? -90 : 0}},
          y: {field: "users", type: "quantitative", title: "Users", axis: {tickMinStep: 1, format: ",d"}},
          tooltip: {field: "tip", type: "nominal"},
        },
      },
      {height: 200, description: summary},
    ),
  };
}

function summarize(indicators: PeriodIndicators, rows: (string | number)[][]): string {
  const {totals, actions: {bucket: unit, buckets}} = indicators;
  if (totals.users === 0) return `No active users in this period (${countOf(buckets.length, unit)}).`;
  const busiest = rows.reduce((best, row) => (Number(row[1]) > Number(best[1]) ? row : best));
  return (
    `${countOf(totals.users, "distinct user")} over ${countOf(buckets.length, unit)}. ` +
    `Most users in one ${unit}: ${busiest[1]} on ${bucketLabel(String(busiest[0]), unit)}.`
  );
}
