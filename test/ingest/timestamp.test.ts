import {test} from "uvu";
import * as assert from "uvu/assert";
import {daysFromCivil, parseTimestamp} from "../../src/ingest/timestamp.js";

const paris = "Europe/Paris";
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);

test("Z and offsets in every form are instants", () => {
  assert.is(parseTimestamp("2025-03-01T10:00:00Z", paris), utc(2025, 3, 1, 10));
  assert.is(parseTimestamp("2025-03-01T10:00:00+01:00", paris), utc(2025, 3, 1, 9));
  assert.is(parseTimestamp("2025-03-01T10:00:00+0100", paris), utc(2025, 3, 1, 9));
  assert.is(parseTimestamp("2025-03-01T10:00:00+01", paris), utc(2025, 3, 1, 9));
  assert.is(parseTimestamp("2025-03-01T10:00:00-05:30", paris), utc(2025, 3, 1, 15, 30));
  assert.is(parseTimestamp("2025-03-01T00:30:00+02:00", paris), utc(2025, 2, 28, 22, 30));
});

test("space separator, optional seconds, any number of fractional digits (truncated to ms)", () => {
  assert.is(parseTimestamp("2025-03-01 10:00:00Z", paris), utc(2025, 3, 1, 10));
  assert.is(parseTimestamp("2025-03-01T10:07Z", paris), utc(2025, 3, 1, 10, 7));
  assert.is(parseTimestamp("2025-03-01T10:00:00.5Z", paris), utc(2025, 3, 1, 10, 0, 0, 500));
  assert.is(parseTimestamp("2025-03-01T10:00:00.123Z", paris), utc(2025, 3, 1, 10, 0, 0, 123));
  assert.is(parseTimestamp("2025-03-01T10:00:00.123999999Z", paris), utc(2025, 3, 1, 10, 0, 0, 123));
  assert.is(parseTimestamp("  2025-03-01T10:00:00Z ", paris), utc(2025, 3, 1, 10));
});

test("leap days: 2024-02-29 and 2000-02-29 exist, 2025-02-29 and 1900-02-29 do not", () => {
  assert.is(parseTimestamp("2024-02-29T12:00:00Z", paris), utc(2024, 2, 29, 12));
  assert.is(parseTimestamp("2000-02-29T12:00:00Z", paris), utc(2000, 2, 29, 12));
  assert.is(parseTimestamp("2025-02-29T12:00:00Z", paris), 'timestamp "2025-02-29T12:00:00Z" is not a valid date');
  assert.is(parseTimestamp("1900-02-29T12:00:00Z", paris), 'timestamp "1900-02-29T12:00:00Z" is not a valid date');
});

test("impossible dates and times are refused with a reason", () => {
  for (const text of [
    "2025-02-30T10:00:00Z",
    "2025-13-01T10:00:00Z",
    "2025-00-10T10:00:00Z",
    "2025-04-31T10:00:00Z",
    "2025-03-01T24:00:00Z",
    "2025-03-01T10:60:00Z",
    "2025-03-01T10:00:60Z",
    "2025-03-01T10:00:00+24:00",
  ]) {
    assert.is(parseTimestamp(text, paris), `timestamp "${text}" is not a valid date`, text);
  }
});

test("date-only, empty and other shapes are refused", () => {
  assert.is(parseTimestamp("2025-03-01", paris), 'timestamp "2025-03-01" is a date without a time');
  assert.is(parseTimestamp("", paris), "timestamp is empty");
  assert.is(parseTimestamp("   ", paris), "timestamp is empty");
  for (const text of [
    "yesterday",
    "2025-3-1T10:00:00Z",
    "2025-03-01T10Z",
    "2025-03-01T10:00:00ZZ",
    "2025-03-01T10:00:00 Z",
    "2025-03-01t10:00:00Z",
    "2025-03-01T10:00:00.Z",
    "2025-03-01T10:00:00+1",
    "2025-03-01  10:00:00Z",
    "1740823200000",
    "2025-03-01T10:00:00+01:0",
  ]) {
    assert.is(parseTimestamp(text, paris), `timestamp "${text}" is not an ISO 8601 date-time`, text);
  }
});

