/**
 * The charts of a period page, in page order (the reference's seven indicators, then activity by
 * weekday). Adding a chart means writing its builder and listing it here; a new chart takes its
 * indicator's id, label and description (see by-weekday.ts).
 * It does not render: see render.ts.
 */
import type {PeriodIndicators} from "../indicators/types.js";
import type {ActionPalette, ChartBuilder, ChartSpec} from "./types.js";
import {en, type Messages} from "../i18n/en.js";
import {actionsChart} from "./actions.js";
import {usersChart} from "./users.js";
import {actionsByUserChart} from "./actions-by-user.js";
import {topDatasetsChart, topPagesChart, topUsersChart} from "./top-lists.js";
import {distributionChart} from "./distribution.js";
import {byWeekdayChart} from "./by-weekday.js";

/** every chart builder, in the order a period page shows them */
export const CHART_BUILDERS: readonly ChartBuilder[] = [
  actionsChart,
  usersChart,
  actionsByUserChart,
  topUsersChart,
  topDatasetsChart,
  topPagesChart,
  distributionChart,
  byWeekdayChart,
];

/** The chart specs of one period, in page order, in the language of `m` (the palette's too). Pure. */
export function chartSpecs(indicators: PeriodIndicators, palette: ActionPalette, m: Messages = en): ChartSpec[] {
  return CHART_BUILDERS.map((build) => build(indicators, palette, m));
}
