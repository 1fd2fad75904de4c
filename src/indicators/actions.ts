/**
 * Actions over time: how many actions of each kind happened in each bucket of the period (days of a
 * week or month, ISO weeks of a quarter, months of a year). Lists non-zero cells only; `buckets`
 * carries every bucket of the period so a chart can fill the gaps with zeros.
 */
import type {ColumnTable} from "arquero";
import {codedColumn} from "./coded-rows.js";
import {countPairs} from "./count-by.js";
import {BUCKET_COLUMNS} from "../periods/types.js";
import type {Indicator, IndicatorContext, PeriodIndicators} from "./types.js";

type ActionsSeries = PeriodIndicators["actions"]["series"];

/** Count per (bucket, action), sorted by bucket then action (plain string order). */
export const actions: Indicator<"actions"> = {
  id: "actions",
  columns: ["action", ...BUCKET_COLUMNS],
  label: "Actions",
  email: true,
  description: "How many actions of each kind were made in each day, week or month of the period.",
  compute(rows: ColumnTable, {period}: IndicatorContext) {
    const bucketKeys = codedColumn(rows, period.bucket).dictionary;
    const actionNames = codedColumn(rows, "action").dictionary;
    // pairs come sorted by bucket code then action code: by bucket, then action, as strings
    const cells = countPairs(rows, period.bucket, "action");
    const series: ActionsSeries = new Array(cells.length);
    for (let i = 0; i < cells.length; i++) {
      series[i] = {bucket: bucketKeys[cells.a[i]], action: actionNames[cells.b[i]], count: cells.count[i]};
    }
    return {bucket: period.bucket, buckets: period.buckets, series};
  },
};
