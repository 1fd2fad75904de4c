/**
 * Assembles one period's indicators.json: the period, its totals and every indicator of the
 * registry, each computed from the same rows. No I/O and no rounding here.
 */
import type {ColumnTable} from "arquero";
import {INDICATORS} from "./registry.js";
import {totals} from "./totals.js";
import type {Indicator, IndicatorContext, PeriodIndicators} from "./types.js";

/** The `top` of a context when the caller leaves it out. */
export const DEFAULT_TOP = 5;

/**
 * Every indicator of one period. `rows` holds only the period's rows (see rowsInPeriod) with the
 * bucket key columns `day`, `week` and `month` (see addPeriodKeys).
 */
export function computeIndicators(
  rows: ColumnTable,
  context: Omit<IndicatorContext, "top"> & {top?: number},
): PeriodIndicators {
  const full: IndicatorContext = {...context, top: context.top ?? DEFAULT_TOP};
  const {type, key, start, end, timeZone} = full.period;
  const result = {period: {type, key, start, end, timeZone}, totals: totals.compute(rows, full)} as PeriodIndicators;
  for (const indicator of INDICATORS) fill(result, indicator, rows, full);
  return result;
}

function fill<K extends keyof PeriodIndicators>(
  result: PeriodIndicators,
  indicator: Indicator<K>,
  rows: ColumnTable,
  context: IndicatorContext,
): void {
  result[indicator.id] = indicator.compute(rows, context);
}
