/**
 * Human labels for periods, in the report's language (English by default) and time zone: "March 2025",
 * "Week 9, 2025 · 24 Feb – 2 Mar", "Q1 2025", "All time · 3 Mar 2025 – 31 Mar 2026",
 * "Last 7 days · 25–31 Mar 2026". Also the keys of the periods that contain a period (a week belongs
 * to the month, quarter and year of its Thursday, as ISO 8601 does). Pure: no clock, no disk.
 */
import {DateTime} from "luxon";
import {civilDate, dayKeys, isoWeek, MONTH_ABBREVIATIONS, parseDayKey, type CivilDate} from "../periods/calendar-keys.js";
import {createLocalCalendar, type LocalCalendar} from "../periods/time-zone.js";
import {en, type Messages} from "../i18n/en.js";
import type {Period, PeriodType} from "../periods/types.js";
import type {PeriodComparison} from "../indicators/types.js";

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

/** The plural name of a period type, as a tab caption, e.g. "Months" (in English: see Messages.period.typeNames). */
export const PERIOD_TYPE_NAMES: Record<PeriodType, string> = en.period.typeNames;

/**
 * First and last day (inclusive) of a period in its time zone, as day numbers (calendar-keys.ts).
 * `start` and `end` are written in the zone's wall-clock time (period-bounds.ts), so the first day
 * is the date `start` names and the last the day before the one `end` names (end is exclusive).
 * Reading the dates from the text spares luxon's zone arithmetic, ~0.5 ms a period, which the
 * index page of a few hundred periods paid on every build.
 */
export function periodDays(period: LabelledPeriod): {first: number; last: number} {
  const first = localDay(period.start);
  const end = localDay(period.end);
  if (first === undefined || end === undefined) {
    throw new RangeError(`period ${period.key}: start "${period.start}" or end "${period.end}" is not ISO 8601`);
  }
  return {first, last: end - 1};
}

const LOCAL_INSTANT = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The day number of the wall-clock date an ISO 8601 instant names; undefined when it is not one. */
function localDay(iso: string): number | undefined {
  const date = LOCAL_INSTANT.exec(iso)?.[1];
  return date === undefined ? undefined : parseDayKey(date);
}

/** e.g. "3 Mar" */
const dayMonth = (date: CivilDate, m: Messages) => m.period.dayMonth(date.day, m.monthsShort[date.month - 1]);

/**
 * A span of days (day numbers), as short as it can be read: "3 Mar 2025", "25–31 Mar 2026",
 * "24 Feb – 2 Mar 2025", "30 Dec 2024 – 5 Jan 2025". With `omitYear`, a span inside one year
 * leaves the year out ("24 Feb – 2 Mar").
 */
export function formatDayRange(firstDay: number, lastDay: number, omitYear = false, m: Messages = en): string {
  const first = civilDate(firstDay);
  const last = civilDate(lastDay);
  const year = omitYear ? "" : ` ${dayKeys(lastDay).year}`;
  if (firstDay === lastDay) return `${dayMonth(last, m)}${year}`;
  if (first.year === last.year && first.month === last.month) return `${first.day}–${dayMonth(last, m)}${year}`;
  if (first.year === last.year) return `${dayMonth(first, m)} – ${dayMonth(last, m)}${year}`;
  return `${dayMonth(first, m)} ${dayKeys(firstDay).year} – ${dayMonth(last, m)} ${dayKeys(lastDay).year}`;
}

// a page names its neighbours and containing periods too: each period is labelled many times (per language)
const labelled = new Map<Messages, WeakMap<LabelledPeriod, PeriodLabel>>();

/** The label of a period, e.g. {title: "Q1 2025", range: "", full: "Q1 2025"}. */
export function periodLabel(period: LabelledPeriod, m: Messages = en): PeriodLabel {
  let ofLanguage = labelled.get(m);
  if (!ofLanguage) labelled.set(m, (ofLanguage = new WeakMap()));
  let label = ofLanguage.get(period);
  if (!label) {
    label = computeLabel(period, m);
    ofLanguage.set(period, label);
  }
  return label;
}

