/**
 * Where the explorer is and how a page links to it: `explore/index.html` at the report's root,
 * with a period's days as `from` and `to` (inclusive, YYYY-MM-DD, local). No I/O.
 */
import {dayKeys, parseDayKey} from "../periods/calendar-keys.js";
import type {Period} from "../periods/types.js";
import {en, type Messages} from "../i18n/en.js";

/** The explorer's page, relative to the report's root. */
export const EXPLORE_PAGE = "explore/index.html";

/** A period's days, e.g. month 2025-03 -> {from: "2025-03-01", to: "2025-03-31"} (its start and the day before its end). */
export function periodDays(period: Pick<Period, "start" | "end">): {from: string; to: string} {
  return {from: period.start.slice(0, 10), to: dayKeys(parseDayKey(period.end.slice(0, 10))! - 1).day};
}

/** The link to the explorer from a page `root` levels below the report's root ("../../"), on `period`'s days when given, in the catalogue's words. */
export function exploreLink(root: string, period?: Pick<Period, "start" | "end">, m: Messages = en): {href: string; label: string} {
  if (!period) return {href: `${root}${EXPLORE_PAGE}`, label: m.page.exploreIndex};
  const {from, to} = periodDays(period);
  return {href: `${root}${EXPLORE_PAGE}?from=${from}&to=${to}`, label: m.page.explorePeriod};
}
