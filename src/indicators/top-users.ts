/**
 * Top 5 users: the `context.top` users (by `user_id`) with the most actions in the period, each
 * with its count per action. Rows without a user_id are left out. Ties: user_id ascending.
 */
import type {ColumnTable} from "arquero";
import {rankByAction} from "./rank-by-action.js";
import type {Indicator, IndicatorContext} from "./types.js";

/** The top users by action count, with byAction. */
export const topUsers: Indicator<"topUsers"> = {
  id: "topUsers",
  columns: ["user_id", "action"],
  chartId: "top-users",
  label: "Top users",
  description: "The users who made the most actions in the period, with their actions by kind.",
  compute(rows: ColumnTable, {top}: IndicatorContext) {
    return rankByAction(rows, "user_id", top).map(({id, count, byAction}) => ({user_id: id, count, byAction}));
  },
};
