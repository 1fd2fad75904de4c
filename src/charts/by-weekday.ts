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
import {chartSpec, NEUTRAL_COLOR, tipDescription} from "./chart-base.js";
import {countOf} from "./labels.js";
import {en, type Messages} from "../i18n/en.js";

/** ISO weekday 1 ... 7 -> its name, Monday first (in English; the catalogue has each language's) */
export const WEEKDAY_NAMES: readonly string[] = en.weekdays;

/** Chart spec of the "Activity by weekday" indicator. */
export function byWeekdayChart(indicators: PeriodIndicators, _palette: ActionPalette, m: Messages = en): ChartSpec {
  const text = m.charts.byWeekday;
  // e.g. (12, 3) -> "12 actions by 3 users"
  const activity = (actions: number, users: number) => text.activity(countOf(actions, "action", m), countOf(users, "user", m));
  const days = m.weekdays.map((name, i) => {
    const day = indicators.byWeekday.find((cell) => cell.weekday === i + 1);
    return {name, short: m.weekdaysShort[i], actions: day?.actions ?? 0, users: day?.users ?? 0};
  });
  const values = days.map(({name, short, actions, users}) => ({weekday: short, actions, users, tip: m.colon(name, activity(actions, users))}));
  const summary = summarize(indicators, days, activity, m);
  // English takes the indicator's own label and description (one id names it everywhere)
  const [title, description] = m === en ? [byWeekday.label, byWeekday.description] : [text.title, text.description];
  return {
    id: chartIdOf(byWeekday),
    title,
    description: `${description} ${text.days(indicators.period.timeZone)}`,
    summary,
    table: {columns: [m.charts.weekday, m.charts.actionsTitle, m.charts.usersTitle], rows: days.map(({name, actions, users}) => [name, actions, users])},
    vegaLite: chartSpec(
      {
        data: {values},
        mark: {type: "bar", color: NEUTRAL_COLOR},
        encoding: {
          x: {field: "weekday", type: "ordinal", sort: null, title: null, axis: {labelAngle: 0}},
          y: {field: "actions", type: "quantitative", title: m.charts.actionsTitle, axis: {tickMinStep: 1, format: ",d"}},
          tooltip: {field: "tip", type: "nominal"},
          ...tipDescription(m),
        },
      },
      {height: 200, description: summary, m},
    ),
  };
}

/** e.g. "40 actions. Busiest day: Tuesday, 12 actions by 3 users. Monday: 5 actions by 2 users; ..." */
function summarize(
  indicators: PeriodIndicators,
  days: {name: string; actions: number; users: number}[],
  activity: (actions: number, users: number) => string,
  m: Messages,
): string {
  const text = m.charts.byWeekday;
  if (indicators.totals.actions === 0) return text.none;
  const busiest = days.reduce((best, day) => (day.actions > best.actions ? day : best));
  const each = days.map(({name, actions, users}) => m.colon(name, activity(actions, users))).join("; ");
  return text.summary(countOf(indicators.totals.actions, "action", m), busiest.name, activity(busiest.actions, busiest.users), each);
}
