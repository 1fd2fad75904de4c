/**
 * The eight indicators of a period, in the order the report shows them. Adding one: write its
 * module (one `Indicator<"key">` export, with the columns it reads) and list it here; its key must
 * exist in PeriodIndicators.
 */
import {actions} from "./actions.js";
import {actionsByUser} from "./actions-by-user.js";
import {byWeekday} from "./by-weekday.js";
import {distribution} from "./distribution.js";
import {topDatasets} from "./top-datasets.js";
import {topPages} from "./top-pages.js";
import {topUsers} from "./top-users.js";
import {totals} from "./totals.js";
import type {Indicator, PeriodFrame, PeriodIndicators} from "./types.js";
import {usersOverTime} from "./users-over-time.js";

/** The keys of indicators.json filled by an indicator (all but `period`, `totals` and the frame the build sets). */
export type IndicatorId = Exclude<keyof PeriodIndicators, "period" | "totals" | keyof PeriodFrame>;

/** Every indicator, in report order. */
export const INDICATORS = [
  actions,
  usersOverTime,
  actionsByUser,
  topUsers,
  topDatasets,
  topPages,
  distribution,
  byWeekday,
] as const satisfies readonly Indicator<IndicatorId>[];

// fails to compile when an IndicatorId has no indicator above
type Missing = Exclude<IndicatorId, (typeof INDICATORS)[number]["id"]>;
const _everyIndicatorListed: [Missing] extends [never] ? true : Missing = true;

/** Every column the indicators (and the totals) read, bucket keys included: the union of what each declares. */
export const INDICATOR_COLUMNS: readonly string[] = [...new Set([totals, ...INDICATORS].flatMap((indicator) => indicator.columns))];
