/**
 * Number of users: how many distinct users (by `user_id`, never `username`) acted in each bucket of
 * the period. Rows without a user_id are not counted; buckets without a user are left out.
 */
import type {ColumnTable} from "arquero";
import {EMPTY_CODE} from "../ingest/coded-column.js";
import {codedColumn} from "./coded-rows.js";
import {countPairs} from "./count-by.js";
import {BUCKET_COLUMNS} from "../periods/types.js";
import type {Indicator, IndicatorContext, PeriodIndicators} from "./types.js";

/** Distinct non-empty user_id per bucket, buckets ascending. */
export const usersOverTime: Indicator<"usersOverTime"> = {
  id: "usersOverTime",
  columns: ["user_id", ...BUCKET_COLUMNS],
  chartId: "users",
  label: "Number of users",
  description: "How many different users made at least one action in each day, week or month of the period.",
  compute(rows: ColumnTable, {period}: IndicatorContext) {
    const bucketKeys = codedColumn(rows, period.bucket).dictionary;
    // one cell per (bucket, user) that occurs, sorted by bucket: counting a bucket's cells counts its users
    const cells = countPairs(rows, period.bucket, "user_id");
    const result: PeriodIndicators["usersOverTime"] = [];
    let previous = -1;
    for (let i = 0; i < cells.length; i++) {
      if (cells.b[i] === EMPTY_CODE) continue;
      if (cells.a[i] !== previous) result.push({bucket: bucketKeys[(previous = cells.a[i])], users: 0});
      result[result.length - 1].users++;
    }
    return result;
  },
};
