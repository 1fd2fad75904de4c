import {test} from "uvu";
import * as assert from "uvu/assert";
import {containingPeriods, formatBuiltAt, formatDay, periodLabel} from "../../src/site/period-labels.js";
import type {LabelledPeriod} from "../../src/site/period-labels.js";
import type {PeriodType} from "../../src/periods/types.js";
import {DateTime} from "luxon";
import {makePeriod} from "../../src/periods/period-bounds.js";
import {dayNumberOf, mondayOf} from "../../src/periods/calendar-keys.js";

const paris = (type: PeriodType, key: string, start: string, end: string): LabelledPeriod => ({type, key, start, end, timeZone: "Europe/Paris"});

test("a month is named in full, in its own zone", () => {
  assert.equal(periodLabel(paris("month", "2025-03", "2025-03-01T00:00:00+01:00", "2025-04-01T00:00:00+02:00")), {
    title: "March 2025",
    range: "",
    full: "March 2025",
  });
  // 1 March 00:00 in Auckland is still 28 February in UTC (the process runs with TZ=UTC)
  const auckland: LabelledPeriod = {
    type: "month",
    key: "2025-03",
    start: "2025-03-01T00:00:00+13:00",
    end: "2025-04-01T00:00:00+13:00",
    timeZone: "Pacific/Auckland",
  };
  assert.is(periodLabel(auckland).title, "March 2025");
});

test("a week spanning two months leaves out the year it is named by", () => {
  const label = periodLabel(paris("week", "2025-W09", "2025-02-24T00:00:00+01:00", "2025-03-03T00:00:00+01:00"));
  assert.equal(label, {title: "Week 9, 2025", range: "24 Feb – 2 Mar", full: "Week 9, 2025 · 24 Feb – 2 Mar"});
});

test("a week inside one month gives the month once", () => {
  assert.is(periodLabel(paris("week", "2025-W11", "2025-03-10T00:00:00+01:00", "2025-03-17T00:00:00+01:00")).full, "Week 11, 2025 · 10–16 Mar");
});

test("a week spanning two years is named by its ISO week-year and shows both years", () => {
  assert.is(periodLabel(paris("week", "2025-W01", "2024-12-30T00:00:00+01:00", "2025-01-06T00:00:00+01:00")).full, "Week 1, 2025 · 30 Dec 2024 – 5 Jan 2025");
  assert.is(periodLabel(paris("week", "2020-W53", "2020-12-28T00:00:00+01:00", "2021-01-04T00:00:00+01:00")).full, "Week 53, 2020 · 28 Dec 2020 – 3 Jan 2021");
});

test("quarters, years and all time", () => {
  assert.is(periodLabel(paris("quarter", "2025-Q1", "2025-01-01T00:00:00+01:00", "2025-04-01T00:00:00+02:00")).full, "Q1 2025");
  assert.is(periodLabel(paris("quarter", "2025-Q4", "2025-10-01T00:00:00+02:00", "2026-01-01T00:00:00+01:00")).full, "Q4 2025");
  assert.is(periodLabel(paris("year", "2025", "2025-01-01T00:00:00+01:00", "2026-01-01T00:00:00+01:00")).full, "2025");
  assert.is(periodLabel(paris("all", "all", "2025-03-03T00:00:00+01:00", "2026-04-01T00:00:00+02:00")).full, "All time · 3 Mar 2025 – 31 Mar 2026");
});

test("rolling windows name their length and their days, across a DST change", () => {
  // 29 March 2026 is 23 hours long in Paris
  assert.is(periodLabel(paris("rolling", "last-7-days", "2026-03-25T00:00:00+01:00", "2026-04-01T00:00:00+02:00")).full, "Last 7 days · 25–31 Mar 2026");
  assert.is(
    periodLabel(paris("rolling", "last-30-days", "2026-02-28T00:00:00+01:00", "2026-03-30T00:00:00+02:00")).full,
    "Last 30 days · 28 Feb – 29 Mar 2026",
  );
});

