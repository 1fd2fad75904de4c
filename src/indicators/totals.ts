/**
 * The period's headline numbers: actions (every row, with or without a user), distinct users,
 * datasets and pages (non-empty ids only) and actions per user. Not one of the seven charts: it
 * fills `totals` in indicators.json and the figures at the top of a page.
 */
import type {ColumnTable} from "arquero";
import {countPerCode, distinctNonEmpty} from "./count-by.js";
import type {Indicator, PeriodIndicators} from "./types.js";

/** actionsPerUser = actions / users, unrounded; 0 when no row has a user. */
export const totals: Indicator<"totals"> = {
  id: "totals",
  label: "Totals",
  description: "How many actions, users, datasets and pages the period counts, and actions per user.",
  compute(rows: ColumnTable): PeriodIndicators["totals"] {
    const actions = rows.numRows();
    const users = distinctNonEmpty(countPerCode(rows, "user_id"));
    return {
      actions,
      users,
      datasets: distinctNonEmpty(countPerCode(rows, "dataset_id")),
      pages: distinctNonEmpty(countPerCode(rows, "page_id")),
      actionsPerUser: users === 0 ? 0 : actions / users,
    };
  },
};
