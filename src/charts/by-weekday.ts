/**
 * Chart 8, "Activity by weekday": one bar per ISO weekday, Monday to Sunday in that order, as tall as
 * the day's actions; the tooltip, the summary and the data table give the users who acted too.
 * It takes its id, title and description from the indicator (indicators/by-weekday.ts): one id,
 * "byWeekday", names it in indicators.json, charts.json, the page (`indicator-byWeekday`) and an email.
 * It does not count: `indicators.byWeekday` holds the counts.
 */
import {byWeekday} from "../indicators/by-weekday.js";
import {chartIdOf, type PeriodIndicators} from "../indicators/types.js";
import type {ActionPalette, ChartSpec} from "./types.js";
import {chartSpec, NEUTRAL_COLOR} from "./chart-base.js";
import {countOf} from "./labels.js";

/** ISO weekday 1 ... 7 -> its name, Monday first */
export const WEEKDAY_NAMES: readonly string[] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** e.g. (12, 3) -> "12 actions by 3 users" */
const activity = (actions: number, users: number) => `${countOf(actions, "action")} by ${countOf(users, "user")}`;

/** Chart spec of the "Activity by weekday" indicator. */
export function byWeekdayChart(indicators: PeriodIndicators, _palette: ActionPalette): ChartSpec {
  const days = WEEKDAY_NAMES.map((name, i) => {
    const day = indicators.byWeekday.find((cell) => cell.weekday === i + 1);
    return {name, actions: day?.actions ?? 0, users: day?.users ?? 0};
  });
  const values = days.map(({name, actions, users}) => ({weekday: name.slice(0, 3), actions, users, tip: `${name}: ${activity(actions, users)}`}));
  const summary = summarize(indicators, days);
  return {
    id: chartIdOf(byWeekday),
    title: byWeekday.label,
    description: `${byWeekday.description} Days in ${indicators.period.timeZone} time.`,
    summary,
    table: {columns: ["Weekday", "Actions", "Users"], rows: days.map(({name, actions, users}) => [name, actions, users])},
    vegaLite: chartSpec(
      {
        data: {values},
        mark: {type: "bar", color: NEUTRAL_COLOR},
        encoding: {
          x: {field: "weekday", type: "ordinal", sort: null, title: null, axis: {labelAngle: 0}},
          y: {field: "actions", type: "quantitative", title: "Actions", axis: {tickMinStep: 1, format: ",d"}},
          tooltip: {field: "tip", type: "nominal"},
        },
      },
      {height: 200, description: summary},
    ),
  };
}

/** e.g. "40 actions. Busiest day: Tuesday, 12 actions by 3 users. Monday: 5 actions by 2 users; ..." */
function summarize(indicators: PeriodIndicators, days: {name: string; actions: number; users: number}[]): string {
  if (indicators.totals.actions === 0) return "No actions in this period.";
  const busiest = days.reduce((best, day) => (day.actions > best.actions ? day : best));
  return (
    `${countOf(indicators.totals.actions, "action")}. Busiest day: ${busiest.name}, ${activity(busiest.actions, busiest.users)}. ` +
    `${days.map(({name, actions, users}) => `${name}: ${activity(actions, users)}`).join("; ")}.`
  );
}
