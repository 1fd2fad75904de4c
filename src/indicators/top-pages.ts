/**
 * Top 5 modified pages: the `context.top` pages (by `page_id`) with the most actions in the period, each
 * with its count per action. Rows without a page_id are left out. Ties: page_id ascending.
 */
import type {ColumnTable} from "arquero";
import {rankByAction} from "./rank-by-action.js";
import type {Indicator, IndicatorContext} from "./types.js";

/** The top pages by action count, with byAction. */
export const topPages: Indicator<"topPages"> = {
  id: "topPages",
  columns: ["page_id", "action"],
  chartId: "top-pages",
  label: "Top modified pages",
  description: "The pages that received the most actions in the period, with the actions by kind.",
  compute(rows: ColumnTable, {top}: IndicatorContext) {
    return rankByAction(rows, "page_id", top).map(({id, count, byAction}) => ({page_id: id, count, byAction}));
  },
};
