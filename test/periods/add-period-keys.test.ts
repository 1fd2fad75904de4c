import {test} from "uvu";
import * as assert from "uvu/assert";
import * as aq from "arquero";
import {ConfigError} from "../../src/errors.js";
import {addPeriodKeys, encodeStrings, PERIOD_KEY_COLUMNS} from "../../src/periods/add-period-keys.js";
import {CodedColumn, EMPTY_CODE} from "../../src/ingest/coded-column.js";

/** A log of one event per instant, keyed in `zone`; returns each row's keys as "day week month quarter year". */
function keysOf(zone: string, instants: string[]): string[] {
  const table = aq.table({time: instants.map((iso) => Date.parse(iso)), action: instants.map(() => "update")});
  return addPeriodKeys(table, zone)
    .objects()
    .map((row) => {
      const r = row as Record<string, string>;
      return `${r.day} ${r.week} ${r.month} ${r.quarter} ${r.year}`;
    });
}

test("adds the five key columns after the existing ones and keeps every row", () => {
  const table = aq.table({time: [Date.parse("2025-03-01T10:00:00Z")], user_id: ["u1"]});
  const keyed = addPeriodKeys(table, "UTC");
  assert.equal(keyed.columnNames(), ["time", "user_id", ...PERIOD_KEY_COLUMNS]);
  assert.equal(keyed.objects(), [
    {
      time: Date.parse("2025-03-01T10:00:00Z"),
      user_id: "u1",
      day: "2025-03-01",
      week: "2025-W09",
      month: "2025-03",
      quarter: "2025-Q1",
      year: "2025",
    },
  ]);
});

test("Europe/Paris: days around the 23-hour and 25-hour days", () => {
  assert.equal(
    keysOf("Europe/Paris", [
      "2025-03-29T22:59:00Z", // 23:59 +01:00
      "2025-03-29T23:30:00Z", // 00:30 +01:00 on the 30th
      "2025-03-30T21:59:00Z", // 23:59 +02:00
      "2025-03-30T22:00:00Z", // 00:00 +02:00 on the 31st
      "2025-10-25T22:30:00Z", // 00:30 +02:00 on the 26th
      "2025-10-26T22:59:00Z", // 23:59 +01:00
      "2025-10-26T23:00:00Z", // 00:00 +01:00 on the 27th
    ]),
    [
      "2025-03-29 2025-W13 2025-03 2025-Q1 2025",
      "2025-03-30 2025-W13 2025-03 2025-Q1 2025",
      "2025-03-30 2025-W13 2025-03 2025-Q1 2025",
      "2025-03-31 2025-W14 2025-03 2025-Q1 2025",
      "2025-10-26 2025-W43 2025-10 2025-Q4 2025",
      "2025-10-26 2025-W43 2025-10 2025-Q4 2025",
      "2025-10-27 2025-W44 2025-10 2025-Q4 2025",
    ],
  );
});

test("America/New_York: the DST mornings of 2025", () => {
  assert.equal(
    keysOf("America/New_York", [
      "2025-03-09T04:59:00Z", // 23:59 EST on the 8th
      "2025-03-09T06:30:00Z", // 01:30 EST
      "2025-03-09T07:30:00Z", // 03:30 EDT
      "2025-11-02T03:59:00Z", // 23:59 EDT on the 1st
      "2025-11-02T05:30:00Z", // 01:30 EDT
      "2025-11-02T06:30:00Z", // 01:30 EST
    ]).map((keys) => keys.slice(0, 10)),
    ["2025-03-08", "2025-03-09", "2025-03-09", "2025-11-01", "2025-11-02", "2025-11-02"],
  );
});

test("month and year ends in zones far from UTC", () => {
  assert.equal(keysOf("Pacific/Auckland", ["2025-03-31T10:59:00Z", "2025-03-31T11:00:00Z", "2025-03-31T12:00:00Z"]), [
    "2025-03-31 2025-W14 2025-03 2025-Q1 2025", // 23:59 +13:00
    "2025-04-01 2025-W14 2025-04 2025-Q2 2025",
    "2025-04-01 2025-W14 2025-04 2025-Q2 2025",
  ]);
  assert.equal(keysOf("Pacific/Kiritimati", ["2025-12-31T09:59:00Z", "2025-12-31T10:00:00Z"]), [
    "2025-12-31 2026-W01 2025-12 2025-Q4 2025", // 23:59 +14:00
    "2026-01-01 2026-W01 2026-01 2026-Q1 2026",
  ]);
  assert.equal(keysOf("Pacific/Pago_Pago", ["2025-01-01T10:59:00Z", "2025-01-01T11:00:00Z"]), [
    "2024-12-31 2025-W01 2024-12 2024-Q4 2024", // 23:59 -11:00
    "2025-01-01 2025-W01 2025-01 2025-Q1 2025",
  ]);
});

