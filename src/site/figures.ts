/**
 * Numbers as the pages, the index, the charts and the email print them, in English typography:
 * counts with thousands separators, averages with one decimal, shares ("45.7%"), file sizes in
 * B/kB/MB, and the change from a previous period as visible text ("+12%", "−3") with a sentence for
 * screen readers. The one set of number formats: nothing else formats a figure. Pure formatting:
 * the page models decide what to compare.
 */

const COUNT = new Intl.NumberFormat("en-US", {maximumFractionDigits: 0});
const DECIMAL = new Intl.NumberFormat("en-US", {minimumFractionDigits: 1, maximumFractionDigits: 1});
const CELL = new Intl.NumberFormat("en-US", {maximumFractionDigits: 3});
const MINUS = "\u2212";
const NBSP = "\u00a0";

/** e.g. 1234 -> "1,234" */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/**
 * A share as the charts, the pages and the email write it, e.g. 0.4567 -> "45.7%"; a share that is
 * not 0 never reads as 0: 0.0004 -> "< 0.1%".
 */
export function formatShare(share: number): string {
  return share > 0 && share < 0.0005 ? "< 0.1%" : `${(share * 100).toFixed(1)}%`;
}

/** e.g. 12.345 -> "12.3" */
export function formatDecimal(value: number): string {
  return DECIMAL.format(value);
}

/** A table cell: integers grouped ("1,234"), other numbers with up to 3 decimals, text as is. */
export function formatCell(value: string | number): string {
  if (typeof value === "string") return value;
  return Number.isInteger(value) ? COUNT.format(value) : CELL.format(value);
}

/** e.g. 1 -> "1 row", 1200 -> "1,200 rows" */
export function formatRows(rows: number): string {
  return `${formatCount(rows)} ${rows === 1 ? "row" : "rows"}`;
}

/** Decimal (SI) units: 512 -> "512 B", 40960 -> "41 kB", 1_300_000 -> "1.3 MB". */
export function formatBytes(bytes: number): string {
  const units = ["B", "kB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)}${NBSP}${units[unit]}`;
}

/** The change of a figure from the previous period of the same type. */
export interface Change {
  /** what is shown, e.g. "+12%", "−3", "±0" */
  text: string;
  /** a sentence for screen readers, e.g. "up 12% from 1,100 in February 2025" */
  label: string;
  trend: "up" | "down" | "flat";
}

/**
 * Compare `current` with `previous` (undefined: there is no previous period, so no change).
 * "percent" shows the relative change ("+12%", one decimal under 1%); "absolute" the difference
 * ("−3"). A previous value of 0 always gives the difference, since a percentage would be infinite.
 */
export function changeFrom(
  current: number,
  previous: number | undefined,
  previousLabel: string,
  mode: "percent" | "absolute",
): Change | null {
  if (previous === undefined) return null;
  const from = `from ${formatCount(previous)} in ${previousLabel}`;
  if (current === previous) return {text: "±0", label: `no change ${from}`, trend: "flat"};
  const trend = current > previous ? "up" : "down";
  const sign = trend === "up" ? "+" : MINUS;
  const difference = Math.abs(current - previous);
  if (mode === "absolute" || previous === 0) {
    return {text: `${sign}${formatCount(difference)}`, label: `${trend} ${formatCount(difference)} ${from}`, trend};
  }
  const percent = (difference / previous) * 100;
  const amount = percent < 1 ? percent.toFixed(1) : formatCount(Math.round(percent));
  return {text: `${sign}${amount}%`, label: `${trend} ${amount}% ${from}`, trend};
}
