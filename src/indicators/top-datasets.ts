/**
 * Top 5 modified datasets: the `context.top` datasets (by `dataset_id`) with the most actions in the period, each
 * with its count per action. Rows without a dataset_id are left out. Ties: dataset_id ascending.
 */
import type {ColumnTable} from "arquero";
import {rankByAction} from "./rank-by-action.js";
import type {Indicator, IndicatorContext} from "./types.js";

/** The top datasets by action count, with byAction. */
export const topDatasets: Indicator<"topDatasets"> = {
  id: "topDatasets",
  columns: ["dataset_id", "action"],
  chartId: "top-datasets",
  label: "Top modified datasets",
  description: "The datasets that received the most actions in the period, with the actions by kind.",
  compute(rows: ColumnTable, {top}: IndicatorContext) {
    return rankByAction(rows, "dataset_id", top).map(({id, count, byAction}) => ({dataset_id: id, count, byAction}));
  },
};
