/**
 * Assembles one period's indicators.json: the period, its totals and every indicator of the
 * registry, each computed from the same rows. No I/O and no rounding here.
 */
import type {ColumnTable} from "arquero";
import {INDICATORS} from "./registry.js";
import {totals} from "./totals.js";
import type {Indicator, IndicatorContext, PeriodFrame, PeriodIndicators} from "./types.js";

/** A period's frame when the caller gives none: compared with nothing, nothing before it. */
export const NO_FRAME: PeriodFrame = {comparison: null, dataFrom: null, previousAction: null};

/** The `top` of a context when the caller leaves it out. */
export const DEFAULT_TOP = 5;

/**
 * Every indicator of one period, with its `frame` (comparison, data start, previous action; the
 * build's, else NO_FRAME). `rows` holds only the period's rows (see rowsInPeriod) with the
 * bucket key columns `day`, `week` and `month` (see addPeriodKeys).
 */
export function computeIndicators(rows: ColumnTable, context: Omit<IndicatorContext, "top"> & {top?: number; frame?: PeriodFrame}): PeriodIndicators {
  const {frame = NO_FRAME, ...rest} = context;
  const full: IndicatorContext = {...rest, top: context.top ?? DEFAULT_TOP};
  const {type, key, start, end, timeZone} = full.period;
  const result = {period: {type, key, start, end, timeZone}, totals: totals.compute(rows, full), ...frame} as PeriodIndicators;
  for (const indicator of INDICATORS) fill(result, indicator, rows, full);
  return result;
}

function fill<K extends keyof PeriodIndicators>(result: PeriodIndicators, indicator: Indicator<K>, rows: ColumnTable, context: IndicatorContext): void {
  result[indicator.id] = indicator.compute(rows, context);
}

/** `indicators` with the build's `frame` in place, after `totals` (the order of indicators.json). */
export function withFrame(indicators: PeriodIndicators, frame: PeriodFrame): PeriodIndicators {
  const {period, totals, comparison: _c, dataFrom: _d, previousAction: _p, ...rest} = indicators;
  return {period, totals, ...frame, ...rest} as PeriodIndicators;
}
