/**
 * When the sample portal's people work: weekday and holiday factors, August and Christmas lulls,
 * growth over time, two publishing campaigns, and Paris office hours. Pure functions of the date.
 * It does not build rows: see sample-log.ts.
 */
import type {Random} from "./random.js";
import type {Subdomain} from "./sample-catalog.js";

const DAY = 86_400_000;

/** French public holidays in the sample's span, as "YYYY-MM-DD". */
const HOLIDAYS = new Set([
  "2025-08-15",
  "2025-11-01",
  "2025-11-11",
  "2025-12-25",
  "2026-01-01",
  "2026-04-06",
  "2026-05-01",
  "2026-05-08",
  "2026-05-14",
  "2026-05-25",
  "2026-07-14",
  "2026-08-15",
  "2026-11-01",
  "2026-11-11",
]);

/** A burst of work on a theme: more rows, some actions more frequent, one subdomain favoured. */
export interface Campaign {
  from: string;
  to: string;
  volume: number;
  focus: Subdomain;
  boost: Record<string, number>;
}

export const CAMPAIGNS: readonly Campaign[] = [
  // the mobility subdomain opens: its pages are written and published
  {from: "2025-10-06", to: "2025-10-17", volume: 2.2, focus: "mobilite", boost: {add_page: 12, edit_page: 2.5, publish_page: 3, publish_dataset: 1.5}},
  // budget open-data campaign: new datasets added and published in a rush
  {from: "2026-03-09", to: "2026-03-20", volume: 2.6, focus: "", boost: {add_dataset: 10, publish_dataset: 2.5, edit_dataset: 1.3}},
  // heatwave: environment datasets refreshed daily
  {from: "2026-06-22", to: "2026-07-03", volume: 1.7, focus: "environnement", boost: {edit_dataset: 1.5, publish_dataset: 1.5, add_page: 4}},
];

/** The campaign running on a day, if any. */
export function campaignOn(day: string): Campaign | undefined {
  return CAMPAIGNS.find((campaign) => campaign.from <= day && day <= campaign.to);
}

const WEEKDAY_FACTOR = [0.06, 0.95, 1.05, 1, 1.05, 0.8, 0.12]; // Sunday first, as getUTCDay()

/** Relative activity of a day (wall date as UTC midnight), growing from 0.75 to 1.25 over the span. */
export function dayVolume(dayMs: number, firstMs: number, lastMs: number): number {
  const date = new Date(dayMs);
  const day = date.toISOString().slice(0, 10);
  const month = date.getUTCMonth();
  const dayOfMonth = date.getUTCDate();
  let volume = WEEKDAY_FACTOR[date.getUTCDay()];
  if (HOLIDAYS.has(day)) volume = 0.08;
  if (month === 7) volume *= 0.55;
  if ((month === 11 && dayOfMonth >= 22) || (month === 0 && dayOfMonth <= 2)) volume *= 0.35;
  volume *= campaignOn(day)?.volume ?? 1;
  return volume * (0.75 + (0.5 * (dayMs - firstMs)) / Math.max(lastMs - firstMs, DAY));
}

// relative weight of each Paris hour 0-23 for people at work
const OFFICE_HOURS = [0, 0, 0, 0, 0, 0, 0.1, 0.6, 3, 7, 9, 8, 4, 3, 7, 9, 8, 6, 3, 1.2, 0.6, 0.4, 0.2, 0.1];
const WEEKEND_HOURS = [0, 0, 0, 0, 0, 0, 0, 0, 0.5, 1, 2, 2, 1, 1, 2, 2, 2, 1.5, 1, 1, 1, 0.8, 0.5, 0.2];

/** A wall-clock instant on the day (as UTC fields) when a person would be working. */
export function officeTime(random: Random, dayMs: number): number {
  const weekend = [0, 6].includes(new Date(dayMs).getUTCDay());
  const hours = weekend ? WEEKEND_HOURS : OFFICE_HOURS;
  const total = hours.reduce((sum, w) => sum + w, 0);
  let u = random.next() * total;
  let hour = 0;
  while (u >= hours[hour]) u -= hours[hour++];
  return dayMs + hour * 3_600_000 + random.int(3_600_000);
}

/** A Poisson-distributed count with mean `mean` (Knuth; fine for means below ~50). */
export function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random.next();
  while (product > limit) {
    count++;
    product *= random.next();
  }
  return count;
}
