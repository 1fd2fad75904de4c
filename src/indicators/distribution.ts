/**
 * Distribution of actions: each kind of action's count and share of all the period's actions
 * (rows without a user included), largest first. Shares are unrounded and sum to 1.
 */
import type {ColumnTable} from "arquero";
import {codedColumn} from "./coded-rows.js";
import {countPerCode} from "./count-by.js";
import {rankCodes} from "./rank-by-action.js";
import type {Indicator, PeriodIndicators} from "./types.js";

/** Count and share per action, by count descending then action ascending. */
export const distribution: Indicator<"distribution"> = {
  id: "distribution",
  columns: ["action"],
  label: "Distribution of actions",
  email: true,
  description: "The share of each kind of action among all the actions of the period.",
  compute(rows: ColumnTable): PeriodIndicators["distribution"] {
    const total = rows.numRows();
    const actionNames = codedColumn(rows, "action").dictionary;
    const counts = countPerCode(rows, "action");
    return rankCodes(counts, 0).map((code) => ({action: actionNames[code], count: counts[code], share: counts[code] / total}));
  },
};