test("naive times are wall-clock times in the given zone", () => {
  assert.is(parseTimestamp("2025-01-15T10:00:00", paris), utc(2025, 1, 15, 9)); // CET +01:00
  assert.is(parseTimestamp("2025-07-15T10:00:00", paris), utc(2025, 7, 15, 8)); // CEST +02:00
  assert.is(parseTimestamp("2025-07-15T10:00:00", "UTC"), utc(2025, 7, 15, 10));
  assert.is(parseTimestamp("2025-07-15 10:00:00.250", "America/New_York"), utc(2025, 7, 15, 14, 0, 0, 250));
});

test("naive times on Paris's spring DST day (2025-03-30, 02:00 -> 03:00)", () => {
  assert.is(parseTimestamp("2025-03-30T01:59:00", paris), utc(2025, 3, 30, 0, 59));
  assert.is(parseTimestamp("2025-03-30T03:00:00", paris), utc(2025, 3, 30, 1));
  // 02:30 does not exist: moved forward by the gap, to 03:30 summer time
  assert.is(parseTimestamp("2025-03-30T02:30:00", paris), utc(2025, 3, 30, 1, 30));
});

test("naive times on Paris's autumn DST day (2025-10-26, 03:00 -> 02:00): ambiguous = first occurrence", () => {
  assert.is(parseTimestamp("2025-10-26T01:59:00", paris), utc(2025, 10, 25, 23, 59));
  assert.is(parseTimestamp("2025-10-26T02:30:00", paris), utc(2025, 10, 26, 0, 30)); // still +02:00
  assert.is(parseTimestamp("2025-10-26T03:00:00", paris), utc(2025, 10, 26, 2));
  // the same rule west of UTC and in the southern hemisphere
  assert.is(parseTimestamp("2024-11-03T01:30:00", "America/New_York"), utc(2024, 11, 3, 5, 30)); // EDT
  assert.is(parseTimestamp("2025-04-06T02:30:00", "Australia/Sydney"), utc(2025, 4, 5, 15, 30)); // AEDT
});

test("years before 100 and far from 1970 are not shifted", () => {
  assert.is(parseTimestamp("0050-06-01T00:00:00Z", paris), new Date(utc(2000, 6, 1)).setUTCFullYear(50));
  assert.is(parseTimestamp("1969-12-31T23:59:59.999Z", paris), -1);
  assert.is(daysFromCivil(1970, 1, 1), 0);
  assert.is(daysFromCivil(2000, 3, 1), 11_017);
});

test("the exact UTC millisecond shape reads like the general path, and its invalid dates are refused", () => {
  assert.is(parseTimestamp("2024-02-29T23:59:59.999Z", paris), utc(2024, 2, 29, 23, 59) + 59_999);
  assert.is(parseTimestamp("2023-01-01T05:02:21.149Z", paris), utc(2023, 1, 1, 5, 2) + 21_149);
  assert.is(parseTimestamp("2025-02-29T10:00:00.000Z", paris), 'timestamp "2025-02-29T10:00:00.000Z" is not a valid date');
  assert.is(parseTimestamp("2025-01-01T24:00:00.000Z", paris), 'timestamp "2025-01-01T24:00:00.000Z" is not a valid date');
  assert.is(parseTimestamp("2025-01-01T10:00:00.0a0Z", paris), 'timestamp "2025-01-01T10:00:00.0a0Z" is not an ISO 8601 date-time');
  assert.is(parseTimestamp("2025-01-01T10:00:00.000+", paris), 'timestamp "2025-01-01T10:00:00.000+" is not an ISO 8601 date-time');
});

test.run();
