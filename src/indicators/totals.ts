/**
 * The period's headline numbers: actions (every row, with or without a user), distinct users,
 * datasets and pages (non-empty ids only) and actions per user. Not one of the seven charts: it
 * fills `totals` in indicators.json and the figures at the top of a page.
 */
import type {ColumnTable} from "arquero";
import {countBy, countPerUser} from "./count-by.js";
import type {Indicator, IndicatorContext, PeriodIndicators} from "./types.js";

/** How many distinct non-empty values one column holds. */
function distinctIds(rows: ColumnTable, column: "dataset_id" | "page_id"): number {
  return countBy(rows, [column], {skipEmpty: column}).numRows();
}

/** actionsPerUser = actions / users, unrounded; 0 when no row has a user. */
export const totals: Indicator<"totals"> = {
  id: "totals",
  label: "Totals",
  description: "How many actions, users, datasets and pages the period counts, and actions per user.",
  compute(rows: ColumnTable, {period}: IndicatorContext): PeriodIndicators["totals"] {
    const actions = rows.numRows();
    const users = countPerUser(rows, period.bucket).numRows();
    return {
      actions,
      users,
      datasets: distinctIds(rows, "dataset_id"),
      pages: distinctIds(rows, "page_id"),
      actionsPerUser: users === 0 ? 0 : actions / users,
    };
  },
};
