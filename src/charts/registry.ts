/**
 * The charts of a period page, one per indicator of indicators/registry.ts, in its order (the
 * reference's seven indicators, then activity by weekday). Adding an indicator means writing its
 * chart's builder and listing it here under the indicator's id; the chart takes its id and title
 * from the indicator (chartIdOf, label).
 * It does not render: see render.ts.
 */
import {INDICATORS, type IndicatorId} from "../indicators/registry.js";
import type {PeriodIndicators} from "../indicators/types.js";
import type {ActionPalette, ChartBuilder, ChartSpec} from "./types.js";
import {en, type Messages} from "../i18n/en.js";
import {actionsChart} from "./actions.js";
import {usersChart} from "./users.js";
import {actionsByUserChart} from "./actions-by-user.js";
import {topDatasetsChart, topPagesChart, topUsersChart} from "./top-lists.js";
import {distributionChart} from "./distribution.js";
import {byWeekdayChart} from "./by-weekday.js";

/** each indicator's chart, by the indicator's id: the compiler asks for one per indicator of the registry */
const CHARTS: {readonly [K in IndicatorId]: ChartBuilder} = {
  actions: actionsChart,
  usersOverTime: usersChart,
  actionsByUser: actionsByUserChart,
  topUsers: topUsersChart,
  topDatasets: topDatasetsChart,
  topPages: topPagesChart,
  distribution: distributionChart,
  byWeekday: byWeekdayChart,
};

/** every chart builder, in the order a period page shows them: the indicators' order */
export const CHART_BUILDERS: readonly ChartBuilder[] = INDICATORS.map((indicator) => CHARTS[indicator.id]);

/** The chart specs of one period, in page order, in the language of `m` (the palette's too). Pure. */
export function chartSpecs(indicators: PeriodIndicators, palette: ActionPalette, m: Messages = en): ChartSpec[] {
  return CHART_BUILDERS.map((build) => build(indicators, palette, m));
}
