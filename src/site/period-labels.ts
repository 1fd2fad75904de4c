/**
 * Human labels for periods, in English, in the report's time zone: "March 2025",
 * "Week 9, 2025 · 24 Feb – 2 Mar", "Q1 2025", "All time · 3 Mar 2025 – 31 Mar 2026",
 * "Last 7 days · 25–31 Mar 2026". Also the keys of the periods that contain a period (a week belongs
 * to the month, quarter and year of its Thursday, as ISO 8601 does). Pure: no clock, no disk.
 */
import {DateTime} from "luxon";
import type {Period, PeriodType} from "../periods/types.js";

/** What a period is called on its page and in lists. */
export interface PeriodLabel {
  /** the page heading, e.g. "Week 9, 2025" or "March 2025" */
  title: string;
  /** the days it covers when the title does not say it, e.g. "24 Feb – 2 Mar"; "" for months */
  range: string;
  /** title and range in one line, e.g. "Week 9, 2025 · 24 Feb – 2 Mar" */
  full: string;
}

/** The parts of a period the labels need. */
export type LabelledPeriod = Pick<Period, "type" | "key" | "start" | "end" | "timeZone">;

/** The plural name of a period type, as a tab caption, e.g. "Months". */
export const PERIOD_TYPE_NAMES: Record<PeriodType, string> = {
  week: "Weeks",
  month: "Months",
  quarter: "Quarters",
  year: "Years",
  rolling: "Rolling windows",
  all: "All time",
};

/** First and last day (inclusive) of a period in its time zone. */
export function periodDays(period: LabelledPeriod): {first: DateTime; last: DateTime} {
  const first = DateTime.fromISO(period.start, {zone: period.timeZone, locale: "en"});
  // end is exclusive: the last day is the one holding the instant just before it
  const last = DateTime.fromISO(period.end, {zone: period.timeZone, locale: "en"}).minus({milliseconds: 1});
  if (!first.isValid || !last.isValid) {
    throw new RangeError(`period ${period.key}: start "${period.start}" or end "${period.end}" is not ISO 8601`);
  }
  return {first: first.startOf("day"), last: last.startOf("day")};
}

/**
 * A span of days, as short as it can be read: "3 Mar 2025", "25–31 Mar 2026",
 * "24 Feb – 2 Mar 2025", "30 Dec 2024 – 5 Jan 2025". With `omitYear`, a span inside one year
 * leaves the year out ("24 Feb – 2 Mar").
 */
export function formatDayRange(first: DateTime, last: DateTime, omitYear = false): string {
  const year = omitYear ? "" : " yyyy";
  if (first.hasSame(last, "day")) return first.toFormat(`d LLL${year}`);
  if (first.hasSame(last, "month")) return `${first.toFormat("d")}–${last.toFormat(`d LLL${year}`)}`;
  if (first.hasSame(last, "year")) return `${first.toFormat("d LLL")} – ${last.toFormat(`d LLL${year}`)}`;
  return `${first.toFormat("d LLL yyyy")} – ${last.toFormat("d LLL yyyy")}`;
}

// a page names its neighbours and containing periods too: each period is labelled many times
const labelled = new WeakMap<LabelledPeriod, PeriodLabel>();

/** The label of a period, e.g. {title: "Q1 2025", range: "", full: "Q1 2025"}. */
export function periodLabel(period: LabelledPeriod): PeriodLabel {
  let label = labelled.get(period);
  if (!label) {
    label = computeLabel(period);
    labelled.set(period, label);
  }
  return label;
}

function computeLabel(period: LabelledPeriod): PeriodLabel {
  const {first, last} = periodDays(period);
  const withRange = (title: string, range: string): PeriodLabel => ({title, range, full: `${title} · ${range}`});
  switch (period.type) {
    case "week": {
      // the ISO week-year is the year of the week's Thursday, e.g. 29 Dec 2025 is in "Week 1, 2026"
      const sameYear = first.year === first.weekYear && last.year === first.weekYear;
      return withRange(`Week ${first.weekNumber}, ${first.weekYear}`, formatDayRange(first, last, sameYear));
    }
    case "month": {
      const title = first.toFormat("LLLL yyyy");
      return {title, range: "", full: title};
    }
    case "quarter": {
      const title = `Q${first.quarter} ${first.year}`;
      return {title, range: "", full: title};
    }
    case "year": {
      const title = String(first.year);
      return {title, range: "", full: title};
    }
    case "all":
      return withRange("All time", formatDayRange(first, last));
    case "rolling": {
      const days = /^last-(\d+)-days?$/.exec(period.key)?.[1] ?? String(Math.round(last.diff(first, "days").days) + 1);
      return withRange(`Last ${days} days`, formatDayRange(first, last));
    }
  }
}

/** A short name for links between periods: the title alone, e.g. "Week 9, 2025", "All time". */
export function periodShortLabel(period: LabelledPeriod): string {
  return periodLabel(period).title;
}

/** A containing period, by type and key, e.g. {type: "quarter", key: "2025-Q1"}. */
export interface PeriodRef {
  type: PeriodType;
  key: string;
}

/**
 * The periods that contain this one, nearest first: week or month -> quarter -> year -> all time
 * (a week also lists its month). A week belongs to the month, quarter and year of its Thursday.
 * Rolling windows only belong to all time; all time belongs to nothing.
 */
export function containingPeriods(period: LabelledPeriod): PeriodRef[] {
  const {first} = periodDays(period);
  const all: PeriodRef = {type: "all", key: "all"};
  const anchor = period.type === "week" ? first.plus({days: 3}) : first;
  const year: PeriodRef = {type: "year", key: anchor.toFormat("yyyy")};
  const quarter: PeriodRef = {type: "quarter", key: `${anchor.year}-Q${anchor.quarter}`};
  switch (period.type) {
    case "week":
      return [{type: "month", key: anchor.toFormat("yyyy-MM")}, quarter, year, all];
    case "month":
      return [quarter, year, all];
    case "quarter":
      return [year, all];
    case "year":
    case "rolling":
      return [all];
    case "all":
      return [];
  }
}

/** When the report was built, in its zone, e.g. "31 Mar 2026, 14:05". */
export function formatBuiltAt(iso: string, timeZone: string): string {
  const at = DateTime.fromISO(iso, {zone: timeZone, locale: "en"});
  return at.isValid ? at.toFormat("d LLL yyyy, HH:mm") : iso;
}

/** A calendar day, e.g. "2026-03-31" -> "31 Mar 2026" (as is when it is not a date). */
export function formatDay(isoDate: string): string {
  const day = DateTime.fromISO(isoDate, {zone: "UTC", locale: "en"});
  return day.isValid ? day.toFormat("d LLL yyyy") : isoDate;
}
