import {test} from "uvu";
import * as assert from "uvu/assert";
import {IANAZone} from "luxon";
import {ConfigError} from "../../src/errors.js";
import {assertTimeZone, createLocalCalendar, todayIn} from "../../src/periods/time-zone.js";

const at = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;

test("assertTimeZone accepts IANA names and fixes their case", () => {
  assert.is(assertTimeZone("Europe/Paris"), "Europe/Paris");
  assert.is(assertTimeZone("UTC"), "UTC");
  assert.is(assertTimeZone("europe/paris"), "Europe/Paris");
});

test("assertTimeZone rejects unknown zones and offsets with a ConfigError naming the value", () => {
  for (const bad of ["Mars/Base", "+01:00", "", "Europe/Paris "]) {
    assert.throws(
      () => assertTimeZone(bad),
      (error: unknown) => error instanceof ConfigError && error.message === `unknown time zone ${JSON.stringify(bad)}`,
    );
  }
  assert.throws(
    () => assertTimeZone(42),
    (error: unknown) => error instanceof ConfigError,
  );
});

test("assertTimeZone answers the same when asked again (remembered), and rejects a bad name every time", () => {
  for (let i = 0; i < 2; i++) {
    assert.is(assertTimeZone("america/new_york"), "America/New_York");
    assert.is(assertTimeZone("America/New_York"), "America/New_York");
    assert.throws(
      () => assertTimeZone("Mars/Base"),
      (error: unknown) => error instanceof ConfigError,
    );
  }
});

test("todayIn gives the local date at an instant, on both sides of the date line", () => {
  assert.is(todayIn("Pacific/Auckland", at("2025-03-31T12:00:00Z")), "2025-04-01");
  assert.is(todayIn("Pacific/Kiritimati", at("2025-03-31T10:00:00Z")), "2025-04-01");
  assert.is(todayIn("Pacific/Pago_Pago", at("2025-04-01T10:59:00Z")), "2025-03-31");
  assert.is(todayIn("UTC", at("2025-03-31T23:59:59Z")), "2025-03-31");
});

test("offsets switch exactly at the Paris DST transitions of 2025", () => {
  const paris = createLocalCalendar("Europe/Paris");
  assert.is(paris.offsetMinutes(at("2025-03-30T00:59:59.999Z")), 60);
  assert.is(paris.offsetMinutes(at("2025-03-30T01:00:00Z")), 120);
  assert.is(paris.offsetMinutes(at("2025-10-26T00:59:59.999Z")), 120);
  assert.is(paris.offsetMinutes(at("2025-10-26T01:00:00Z")), 60);
});

test("localDay follows the local calendar, not UTC", () => {
  const paris = createLocalCalendar("Europe/Paris");
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
  assert.is(paris.localDay(at("2025-03-29T23:30:00Z")), day("2025-03-30")); // 00:30 +01:00
  assert.is(paris.localDay(at("2025-03-30T21:59:59Z")), day("2025-03-30")); // 23:59:59 +02:00
  assert.is(paris.localDay(at("2025-03-30T22:00:00Z")), day("2025-03-31"));
  const newYork = createLocalCalendar("America/New_York");
  assert.is(newYork.localDay(at("2025-03-09T06:30:00Z")), day("2025-03-09")); // 01:30 EST
  assert.is(newYork.localDay(at("2025-11-02T05:30:00Z")), day("2025-11-02")); // 01:30 EDT
  assert.is(newYork.localDay(at("2025-11-02T03:59:00Z")), day("2025-11-01")); // 23:59 EDT
  const pagoPago = createLocalCalendar("Pacific/Pago_Pago");
  assert.is(pagoPago.localDay(at("2025-04-01T10:59:00Z")), day("2025-03-31"));
});

// Compares the slot cache with Intl (through luxon) minute by minute on every UTC day of 2025 where
// the offset changes, and at scattered instants from 1960 to 2040 (Monrovia's -0:44:30 until 1972
// changed at 00:44:30 UTC, inside a 15-minute slot).
const ZONES = [
  "Europe/Paris",
  "America/New_York",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "America/St_Johns",
  "Pacific/Chatham",
  "Pacific/Auckland",
  "America/Santiago",
  "Africa/Monrovia",
  "UTC",
];

test("cached offsets equal Intl's around every 2025 transition and far from them", () => {
  for (const name of ZONES) {
    const zone = IANAZone.create(name);
    const calendar = createLocalCalendar(name);
    const checks: number[] = [];
    for (let dayStart = at("2025-01-01T00:00:00Z"); dayStart < at("2026-01-01T00:00:00Z"); dayStart += DAY) {
      if (zone.offset(dayStart) === zone.offset(dayStart + DAY)) continue;
      for (let minute = 0; minute <= 1440 * 2; minute++) checks.push(dayStart + minute * 60_000 - 1);
    }
    for (let i = 0; i < 4000; i++) checks.push(at("1960-01-01T00:00:00Z") + ((i * 7_919_777_123) % (80 * 365 * DAY)));
    checks.push(at("1972-01-07T00:44:29.999Z"), at("1972-01-07T00:44:30Z"));
    for (const ms of checks) {
      if (calendar.offsetMinutes(ms) !== zone.offset(ms)) {
        assert.unreachable(`${name} at ${new Date(ms).toISOString()}: ${calendar.offsetMinutes(ms)} vs ${zone.offset(ms)}`);
      }
    }
  }
});

test("Monrovia's odd historic offset is kept to the half minute", () => {
  const monrovia = createLocalCalendar("Africa/Monrovia");
  assert.is(monrovia.offsetMinutes(at("1972-01-07T00:44:29Z")), -44.5);
  assert.is(monrovia.offsetMinutes(at("1972-01-07T00:44:30Z")), 0);
});

test.run();