test("a week belongs to the month, quarter and year of its Thursday", () => {
  const keys = (p: LabelledPeriod) => containingPeriods(p).map(({type, key}) => `${type}:${key}`);
  // Thursday 27 Feb 2025
  assert.equal(keys(paris("week", "2025-W09", "2025-02-24T00:00:00+01:00", "2025-03-03T00:00:00+01:00")), [
    "month:2025-02",
    "quarter:2025-Q1",
    "year:2025",
    "all:all",
  ]);
  // Thursday 3 April 2025: the week starts in March and Q1
  assert.equal(keys(paris("week", "2025-W14", "2025-03-31T00:00:00+02:00", "2025-04-07T00:00:00+02:00")), [
    "month:2025-04",
    "quarter:2025-Q2",
    "year:2025",
    "all:all",
  ]);
  // Thursday 1 January 2026: the week starts in December 2025
  assert.equal(keys(paris("week", "2026-W01", "2025-12-29T00:00:00+01:00", "2026-01-05T00:00:00+01:00")), [
    "month:2026-01",
    "quarter:2026-Q1",
    "year:2026",
    "all:all",
  ]);
});

test("months, quarters, years, rolling windows and all time go up to the next larger periods", () => {
  const keys = (p: LabelledPeriod) => containingPeriods(p).map(({type, key}) => `${type}:${key}`);
  assert.equal(keys(paris("month", "2025-11", "2025-11-01T00:00:00+01:00", "2025-12-01T00:00:00+01:00")), ["quarter:2025-Q4", "year:2025", "all:all"]);
  assert.equal(keys(paris("quarter", "2025-Q4", "2025-10-01T00:00:00+02:00", "2026-01-01T00:00:00+01:00")), ["year:2025", "all:all"]);
  assert.equal(keys(paris("year", "2025", "2025-01-01T00:00:00+01:00", "2026-01-01T00:00:00+01:00")), ["all:all"]);
  assert.equal(keys(paris("rolling", "last-7-days", "2026-03-25T00:00:00+01:00", "2026-04-01T00:00:00+02:00")), ["all:all"]);
  assert.equal(keys(paris("all", "all", "2025-03-03T00:00:00+01:00", "2026-04-01T00:00:00+02:00")), []);
});

/**
 * The labels read the days from the bounds' text; this reference reads them with luxon in the zone
 * (how they were computed before), written separately: the two must agree on every period.
 */
function luxonLabel(period: LabelledPeriod): {full: string; up: string} {
  const first = DateTime.fromISO(period.start, {zone: period.timeZone, locale: "en"}).startOf("day");
  const last = DateTime.fromISO(period.end, {zone: period.timeZone, locale: "en"}).minus({milliseconds: 1}).startOf("day");
  const range = (omitYear = false) => {
    const year = omitYear ? "" : " yyyy";
    if (first.hasSame(last, "day")) return first.toFormat(`d LLL${year}`);
    if (first.hasSame(last, "month")) return `${first.toFormat("d")}–${last.toFormat(`d LLL${year}`)}`;
    if (first.hasSame(last, "year")) return `${first.toFormat("d LLL")} – ${last.toFormat(`d LLL${year}`)}`;
    return `${first.toFormat("d LLL yyyy")} – ${last.toFormat("d LLL yyyy")}`;
  };
  const anchor = period.type === "week" ? first.plus({days: 3}) : first;
  const up = {
    week: `month:${anchor.toFormat("yyyy-MM")} quarter:${anchor.year}-Q${anchor.quarter} year:${anchor.year} all:all`,
    month: `quarter:${anchor.year}-Q${anchor.quarter} year:${anchor.year} all:all`,
    quarter: `year:${anchor.year} all:all`,
    year: "all:all",
    rolling: "all:all",
    all: "",
  }[period.type];
  const full = {
    week: () => `Week ${first.weekNumber}, ${first.weekYear} · ${range(first.year === first.weekYear && last.year === first.weekYear)}`,
    month: () => first.toFormat("LLLL yyyy"),
    quarter: () => `Q${first.quarter} ${first.year}`,
    year: () => String(first.year),
    rolling: () => `Last ${Math.round(last.diff(first, "days").days) + 1} days · ${range()}`,
    all: () => `All time · ${range()}`,
  }[period.type]();
  return {full, up};
}

