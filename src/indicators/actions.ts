/**
 * Actions over time: how many actions of each kind happened in each bucket of the period (days of a
 * week or month, ISO weeks of a quarter, months of a year). Lists non-zero cells only; `buckets`
 * carries every bucket of the period so a chart can fill the gaps with zeros.
 */
import type {ColumnTable} from "arquero";
import {countBy} from "./count-by.js";
import type {Indicator, IndicatorContext, PeriodIndicators} from "./types.js";

type ActionsSeries = PeriodIndicators["actions"]["series"];

/** Count per (bucket, action), sorted by bucket then action (plain string order). */
export const actions: Indicator<"actions"> = {
  id: "actions",
  label: "Actions over time",
  description: "How many actions of each kind were made in each day, week or month of the period.",
  compute(rows: ColumnTable, {period}: IndicatorContext) {
    const series = countBy(rows, [period.bucket, "action"])
      .orderby(period.bucket, "action")
      .rename({[period.bucket]: "bucket"})
      .objects() as ActionsSeries;
    return {bucket: period.bucket, buckets: period.buckets, series};
  },
};
