/**
 * The encoded path (addPeriodKeys' CodedColumns, rowsInPeriod's views, typed-array counts) against
 * a naive reference written here with plain loops over string rows, on a seeded random log of 2,000
 * rows whose ids and actions are hostile: integer-like ("2024"), prototype names ("__proto__"),
 * Arquero's key separator ("a|b"), "" (no id), quotes, accents, emoji.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import * as aq from "arquero";
import {computeIndicators} from "../../src/indicators/compute-indicators.js";
import type {PeriodIndicators} from "../../src/indicators/types.js";
import {addPeriodKeys} from "../../src/periods/add-period-keys.js";
import {CodedColumn} from "../../src/ingest/coded-column.js";
import {listPeriods} from "../../src/periods/list-periods.js";
import {rowsInPeriod} from "../../src/periods/rows-in-period.js";
import type {Period} from "../../src/periods/types.js";

const HOSTILE = ["2024", "__proto__", "constructor", "a|b", "", 'x"|"y', "toString", "10", "02", "é", "Z", "données 😀", "a,b", "hasOwnProperty"];
const ACTIONS = ["update", "publish", "2024", "__proto__", "constructor", "a|b", "7", "delete", "Éclair", "valueOf"];

let seed = 20250301;
const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
/** skewed towards the first values, so counts differ and ties still happen */
const pick = (values: string[]) => values[Math.floor(random() ** 2 * values.length)];
const ids = (prefix: string, count: number) => [...HOSTILE, ...Array.from({length: count}, (_, i) => `${prefix}-${i}`)];

type Row = {time: number; action: string; user_id: string; dataset_id: string; page_id: string; username: string};

function randomLog(rowCount: number): Row[] {
  const start = Date.parse("2024-11-20T00:00:00Z");
  const span = 500 * 86_400_000; // DST changes, ISO week 1, a year end, quarters, leap day
  const users = ids("user", 30);
  const datasets = ids("ds", 60);
  const pages = ids("page", 20);
  return Array.from({length: rowCount}, () => Math.floor(start + random() * span))
    .sort((a, b) => a - b)
    .map((time) => ({time, action: pick(ACTIONS), user_id: pick(users), dataset_id: pick(datasets), page_id: pick(pages), username: pick(users)}));
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byCountThenKey = ([ka, ca]: [string, number], [kb, cb]: [string, number]) => cb - ca || byString(ka, kb);

function tally(values: Iterable<string>): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort(byCountThenKey);
}

/** The indicators of one period, the slow and obvious way. */
function reference(rows: Record<string, string | number>[], period: Period, top: number): PeriodIndicators {
  const s = (row: Record<string, string | number>, name: string) => String(row[name]);
  const withUser = rows.filter((row) => s(row, "user_id") !== "");
  const cells = new Map<string, {bucket: string; action: string; count: number}>();
  const usersIn = new Map<string, Set<string>>();
  for (const row of rows) {
    const key = JSON.stringify([s(row, period.bucket), s(row, "action")]);
    const cell = cells.get(key) ?? {bucket: s(row, period.bucket), action: s(row, "action"), count: 0};
    cell.count++;
    cells.set(key, cell);
  }
  for (const row of withUser) {
    if (!usersIn.has(s(row, period.bucket))) usersIn.set(s(row, period.bucket), new Set());
    usersIn.get(s(row, period.bucket))!.add(s(row, "user_id"));
  }
  const topOf = (column: string) =>
    tally(rows.map((row) => s(row, column)).filter((id) => id !== ""))
      .slice(0, top)
      .map(([id, count]) => ({
        [column]: id,
        count,
        byAction: Object.fromEntries(tally(rows.filter((row) => s(row, column) === id).map((row) => s(row, "action")))),
      }));
  const users = new Set(withUser.map((row) => s(row, "user_id"))).size;
  const distinct = (column: string) => new Set(rows.map((row) => s(row, column)).filter((id) => id !== "")).size;
  return {
    period: {type: period.type, key: period.key, start: period.start, end: period.end, timeZone: period.timeZone},
    totals: {actions: rows.length, users, datasets: distinct("dataset_id"), pages: distinct("page_id"), actionsPerUser: users ? withUser.length / users : 0},
    comparison: null,
    dataFrom: null,
    previousAction: null,
    actions: {
      bucket: period.bucket,
      buckets: period.buckets,
      series: [...cells.values()].sort((a, b) => byString(a.bucket, b.bucket) || byString(a.action, b.action)),
    },
    usersOverTime: [...usersIn].sort(([a], [b]) => byString(a, b)).map(([bucket, set]) => ({bucket, users: set.size})),
    actionsByUser: tally(withUser.map((row) => s(row, "user_id"))).map(([user_id, count]) => ({user_id, count})),
    topUsers: topOf("user_id") as PeriodIndicators["topUsers"],
    topDatasets: topOf("dataset_id") as PeriodIndicators["topDatasets"],
    topPages: topOf("page_id") as PeriodIndicators["topPages"],
    distribution: tally(rows.map((row) => s(row, "action"))).map(([action, count]) => ({action, count, share: count / rows.length})),
    byWeekday: WEEKDAYS.map((name, i) => {
      const onDay = rows.filter((row) => localWeekday.format(row.time as number) === name);
      return {weekday: i + 1, actions: onDay.length, users: new Set(onDay.map((row) => s(row, "user_id")).filter((id) => id !== "")).size};
    }),
  };
}

