/** Paris offsets around the EU changes of 2025 and 2026, worked out by hand from the calendar. */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {formatParis, formatUtc, parisOffsetMinutes, parisWallToUtc} from "../../../scripts/log-generator/paris-time.js";

test("offset flips at 01:00 UTC on the last Sundays of March and October", () => {
  assert.is(parisOffsetMinutes(Date.parse("2025-03-30T00:59:59.999Z")), 60);
  assert.is(parisOffsetMinutes(Date.parse("2025-03-30T01:00:00.000Z")), 120);
  assert.is(parisOffsetMinutes(Date.parse("2025-10-26T00:59:59.999Z")), 120);
  assert.is(parisOffsetMinutes(Date.parse("2025-10-26T01:00:00.000Z")), 60);
  assert.is(parisOffsetMinutes(Date.parse("2026-03-29T01:00:00.000Z")), 120);
  assert.is(parisOffsetMinutes(Date.parse("2026-01-15T12:00:00.000Z")), 60);
});

test("formatParis writes the wall clock with its offset", () => {
  assert.is(formatParis(Date.parse("2025-03-04T08:15:27.123Z")), "2025-03-04T09:15:27.123+01:00");
  assert.is(formatParis(Date.parse("2025-07-14T10:00:00.000Z")), "2025-07-14T12:00:00.000+02:00");
  assert.is(formatParis(Date.parse("2025-12-31T23:30:00.000Z")), "2026-01-01T00:30:00.000+01:00");
  assert.is(formatUtc(Date.parse("2025-07-14T10:00:00Z")), "2025-07-14T10:00:00.000Z");
});

test("parisWallToUtc: ordinary, skipped and repeated wall times", () => {
  assert.is(formatUtc(parisWallToUtc(Date.UTC(2025, 2, 4, 9, 15))), "2025-03-04T08:15:00.000Z");
  assert.is(formatUtc(parisWallToUtc(Date.UTC(2025, 6, 14, 12))), "2025-07-14T10:00:00.000Z");
  // 02:30 does not exist on 2026-03-29: it lands at 03:30 summer time
  assert.is(formatParis(parisWallToUtc(Date.UTC(2026, 2, 29, 2, 30))), "2026-03-29T03:30:00.000+02:00");
  // 02:30 happens twice on 2026-10-25: the first (summer) one is taken
  assert.is(formatUtc(parisWallToUtc(Date.UTC(2026, 9, 25, 2, 30))), "2026-10-25T00:30:00.000Z");
});

test.run();