test("every period of 2004-2030 is labelled as luxon in its zone would, in zones with odd transitions", () => {
  for (const zone of ["Europe/Paris", "America/Santiago", "Pacific/Apia", "Australia/Lord_Howe", "Pacific/Auckland"]) {
    const periods = [];
    for (let day = mondayOf(dayNumberOf(2004, 1, 1)); day < dayNumberOf(2031, 1, 1); day += 7) {
      periods.push(makePeriod("week" as PeriodType as never, "w", day, day + 7, zone));
      periods.push(makePeriod("rolling" as PeriodType as never, "x", day, day + 30, zone));
    }
    for (let year = 2004; year <= 2030; year++) {
      periods.push(makePeriod("year" as never, "y", dayNumberOf(year, 1, 1), dayNumberOf(year + 1, 1, 1), zone));
      for (let month = 1; month <= 12; month++) {
        periods.push(makePeriod("month" as never, "m", dayNumberOf(year, month, 1), dayNumberOf(year, month + 1, 1), zone));
        if (month % 3 === 1) periods.push(makePeriod("quarter" as never, "q", dayNumberOf(year, month, 1), dayNumberOf(year, month + 3, 1), zone));
      }
      periods.push(makePeriod("all" as never, "all", dayNumberOf(year, 2, 27), dayNumberOf(year + 1, 1, 3), zone));
    }
    for (const period of periods) {
      const up = containingPeriods(period)
        .map(({type, key}) => `${type}:${key}`)
        .join(" ");
      assert.equal({full: periodLabel(period).full, up}, luxonLabel(period), `${zone} ${period.type} ${period.start}`);
    }
  }
});

test("build time and as-of day", () => {
  assert.is(formatBuiltAt("2026-03-31T12:05:00.000Z", "Europe/Paris"), "31 Mar 2026, 14:05");
  assert.is(formatDay("2026-03-31"), "31 Mar 2026");
});

test("formatBuiltAt: an instant as toISOString writes it reads as luxon formats it, across DST changes and odd offsets", () => {
  const zones = ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "Asia/Kathmandu"];
  const luxon = (iso: string, zone: string) => DateTime.fromISO(iso, {zone, locale: "en"}).toFormat("d LLL yyyy, HH:mm");
  // every 37 minutes over two years (both DST changes of every zone), and each second around midnight UTC
  const instants = [
    ...Array.from({length: 28_500}, (_, i) => Date.UTC(2025, 0, 1) + i * 37 * 60_000),
    ...Array.from({length: 120}, (_, i) => Date.UTC(2026, 2, 29) - 60_000 + i * 1000),
  ];
  for (const zone of zones) {
    for (const ms of instants) {
      const iso = new Date(ms).toISOString();
      if (formatBuiltAt(iso, zone) !== luxon(iso, zone)) assert.is(formatBuiltAt(iso, zone), luxon(iso, zone), `${iso} in ${zone}`);
    }
  }
  // anything else as luxon reads it; an unknown zone leaves the text as it is
  assert.is(formatBuiltAt("2026-03-31T14:05:00+02:00", "Europe/Paris"), "31 Mar 2026, 14:05");
  assert.is(formatBuiltAt("2026-03-31T12:05:00.000Z", "Mars/Base"), "2026-03-31T12:05:00.000Z");
  assert.is(formatBuiltAt("not a date", "UTC"), "not a date");
});

test.run();