function computeLabel(period: LabelledPeriod, m: Messages): PeriodLabel {
  const {first, last} = periodDays(period);
  const {year, month} = civilDate(first);
  const withRange = (title: string, range: string): PeriodLabel => ({title, range, full: `${title} · ${range}`});
  switch (period.type) {
    case "week": {
      // the ISO week-year is the year of the week's Thursday, e.g. 29 Dec 2025 is in "Week 1, 2026"
      const {weekYear, week} = isoWeek(first);
      const sameYear = year === weekYear && civilDate(last).year === weekYear;
      return withRange(m.period.week(week, weekYear), formatDayRange(first, last, sameYear, m));
    }
    case "month": {
      const title = m.period.month(m.months[month - 1], dayKeys(first).year);
      return {title, range: "", full: title};
    }
    case "quarter": {
      const title = m.period.quarter(Math.ceil(month / 3), year);
      return {title, range: "", full: title};
    }
    case "year": {
      const title = String(year);
      return {title, range: "", full: title};
    }
    case "all":
      return withRange(m.period.allTime, formatDayRange(first, last, false, m));
    case "rolling": {
      const days = /^last-(\d+)-days?$/.exec(period.key)?.[1] ?? String(last - first + 1);
      return withRange(m.period.lastDays(days), formatDayRange(first, last, false, m));
    }
  }
}