test("ISO week 53 keys", () => {
  assert.equal(keysOf("UTC", ["2021-01-03T12:00:00Z", "2026-12-31T12:00:00Z", "2027-01-03T23:59:59Z"]), [
    "2021-01-03 2020-W53 2021-01 2021-Q1 2021",
    "2026-12-31 2026-W53 2026-12 2026-Q4 2026",
    "2027-01-03 2026-W53 2027-01 2027-Q1 2027",
  ]);
});

test("the same instant gets other keys in other zones", () => {
  const instant = ["2025-06-30T23:30:00Z"];
  assert.is(keysOf("UTC", instant)[0], "2025-06-30 2025-W27 2025-06 2025-Q2 2025");
  assert.is(keysOf("Europe/Paris", instant)[0], "2025-07-01 2025-W27 2025-07 2025-Q3 2025");
  assert.is(keysOf("America/Los_Angeles", instant)[0], "2025-06-30 2025-W27 2025-06 2025-Q2 2025");
});

test("an empty table gets the key columns and no rows", () => {
  const keyed = addPeriodKeys(aq.table({time: [] as number[], action: [] as string[]}), "Europe/Paris");
  assert.equal(keyed.columnNames(), ["time", "action", ...PERIOD_KEY_COLUMNS]);
  assert.is(keyed.numRows(), 0);
});

test("an unknown zone is a ConfigError", () => {
  assert.throws(
    () => addPeriodKeys(aq.table({time: [0]}), "Mars/Base"),
    (error: unknown) => error instanceof ConfigError && /unknown time zone "Mars\/Base"/.test(error.message),
  );
});

test('action and the ids become CodedColumns in place: same strings, sorted dictionary, "" as code 0', () => {
  const table = aq.table({
    time: [1, 2, 3, 4].map((h) => Date.parse(`2025-03-01T0${h}:00:00Z`)),
    action: ["update", "Zeta", "alpha", "update"],
    user_id: ["bob", "", "alice", "bob"],
    username: ["x", "y", "z", "w"],
  });
  const keyed = addPeriodKeys(table, "UTC");
  assert.equal(keyed.columnNames(), ["time", "action", "user_id", "username", ...PERIOD_KEY_COLUMNS]);
  const action = keyed.column("action") as CodedColumn;
  const user = keyed.column("user_id") as CodedColumn;
  assert.ok(action instanceof CodedColumn && user instanceof CodedColumn);
  assert.not.ok(keyed.column("username") instanceof CodedColumn);
  assert.equal(keyed.array("action"), ["update", "Zeta", "alpha", "update"]);
  assert.equal(keyed.array("user_id"), ["bob", "", "alice", "bob"]);
  // plain string order: "Z" (90) < "a" (97) < "u" (117); "" is always code 0, present or not
  assert.equal(action.dictionary, ["", "Zeta", "alpha", "update"]);
  assert.equal([...action.codes], [3, 1, 2, 3]);
  assert.equal(user.dictionary, ["", "alice", "bob"]);
  assert.equal([...user.codes], [2, EMPTY_CODE, 1, 2]);
});

test("the key columns are CodedColumns whose codes follow the calendar", () => {
  const instants = ["2025-12-30T12:00:00Z", "2025-12-31T12:00:00Z", "2026-01-05T12:00:00Z", "2026-01-01T12:00:00Z"];
  const keyed = addPeriodKeys(aq.table({time: instants.map((iso) => Date.parse(iso))}), "UTC");
  const week = keyed.column("week") as CodedColumn;
  assert.ok(week instanceof CodedColumn);
  assert.equal(week.dictionary, ["", "2026-W01", "2026-W02"]);
  assert.equal([...week.codes], [1, 1, 2, 1]);
  assert.equal((keyed.column("year") as CodedColumn).dictionary, ["", "2025", "2026"]);
});

test('encodeStrings reads null and undefined as ""; a CodedColumn slice is a view', () => {
  const values = ["b", null, "a", undefined, "b", ""];
  const column = encodeStrings(values.length, (row) => values[row]);
  assert.equal([...column], ["b", "", "a", "", "b", ""]);
  assert.equal(column.dictionary, ["", "a", "b"]);
  const slice = column.slice(2, 5);
  assert.equal([slice.length, slice.at(0), slice.at(2)], [3, "a", "b"]);
  assert.is(slice.codes.buffer, column.codes.buffer);
  assert.is(slice.dictionary, column.dictionary);
});

test.run();
