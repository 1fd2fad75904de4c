/**
 * The report's time zone: validates an IANA zone name and turns instants into local calendar days
 * quickly enough for a million rows. It does not build periods (see list-periods.ts) nor format keys
 * (see calendar-keys.ts).
 *
 * Asking Intl for the offset of every row costs about 5 µs a row, so the offset is cached per
 * 15-minute UTC slot: every offset in use since the 1970s is a multiple of 15 minutes and zones
 * change offset at a local wall-clock time, so a transition falls on a slot boundary. Slots are
 * filled a UTC day at a time; a day whose offset differs between its first and last millisecond is
 * split slot by slot, and a slot that still holds a transition (historic odd offsets) is resolved
 * per instant. Assumes at most one transition per UTC day, as in every zone of the tz database.
 */
import {IANAZone} from "luxon";
import {ConfigError} from "../errors.js";

const MINUTE_MS = 60_000;
const SLOT_MS = 15 * MINUTE_MS;
export const DAY_MS = 86_400_000;
const SLOTS_PER_DAY = DAY_MS / SLOT_MS;

// an IANA name ("Europe/Paris", "UTC", "Etc/GMT+5"), not an offset ("+01:00") that Intl may accept
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * Checks that `name` is an IANA time zone this runtime knows and returns it, with its canonical
 * case when only the case differs ("europe/paris" -> "Europe/Paris"). Remembered by name: making
 * the Intl formatter that checks it costs a few milliseconds, and a build asks a dozen times.
 * @throws ConfigError `unknown time zone "Mars/Base"`
 */
export function assertTimeZone(name: unknown): string {
  if (typeof name !== "string" || !ZONE_NAME.test(name)) {
    throw new ConfigError(`unknown time zone ${JSON.stringify(String(name))}`);
  }
  let known = knownZones.get(name);
  if (known === undefined) {
    let resolved: string;
    try {
      resolved = new Intl.DateTimeFormat("en-US", {timeZone: name}).resolvedOptions().timeZone;
    } catch (cause) {
      throw new ConfigError(`unknown time zone ${JSON.stringify(name)}`, {cause});
    }
    knownZones.set(name, (known = resolved.toLowerCase() === name.toLowerCase() ? resolved : name));
  }
  return known;
}

/** assertTimeZone's answers for the names it accepted */
const knownZones = new Map<string, string>();

/**
 * The local date in `timeZone` at `now` (defaults to the clock), as `YYYY-MM-DD`: the default as-of
 * day of a report, e.g. todayIn("Pacific/Auckland", Date.parse("2025-03-31T12:00:00Z")) is "2025-04-01".
 */
export function todayIn(timeZone: string, now: number = Date.now()): string {
  const offset = IANAZone.create(assertTimeZone(timeZone)).offset(now);
  return new Date(now + offset * MINUTE_MS).toISOString().slice(0, 10);
}

/** Instants to local days in one zone; see createLocalCalendar. */
export interface LocalCalendar {
  timeZone: string;
  /** the zone's offset from UTC in minutes at `ms`, e.g. 60 for Paris in winter */
  offsetMinutes(ms: number): number;
  /** the local calendar day of `ms`, counted in days since 1970-01-01, e.g. 20148 for 2025-03-01 */
  localDay(ms: number): number;
}

/**
 * Returns a calendar for `timeZone` (validated) whose offsets are cached per 15-minute slot.
 * Meant for many instants in roughly ascending order, as in a log sorted by time.
 */
export function createLocalCalendar(timeZone: string): LocalCalendar {
  const zone = IANAZone.create(assertTimeZone(timeZone));
  // per UTC day: one offset for the whole day, or one per slot (NaN: resolve per instant)
  const days = new Map<number, number | Float64Array>();
  let lastDay = NaN;
  let lastEntry: number | Float64Array = 0;

  const exact = (ms: number) => zone.offset(ms);

  function splitDay(dayStart: number, first: number, last: number): Float64Array {
    // first slot k whose last millisecond is no longer on the `first` offset
    let lo = 0;
    let hi = SLOTS_PER_DAY - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (exact(dayStart + (mid + 1) * SLOT_MS - 1) !== first) hi = mid;
      else lo = mid + 1;
    }
    const slots = new Float64Array(SLOTS_PER_DAY);
    slots.fill(first, 0, lo);
    slots.fill(last, lo + 1);
    const atSlotStart = exact(dayStart + lo * SLOT_MS);
    slots[lo] = atSlotStart === first ? NaN : atSlotStart;
    return slots;
  }

  function offsetMinutes(ms: number): number {
    const utcDay = Math.floor(ms / DAY_MS);
    if (utcDay !== lastDay) {
      let entry = days.get(utcDay);
      if (entry === undefined) {
        const dayStart = utcDay * DAY_MS;
        const first = exact(dayStart);
        const last = exact(dayStart + DAY_MS - 1);
        entry = first === last ? first : splitDay(dayStart, first, last);
        days.set(utcDay, entry);
      }
      lastDay = utcDay;
      lastEntry = entry;
    }
    if (typeof lastEntry === "number") return lastEntry;
    const slotOffset = lastEntry[Math.floor((ms - utcDay * DAY_MS) / SLOT_MS)];
    return Number.isNaN(slotOffset) ? exact(ms) : slotOffset;
  }

  return {
    timeZone: zone.name,
    offsetMinutes,
    localDay: (ms) => Math.floor((ms + offsetMinutes(ms) * MINUTE_MS) / DAY_MS),
  };
}
