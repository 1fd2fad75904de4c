/**
 * Chart 3, "Actions by users": a horizontal bar per user, most active first. At most
 * `MAX_USER_BARS` users get their own bar; the rest are summed into one "others (N users)" bar so a
 * period with thousands of users still draws about twenty marks. The data table keeps every user.
 * It does not count actions: `indicators.actionsByUser` holds the counts.
 */
import {actionsByUser} from "../indicators/actions-by-user.js";
import {chartIdOf, type PeriodIndicators} from "../indicators/types.js";
import type {ActionPalette, ChartSpec} from "./types.js";
import {barLabelAxis, chartSpec, NEUTRAL_COLOR, OTHERS_COLOR} from "./chart-base.js";
import {countOf, labelMap} from "./labels.js";
import {formatCount, formatShare} from "../site/figures.js";

/** users drawn with their own bar */
export const MAX_USER_BARS = 20;

const BAR_STEP = 18;

/** Chart spec of the "Actions by users" indicator. */
export function actionsByUserChart(indicators: PeriodIndicators, _palette: ActionPalette): ChartSpec {
  const users = [...indicators.actionsByUser].sort(
    (a, b) => b.count - a.count || (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : 0),
  );
  const shown = users.slice(0, MAX_USER_BARS);
  const rest = users.slice(MAX_USER_BARS);
  const labels = labelMap(shown.map((user) => user.user_id));
  const total = users.reduce((sum, user) => sum + user.count, 0);

  const bars = shown.map((user) => ({user: labels.get(user.user_id) as string, count: user.count, others: false}));
  if (rest.length > 0) {
    let label = `others (${countOf(rest.length, "user")})`;
    // a user may be called "others (3 users)" too: bars are keyed by label, keep them apart
    while (bars.some((bar) => bar.user === label)) label = `${label}*`;
    bars.push({user: label, count: rest.reduce((sum, user) => sum + user.count, 0), others: true});
  }
  const values = bars.map((bar) => ({
    ...bar,
    tip: `${bar.user}: ${countOf(bar.count, "action")} (${formatShare(total ? bar.count / total : 0)})`,
  }));

  const summary = summarize(users, total, values[0]?.user, indicators.totals.actions - total);
  return {
    id: chartIdOf(actionsByUser),
    title: actionsByUser.label,
    description: `Number of actions per user, most active first${rest.length ? `; the ${countOf(rest.length, "other user")} share one bar` : ""}.`,
    summary,
    table: {columns: ["User", "Actions"], rows: users.map((user) => [user.user_id, user.count])},
    vegaLite: chartSpec(
      {
        data: {values},
        mark: {type: "bar"},
        encoding: {
          y: {field: "user", type: "nominal", sort: null, title: null, axis: barLabelAxis()},
          x: {field: "count", type: "quantitative", title: "Actions", axis: {tickMinStep: 1, format: ",d"}},
          color: {condition: {test: "datum.others", value: OTHERS_COLOR}, value: NEUTRAL_COLOR},
          tooltip: {field: "tip", type: "nominal"},
        },
      },
      {height: Math.max(1, bars.length) * BAR_STEP, description: summary},
    ),
  };
}

/**
 * The chart's caption. `unattributed`: the period's actions that name no user (an empty user_id),
 * which have no bar: said, so that the caption adds up to the page's total.
 */
function summarize(users: {count: number}[], total: number, topLabel: string | undefined, unattributed: number): string {
  const without = unattributed > 0 ? `${countOf(unattributed, "action")} of the period name${unattributed === 1 ? "s" : ""} no user.` : "";
  if (users.length === 0 || topLabel === undefined) return without ? `No user is named: ${without}` : "No user performed any action in this period.";
  const top = users[0].count;
  return (
    `${countOf(users.length, "user")} performed ${countOf(total, "action")}. ` +
    `Most active: ${topLabel} with ${formatCount(top)} (${formatShare(total ? top / total : 0)}).` +
    (without ? ` ${without}` : "")
  );
}
