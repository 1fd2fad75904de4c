/**
 * The period's headline numbers: actions (every row, with or without a user), distinct users,
 * datasets and pages (non-empty ids only) and actions per user (of the users named). Not one of the charts: it
 * fills `totals` in indicators.json and the figures at the top of a page.
 */
import type {ColumnTable} from "arquero";
import {EMPTY_CODE} from "../ingest/coded-column.js";
import {countPerCode, distinctNonEmpty} from "./count-by.js";
import type {Indicator, PeriodIndicators} from "./types.js";

/**
 * actionsPerUser = the actions of identified users / those users, unrounded; 0 when no row has a
 * user. Actions without a user_id count in `actions`, not per user: actions = actionsPerUser x users +
 * the actions that name no user.
 */
export const totals: Indicator<"totals"> = {
  id: "totals",
  columns: ["user_id", "dataset_id", "page_id"],
  label: "Totals",
  description: "How many actions, users, datasets and pages the period counts, and actions per user.",
  compute(rows: ColumnTable): PeriodIndicators["totals"] {
    const actions = rows.numRows();
    const perUser = countPerCode(rows, "user_id");
    const users = distinctNonEmpty(perUser);
    const withoutUser = perUser[EMPTY_CODE] ?? 0;
    return {
      actions,
      users,
      datasets: distinctNonEmpty(countPerCode(rows, "dataset_id")),
      pages: distinctNonEmpty(countPerCode(rows, "page_id")),
      actionsPerUser: users === 0 ? 0 : (actions - withoutUser) / users,
    };
  },
};