/** A short name for links between periods: the title alone, e.g. "Week 9, 2025", "All time". */
export function periodShortLabel(period: LabelledPeriod, m: Messages = en): string {
  return periodLabel(period, m).title;
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
  const keys = dayKeys(period.type === "week" ? first + 3 : first);
  const all: PeriodRef = {type: "all", key: "all"};
  const year: PeriodRef = {type: "year", key: keys.year};
  const quarter: PeriodRef = {type: "quarter", key: keys.quarter};
  switch (period.type) {
    case "week":
      return [{type: "month", key: keys.month}, quarter, year, all];
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

/** The first instant after the as-of day (YYYY-MM-DD) in `timeZone`, in ms: where a report's data ends. */
export function asOfEnd(asOf: string, timeZone: string): number {
  // every page of a build asks with the same day and zone: luxon's zone arithmetic (~0.2 ms) once
  if (lastAsOfEnd?.asOf !== asOf || lastAsOfEnd.timeZone !== timeZone)
    lastAsOfEnd = {asOf, timeZone, end: DateTime.fromISO(asOf, {zone: timeZone}).plus({days: 1}).toMillis()};
  return lastAsOfEnd.end;
}
let lastAsOfEnd: {asOf: string; timeZone: string; end: number} | undefined;

/**
 * Whether a week, month, quarter or year goes on past the report's data (`dataEnd`, asOfEnd): its
 * figures are "so far". Rolling windows and all time end where the report ends.
 */
export function goesOnPast(period: Pick<Period, "type" | "endMs">, dataEnd: number): boolean {
  return period.type !== "rolling" && period.type !== "all" && period.endMs > dataEnd;
}

/**
 * What a period page says when its figures are so far, e.g. "Figures so far, up to 27 Nov 2026: the
 * month ends on 30 Nov 2026." (compare them with a whole earlier period with that in mind).
 */
export function soFarNote(period: LabelledPeriod, asOf: string, m: Messages = en): string {
  const {last} = periodDays(period);
  return m.period.soFarNote(formatDay(asOf, m), m.periodNouns[period.type], formatDayRange(last, last, false, m));
}

/** When the report was built, in its zone, e.g. "31 Mar 2026, 14:05". */
export function formatBuiltAt(iso: string, timeZone: string, m: Messages = en): string {
  const calendar = m === en && TO_ISO_STRING.test(iso) ? calendarOf(timeZone) : undefined;
  if (calendar !== undefined) {
    // an instant as toISOString writes it, as the build does, in English: the zone's cached offsets,
    // about half the cost of a content key's page model (luxon parsed it: cache/period-keys.ts lays
    // out every period); other languages go through luxon in their locale
    const ms = Date.parse(iso);
    const local = new Date(ms + calendar.offsetMinutes(ms) * 60_000);
    const two = (n: number) => String(n).padStart(2, "0");
    return `${local.getUTCDate()} ${MONTH_ABBREVIATIONS[local.getUTCMonth()]} ${local.getUTCFullYear()}, ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
  }
  const at = DateTime.fromISO(iso, {zone: timeZone, locale: m.lang});
  return at.isValid ? at.toFormat(m.period.dayTimeFormat) : iso;
}
const TO_ISO_STRING = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const calendars = new Map<string, LocalCalendar>();
/** The zone's calendar (time-zone.ts), undefined for a zone this runtime does not know (luxon then says the ISO text). */
function calendarOf(timeZone: string): LocalCalendar | undefined {
  if (!calendars.has(timeZone)) {
    try {
      calendars.set(timeZone, createLocalCalendar(timeZone));
    } catch {
      return undefined;
    }
  }
  return calendars.get(timeZone);
}

/** A calendar day, e.g. "2026-03-31" -> "31 Mar 2026" (as is when it is not a date). */
export function formatDay(isoDate: string, m: Messages = en): string {
  const day = DateTime.fromISO(isoDate, {zone: "UTC", locale: m.lang});
  return day.isValid ? day.toFormat(m.period.dayFormat) : isoDate;
}

/**
 * What a period's changes are measured against, as the end of "up 12% from 40 in …": "October 2026",
 * "the first 7 days of October 2026", "the previous 30 days".
 */
export function comparisonPhrase(period: Pick<Period, "type" | "timeZone">, comparison: PeriodComparison, m: Messages = en): string {
  const compared: LabelledPeriod = {type: period.type, key: comparison.key, start: comparison.start, end: comparison.end, timeZone: period.timeZone};
  const {first, last} = periodDays(compared);
  const days = last - first + 1;
  switch (comparison.type) {
    case "previous":
      return periodLabel(compared, m).title;
    case "previous-same-days":
      return m.period.firstDays(days, periodLabel(compared, m).title);
    case "previous-window":
      return m.period.previousDays(days);
  }
}

/**
 * The sentence under a page's figures that says what they are compared with, e.g. "Changes compare
 * with the first 7 days of October 2026 (1–7 Oct 2026)." or why nothing is: "Data from 18 Aug 2025:
 * the period is not compared with another as if it were whole.", "Not compared: August 2025 has data
 * from 18 Aug 2025 only." "" for all time (and for reports of versions without comparisons).
 */
export function comparisonNote(
  period: Pick<Period, "type" | "timeZone">,
  comparison: PeriodComparison | null | undefined,
  dataFrom: string | null | undefined,
  previous: {title: string; dataFrom?: string | null} | undefined,
  m: Messages = en,
): string {
  if (comparison) {
    const {first, last} = periodDays({type: period.type, key: comparison.key, start: comparison.start, end: comparison.end, timeZone: period.timeZone});
    const phrase = comparisonPhrase(period, comparison, m);
    return comparison.type === "previous" ? m.period.comparedWith(phrase) : m.period.comparedWithDays(phrase, formatDayRange(first, last, false, m));
  }
  if (dataFrom) return m.period.dataFromNotCompared(formatDay(dataFrom, m));
  if (period.type === "all" || comparison === undefined) return "";
  return previous?.dataFrom ? m.period.previousDataFrom(previous.title, formatDay(previous.dataFrom, m)) : m.period.notFarEnough;
}

/** e.g. "2025-08-18" -> "18 Aug", as the axes and the sentences write days (as is when it is not a date) */
export function formatDayMonth(isoDate: string, m: Messages = en): string {
  const day = parseDayKey(isoDate);
  return day === undefined ? isoDate : dayMonth(civilDate(day), m);
}

/** e.g. "2025-08" -> "Aug 2025", as the axes and the sentences write months (as is when it is not a month key) */
export function formatMonthYear(monthKey: string, m: Messages = en): string {
  const month = /^(\d{4})-(\d{2})$/.exec(monthKey);
  const name = month ? m.monthsShort[Number(month[2]) - 1] : undefined;
  return month && name ? m.period.monthYear(name, month[1]) : monthKey;
}
