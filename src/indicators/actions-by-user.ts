/**
 * Actions by user: the number of actions of every user active in the period, most active first.
 * Rows without a user_id belong to no user and are left out.
 */
import type {ColumnTable} from "arquero";
import {EMPTY_CODE} from "../ingest/coded-column.js";
import {codedColumn} from "./coded-rows.js";
import {countPerCode} from "./count-by.js";
import {rankCodes} from "./rank-by-action.js";
import type {Indicator, PeriodIndicators} from "./types.js";

/** Count per non-empty user_id, by count descending then user_id ascending. */
export const actionsByUser: Indicator<"actionsByUser"> = {
  id: "actionsByUser",
  columns: ["user_id"],
  chartId: "actions-by-user",
  label: "Actions by users",
  description: "How many actions each user made in the period, most active first.",
  compute(rows: ColumnTable): PeriodIndicators["actionsByUser"] {
    const users = codedColumn(rows, "user_id").dictionary;
    const counts = countPerCode(rows, "user_id");
    return rankCodes(counts, EMPTY_CODE + 1).map((code) => ({user_id: users[code], count: counts[code]}));
  },
};