/** the weekday of an instant in Paris, from Intl rather than the rows' day keys */
const localWeekday = new Intl.DateTimeFormat("en-US", {timeZone: "Europe/Paris", weekday: "short"});
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

const log = randomLog(2000);
const keyed = addPeriodKeys(aq.table(Object.fromEntries(Object.keys(log[0]).map((name) => [name, log.map((row) => row[name as keyof Row])]))), "Europe/Paris");
const keyedRows = keyed.objects() as Record<string, string | number>[];
const periods = listPeriods(keyed, {timeZone: "Europe/Paris", asOf: "2026-04-02"});

test("the random log has what the test means to exercise", () => {
  assert.ok(keyed.column("user_id") instanceof CodedColumn);
  assert.ok(periods.length > 100, `${periods.length} periods`);
  for (const id of ["2024", "__proto__", "constructor", "a|b", ""])
    assert.ok(
      keyedRows.some((row) => row.user_id === id),
      id,
    );
});

test("every period: the encoded path gives the reference's indicators, key order included", () => {
  for (const period of periods) {
    const inPeriod = keyedRows.filter((row) => (row.time as number) >= period.startMs && (row.time as number) < period.countedEndMs);
    const expected = reference(inPeriod, period, 5);
    const actual = computeIndicators(rowsInPeriod(keyed, period), {period, top: 5});
    assert.equal(actual, expected, period.path);
    assert.is(JSON.stringify(actual), JSON.stringify(expected), period.path);
  }
});

test("plain string columns (no CodedColumn) give the same indicators", () => {
  const plain = aq.table(Object.fromEntries(keyed.columnNames().map((name) => [name, keyed.array(name)])));
  assert.not.ok(plain.column("action") instanceof CodedColumn);
  for (const period of periods.filter((p) => p.type !== "week")) {
    assert.equal(computeIndicators(rowsInPeriod(plain, period), {period}), computeIndicators(rowsInPeriod(keyed, period), {period}), period.path);
  }
});

test("long top lists (sorted, not kept by insertion) and a top of one", () => {
  const all = periods.find((p) => p.type === "all")!;
  for (const top of [1, 3, 40, 1000]) {
    const actual = computeIndicators(rowsInPeriod(keyed, all), {period: all, top});
    const inAll = keyedRows.filter((row) => (row.time as number) < all.countedEndMs);
    assert.is(JSON.stringify(actual), JSON.stringify(reference(inAll, all, top)), `top ${top}`);
  }
});

test("byAction: __proto__ is an own key; integer-like actions come first, the rest by count then name", () => {
  const all = periods.find((p) => p.type === "all")!;
  const [leader] = computeIndicators(rowsInPeriod(keyed, all), {period: all}).topDatasets;
  assert.ok(Object.hasOwn(leader.byAction, "__proto__"));
  const keys = Object.keys(leader.byAction);
  const integerLike = keys.filter((key) => /^(0|[1-9]\d*)$/.test(key));
  assert.equal(keys.slice(0, integerLike.length), integerLike);
  const rest = keys.slice(integerLike.length);
  assert.equal(
    rest,
    [...rest].sort((a, b) => leader.byAction[b] - leader.byAction[a] || byString(a, b)),
  );
});

test.run();
