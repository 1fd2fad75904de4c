/**
 * Chart 2, "Number of users": distinct active users per bucket, one bar per bucket, zero-filled
 * from `actions.buckets` (the indicator lists non-zero buckets only).
 * It does not count users: `indicators.usersOverTime` holds the counts.
 */
import {usersOverTime} from "../indicators/users-over-time.js";
import {chartIdOf, type PeriodIndicators} from "../indicators/types.js";
import type {ActionPalette, ChartSpec} from "./types.js";
import {bucketLabel, chartSpec, NEUTRAL_COLOR, unitNoun, unitTitle, tipDescription} from "./chart-base.js";
import {countOf} from "./labels.js";
import {formatCount} from "../site/figures.js";
import {en, type Messages} from "../i18n/en.js";

/** Chart spec of the "Number of users" indicator. */
export function usersChart(indicators: PeriodIndicators, _palette: ActionPalette, m: Messages = en): ChartSpec {
  const {bucket: unit, buckets} = indicators.actions;
  const users = new Map(indicators.usersOverTime.map((cell) => [cell.bucket, cell.users]));
  const rows = buckets.map((key) => [key, users.get(key) ?? 0]);
  const labels = buckets.map((key) => bucketLabel(key, unit, m));
  const values = rows.map(([, count], i) => ({
    bucket: labels[i],
    users: count,
    tip: m.colon(labels[i], countOf(Number(count), "user", m)),
  }));

  const summary = summarize(indicators, rows, m);
  return {
    id: chartIdOf(usersOverTime),
    title: m.charts.users.title,
    description: m.charts.users.description(unitNoun(unit, m)),
    summary,
    table: {columns: [unitTitle(unit, m), m.charts.usersTitle], rows},
    vegaLite: chartSpec(
      {
        data: {values},
        mark: {type: "bar", color: NEUTRAL_COLOR},
        encoding: {
          x: {field: "bucket", type: "ordinal", sort: null, title: null, axis: {labelAngle: labels.length > 12 ? -90 : 0}},
          y: {field: "users", type: "quantitative", title: m.charts.usersTitle, axis: {tickMinStep: 1, format: ",d"}},
          tooltip: {field: "tip", type: "nominal"},
          ...tipDescription(m),
        },
      },
      {height: 200, description: summary, m},
    ),
  };
}

function summarize(indicators: PeriodIndicators, rows: (string | number)[][], m: Messages): string {
  const {
    totals,
    actions: {bucket: unit, buckets},
  } = indicators;
  if (totals.users === 0) return m.charts.users.none(countOf(buckets.length, unit, m));
  const busiest = rows.reduce((best, row) => (Number(row[1]) > Number(best[1]) ? row : best));
  // the busiest count as the sentence always wrote it: an integer, not grouped ("1234") in English
  const most = m === en ? String(busiest[1]) : formatCount(Number(busiest[1]), m);
  return m.charts.users.summary(
    countOf(totals.users, "distinctUser", m),
    countOf(buckets.length, unit, m),
    unitNoun(unit, m),
    most,
    bucketLabel(String(busiest[0]), unit, m),
  );
}
