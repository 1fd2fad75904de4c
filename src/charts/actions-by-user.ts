/**
 * Chart 3, "Actions by users": a horizontal bar per user, most active first. At most
 * `MAX_USER_BARS` users get their own bar; the rest are summed into one "others (N users)" bar so a
 * period with thousands of users still draws about twenty marks. The data table keeps every user.
 * It does not count actions: `indicators.actionsByUser` holds the counts.
 */
import {actionsByUser} from "../indicators/actions-by-user.js";
import {chartIdOf, type PeriodIndicators} from "../indicators/types.js";
import type {ActionPalette, ChartSpec} from "./types.js";
import {barBands, BAR_STEP, chartSpec, labelledBars, NEUTRAL_COLOR, OTHERS_COLOR, tipDescription} from "./chart-base.js";
import {countOf, labelMap} from "./labels.js";
import {formatCount, formatShare} from "../site/figures.js";
import {en, type Messages} from "../i18n/en.js";

/** users drawn with their own bar */
export const MAX_USER_BARS = 20;

/** Chart spec of the "Actions by users" indicator. */
export function actionsByUserChart(indicators: PeriodIndicators, _palette: ActionPalette, m: Messages = en): ChartSpec {
  const users = [...indicators.actionsByUser].sort((a, b) => b.count - a.count || (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : 0));
  const shown = users.slice(0, MAX_USER_BARS);
  const rest = users.slice(MAX_USER_BARS);
  const labels = labelMap(
    shown.map((user) => user.user_id),
    m,
  );
  const total = users.reduce((sum, user) => sum + user.count, 0);

  const bars = shown.map((user) => ({user: labels.get(user.user_id) as string, count: user.count, others: false}));
  if (rest.length > 0) {
    let label = m.charts.actionsByUser.others(countOf(rest.length, "user", m));
    // a user may be called "others (3 users)" too: bars are keyed by label, keep them apart
    while (bars.some((bar) => bar.user === label)) label = `${label}*`;
    bars.push({user: label, count: rest.reduce((sum, user) => sum + user.count, 0), others: true});
  }
  const values = bars.map((bar) => ({
    ...bar,
    tip: `${m.colon(bar.user, countOf(bar.count, "action", m))} (${formatShare(total ? bar.count / total : 0, m)})`,
  }));

  const summary = summarize(users, total, values[0]?.user, indicators.totals.actions - total, m);
  return {
    id: chartIdOf(actionsByUser),
    title: m.charts.actionsByUser.title,
    description: m.charts.actionsByUser.description(rest.length ? countOf(rest.length, "otherUser", m) : ""),
    summary,
    table: {columns: [m.charts.user, m.charts.actionsTitle], rows: users.map((user) => [user.user_id, user.count])},
    vegaLite: chartSpec(
      {
        data: {values},
        encoding: {
          y: barBands("user"),
          x: {field: "count", type: "quantitative", title: m.charts.actionsTitle, axis: {tickMinStep: 1, format: ",d"}},
        },
        layer: labelledBars("user", {
          mark: {},
          encoding: {
            color: {condition: {test: "datum.others", value: OTHERS_COLOR}, value: NEUTRAL_COLOR},
            tooltip: {field: "tip", type: "nominal"},
            ...tipDescription(m),
          },
        }),
      },
      {height: Math.max(1, bars.length) * BAR_STEP, description: summary, m},
    ),
  };
}

/**
 * The chart's caption. `unattributed`: the period's actions that name no user (an empty user_id),
 * which have no bar: said, so that the caption adds up to the page's total.
 */
function summarize(users: {count: number}[], total: number, topLabel: string | undefined, unattributed: number, m: Messages): string {
  const text = m.charts.actionsByUser;
  const without = unattributed > 0 ? text.withoutUser(countOf(unattributed, "action", m), unattributed === 1) : "";
  if (users.length === 0 || topLabel === undefined) return without ? text.noUserNamed(without) : text.none;
  const top = users[0].count;
  return (
    text.summary(countOf(users.length, "user", m), countOf(total, "action", m), topLabel, formatCount(top, m), formatShare(total ? top / total : 0, m)) +
    (without ? ` ${without}` : "")
  );
}
