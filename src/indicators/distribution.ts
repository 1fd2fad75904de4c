/**
 * Distribution of actions: each kind of action's count and share of all the period's actions
 * (rows without a user included), largest first. Shares are unrounded and sum to 1.
 */
import type {ColumnTable} from "arquero";
import {desc, escape, op} from "arquero";
import {countBy} from "./count-by.js";
import type {Indicator, IndicatorContext, PeriodIndicators} from "./types.js";

/** Count and share per action, by count descending then action ascending. */
export const distribution: Indicator<"distribution"> = {
  id: "distribution",
  label: "Distribution of actions",
  description: "The share of each kind of action among all the actions of the period.",
  compute(rows: ColumnTable, {period}: IndicatorContext) {
    const total = rows.numRows();
    // summed from the (bucket, action) counts that actions over time needs anyway
    return countBy(rows, [period.bucket, "action"])
      .groupby("action")
      .rollup({count: op.sum("count")})
      .derive({share: escape((d: {count: number}) => d.count / total)})
      .orderby(desc("count"), "action")
      .objects() as PeriodIndicators["distribution"];
  },
};
