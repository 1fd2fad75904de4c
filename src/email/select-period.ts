/**
 * Finds the period an email is about in report.json's list: an exact `<type>:<key>`, or the latest
 * COMPLETE period of a type as of a day, and the period of the same type just before it (for the
 * change figures). Pure: no disk, no clock.
 *
 * Complete means: the period's end (exclusive) is at or before the start of the as-of day in the
 * report's time zone. So on 2026-04-01 March (ending 2026-04-01T00:00) is complete; on 2026-03-31
 * it is not, and the latest complete month is February. It does not guess periods that the report
 * does not hold: a missing one is an error that says which period was expected.
 */
import {DateTime} from "luxon";
import {ConfigError, InputError} from "../errors.js";
import type {EmailConfig} from "./email-config.js";
import type {PeriodSummary, ReportJson} from "../site/types.js";

/** The period to mail, the one before it of the same type (or null), and whether it is over. */
export interface SelectedPeriod {
  period: PeriodSummary;
  previous: PeriodSummary | null;
  /** false when a calendar period ends after the start of the as-of day (figures so far); rolling
   * windows and all time are always complete: they end where the report ends */
  complete: boolean;
}

/** The calendar unit of each type that `latest:` accepts. */
const CALENDAR_UNITS = {week: "week", month: "month", quarter: "quarter", year: "year"} as const;

/** Start of the as-of day in the report's zone, in ms, e.g. "2026-04-01" in Europe/Paris -> 2026-03-31T22:00Z. */
function dayStart(day: string, timeZone: string, field: string): DateTime {
  const start = DateTime.fromISO(day, {zone: timeZone}).startOf("day");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !start.isValid) {
    throw new ConfigError(`${field}: "${day}" is not a day YYYY-MM-DD in ${timeZone}`);
  }
  return start;
}

function instant(iso: string, where: string): number {
  const at = DateTime.fromISO(iso, {setZone: true});
  if (!at.isValid) throw new InputError(`${where}: "${iso}" is not an ISO 8601 date-time`);
  return at.toMillis();
}

/**
 * The period of the same type that ends where this one starts, e.g. February for March.
 * Rolling windows and all time have none in a report.
 */
export function previousPeriod(periods: PeriodSummary[], period: PeriodSummary): PeriodSummary | null {
  if (period.type === "rolling" || period.type === "all") return null;
  const start = instant(period.start, `report.json: period ${period.type}:${period.key}: start`);
  return periods.find((other) => other.type === period.type && instant(other.end, `report.json: period ${other.type}:${other.key}: end`) === start) ?? null;
}

/**
 * Resolves the `--period` choice against report.json. `asOf` (YYYY-MM-DD) defaults to the report's.
 * @throws ConfigError when the report holds no such period, or `latest:` is asked for a day past the
 *   report's as-of day (the report cannot hold that period's complete figures).
 */
export function selectPeriod(report: ReportJson, choice: EmailConfig["period"], asOf?: string): SelectedPeriod {
  const zone = report.timeZone;
  const asOfStart = dayStart(asOf ?? report.asOf, zone, asOf === undefined ? "report.json: asOf" : "--as-of");
  const reportDay = dayStart(report.asOf, zone, "report.json: asOf");
  let period: PeriodSummary | undefined;
  if (choice.kind === "exact") {
    period = report.periods.find((p) => p.type === choice.type && p.key === choice.key);
    if (period === undefined) {
      const keys = report.periods.filter((p) => p.type === choice.type).map((p) => p.key);
      const known = keys.length === 0 ? `no ${choice.type} periods` : `${choice.type} periods ${keys.slice(-3).join(", ")}`;
      throw new ConfigError(`--period ${choice.type}:${choice.key}: report.json has ${known}`);
    }
  } else {
    if (!Object.hasOwn(CALENDAR_UNITS, choice.type)) {
      throw new ConfigError(`--period latest:${choice.type}: latest takes week, month, quarter or year`);
    }
    if (asOfStart > reportDay) {
      throw new ConfigError(`--as-of ${asOf} is after the report's as-of day ${report.asOf}: rebuild the report with --as-of ${asOf} first`);
    }
    const unit = CALENDAR_UNITS[choice.type as keyof typeof CALENDAR_UNITS];
    // the latest complete one ends where the current one starts: on 1 April the current month starts on 1 April
    const end = asOfStart.startOf(unit).toMillis();
    period = report.periods.find((p) => p.type === choice.type && instant(p.end, `report.json: period ${p.type}:${p.key}: end`) === end);
    if (period === undefined) {
      const ending = asOfStart.startOf(unit).toISODate();
      throw new ConfigError(
        `--period latest:${choice.type}: report.json has no ${choice.type} ending on ${ending} (the latest complete one as of ${asOfStart.toISODate()})`,
      );
    }
  }
  const complete =
    !Object.hasOwn(CALENDAR_UNITS, period.type) || instant(period.end, `report.json: period ${period.type}:${period.key}: end`) <= asOfStart.toMillis();
  return {period, previous: previousPeriod(report.periods, period), complete};
}
