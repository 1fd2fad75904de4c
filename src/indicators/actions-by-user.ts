/**
 * Actions by user: the number of actions of every user active in the period, most active first.
 * Rows without a user_id belong to no user and are left out.
 */
import type {ColumnTable} from "arquero";
import {desc} from "arquero";
import {countPerUser} from "./count-by.js";
import type {Indicator, IndicatorContext, PeriodIndicators} from "./types.js";

/** Count per non-empty user_id, by count descending then user_id ascending. */
export const actionsByUser: Indicator<"actionsByUser"> = {
  id: "actionsByUser",
  label: "Actions by user",
  description: "How many actions each user made in the period, most active first.",
  compute(rows: ColumnTable, {period}: IndicatorContext) {
    return countPerUser(rows, period.bucket)
      .orderby(desc("count"), "user_id")
      .objects() as PeriodIndicators["actionsByUser"];
  },
};
