/**
 * Number of users: how many distinct users (by `user_id`, never `username`) acted in each bucket of
 * the period. Rows without a user_id are not counted; buckets without a user are left out.
 */
import type {ColumnTable} from "arquero";
import {countBy} from "./count-by.js";
import type {Indicator, IndicatorContext, PeriodIndicators} from "./types.js";

/** Distinct non-empty user_id per bucket, buckets ascending. */
export const usersOverTime: Indicator<"usersOverTime"> = {
  id: "usersOverTime",
  label: "Number of users",
  description: "How many different users made at least one action in each day, week or month of the period.",
  compute(rows: ColumnTable, {period}: IndicatorContext) {
    // one row per (bucket, user) that occurs: counting them per bucket counts distinct users
    return countBy(rows, [period.bucket, "user_id"], {skipEmpty: "user_id"})
      .groupby(period.bucket)
      .count({as: "users"})
      .orderby(period.bucket)
      .rename({[period.bucket]: "bucket"})
      .objects() as PeriodIndicators["usersOverTime"];
  },
};
