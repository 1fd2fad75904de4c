/**
 * Numbers as the pages, the index, the charts and the email print them, in the report's language
 * (Intl in its locale; English by default): counts with thousands separators ("1,234", "1 234"),
 * averages with one decimal, shares ("45.7%", "45,7 %"), file sizes in B/kB/MB, and the change from a
 * previous period as visible text ("+12%", "−3") with a sentence for screen readers. The one set of
 * number formats: nothing else formats a figure. Pure formatting: the page models decide what to compare.
 */
import {en, type Messages, type Noun} from "../i18n/en.js";

const MINUS = "\u2212";
const NBSP = "\u00a0";

/** The Intl formats of one catalogue's locale, made once. */
interface NumberFormats {
  count: Intl.NumberFormat;
  decimal: Intl.NumberFormat;
  cell: Intl.NumberFormat;
  plural: Intl.PluralRules;
}

const formatsOf = new Map<string, NumberFormats>();

function formats(m: Messages): NumberFormats {
  let made = formatsOf.get(m.intl);
  if (!made) {
    made = {
      count: new Intl.NumberFormat(m.intl, {maximumFractionDigits: 0}),
      decimal: new Intl.NumberFormat(m.intl, {minimumFractionDigits: 1, maximumFractionDigits: 1}),
      cell: new Intl.NumberFormat(m.intl, {maximumFractionDigits: 3}),
      plural: new Intl.PluralRules(m.intl),
    };
    formatsOf.set(m.intl, made);
  }
  return made;
}

/** The form of `noun` for `count` (Intl.PluralRules: French says "0 action", English "0 actions"). */
export function pluralOf(count: number, noun: Noun, m: Messages = en): string {
  const category = formats(m).plural.select(count);
  return (category === "one" ? noun.one : undefined) ?? noun.other;
}

/** e.g. (3, "user") -> "3 users", (1, "action") -> "1 action"; in French (1334, "row") -> "1 334 lignes" */
export function countOf(count: number, noun: keyof Messages["nouns"], m: Messages = en): string {
  return m.counted(formatCount(count, m), pluralOf(count, m.nouns[noun], m));
}

/** e.g. 1234 -> "1,234" (fr: "1 234", with Intl's narrow no-break space) */
export function formatCount(value: number, m: Messages = en): string {
  return formats(m).count.format(value);
}

/**
 * A share as the charts, the pages and the email write it, e.g. 0.4567 -> "45.7%"; a share that is
 * not 0 never reads as 0: 0.0004 -> "< 0.1%".
 */
export function formatShare(share: number, m: Messages = en): string {
  const {decimal} = formats(m);
  return share > 0 && share < 0.0005 ? `< ${m.percent(decimal.format(0.1))}` : m.percent(decimal.format(share * 100));
}

/** e.g. 12.345 -> "12.3" */
export function formatDecimal(value: number, m: Messages = en): string {
  return formats(m).decimal.format(value);
}

/** A table cell: integers grouped ("1,234"), other numbers with up to 3 decimals, text as is. */
export function formatCell(value: string | number, m: Messages = en): string {
  if (typeof value === "string") return value;
  return Number.isInteger(value) ? formats(m).count.format(value) : formats(m).cell.format(value);
}

/** e.g. 1 -> "1 row", 1200 -> "1,200 rows" */
export function formatRows(rows: number, m: Messages = en): string {
  return countOf(rows, "row", m);
}

/** Decimal (SI) units: 512 -> "512 B", 40960 -> "41 kB", 1_300_000 -> "1.3 MB". */
export function formatBytes(bytes: number, m: Messages = en): string {
  const units = m.bytes;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(m.intl, {minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false});
  return `${number.format(value)}${NBSP}${units[unit]}`;
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
  m: Messages = en,
): Change | null {
  if (previous === undefined) return null;
  const before = formatCount(previous, m);
  if (current === previous) return {text: m.noChange, label: m.changeLabel("flat", "", before, previousLabel), trend: "flat"};
  const trend = current > previous ? "up" : "down";
  const sign = trend === "up" ? "+" : MINUS;
  const difference = Math.abs(current - previous);
  if (mode === "absolute" || previous === 0) {
    const amount = formatCount(difference, m);
    return {text: `${sign}${amount}`, label: m.changeLabel(trend, amount, before, previousLabel), trend};
  }
  const percent = (difference / previous) * 100;
  const amount = m.percent(percent < 1 ? formats(m).decimal.format(percent) : formatCount(Math.round(percent), m));
  return {text: `${sign}${amount}`, label: m.changeLabel(trend, amount, before, previousLabel), trend};
}
