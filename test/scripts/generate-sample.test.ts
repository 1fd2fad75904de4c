/**
 * The committed sample log: regenerates byte for byte, parses cleanly, and looks like a real
 * domain's activity (every action, fields consistent with the action, skewed users, office hours).
 */
import {readFileSync} from "node:fs";
import Papa from "papaparse";
import {test} from "uvu";
import * as assert from "uvu/assert";
import {SAMPLE_PATH} from "../../scripts/generate-sample.js";
import {generateSampleCsv} from "../../scripts/log-generator/sample-log.js";

const HEADER = "timestamp;domain_id;user_id;dataset_id;username;action;group_id;page_id;diff;map_id;reuse_title;subdomain_id";
const ACTIONS = [
  "add_dataset",
  "edit_dataset",
  "publish_dataset",
  "unpublish_dataset",
  "delete_dataset",
  "aborting_processing_dataset",
  "add_user_to_domain",
  "edit_domain_property",
  "add_page",
  "edit_page",
  "publish_page",
  "delete_page",
  "add_group",
  "edit_group",
  "add_user_to_group",
  "add_map",
  "edit_map",
  "add_reuse",
  "publish_reuse",
];

const fresh = generateSampleCsv();
const committed = readFileSync(SAMPLE_PATH, "utf8");
const parsed = Papa.parse<Record<string, string>>(fresh, {delimiter: ";", header: true, skipEmptyLines: true});
const rows = parsed.data;

test("the committed sample equals a fresh generation", () => {
  assert.ok(committed === fresh, "run `npm run sample` and commit data/sample-activity.csv");
});

test("same seed gives the same bytes, another seed other bytes", () => {
  const span = {firstDay: "2026-01-05", lastDay: "2026-02-01"};
  assert.is(generateSampleCsv({...span, seed: 5}), generateSampleCsv({...span, seed: 5}));
  assert.is.not(generateSampleCsv({...span, seed: 5}), generateSampleCsv({...span, seed: 6}));
});

test("header, size, row count, and every row has twelve fields", () => {
  assert.is(fresh.slice(0, fresh.indexOf("\n")), HEADER);
  assert.ok(Buffer.byteLength(fresh) < 1_000_000, "under the 1 MB commit limit");
  assert.ok(rows.length >= 3000 && rows.length <= 6000, `${rows.length} rows`);
  assert.equal(parsed.errors, []);
  const raw = Papa.parse<string[]>(fresh, {delimiter: ";", skipEmptyLines: true}).data;
  assert.ok(raw.every((fields) => fields.length === 12));
});

test("timestamps are ISO 8601 with ms and an offset, sorted, within ~15 months up to 2026-11-20", () => {
  const shape = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|\+0[12]:00)$/;
  const times = rows.map((row) => {
    assert.match(row.timestamp, shape);
    return Date.parse(row.timestamp);
  });
  assert.ok(
    times.every((time, i) => i === 0 || times[i - 1] <= time),
    "sorted ascending",
  );
  assert.ok(times[0] >= Date.parse("2025-08-01T00:00:00Z") && times[0] < Date.parse("2025-09-01T00:00:00Z"));
  assert.ok(rows[rows.length - 1].timestamp.startsWith("2026-11-20"));
  for (const suffix of ["Z", "+01:00", "+02:00"])
    assert.ok(
      rows.some((row) => row.timestamp.endsWith(suffix)),
      suffix,
    );
});

test("every action kind appears, one domain, three subdomains", () => {
  assert.equal([...new Set(rows.map((row) => row.action))].sort(), [...ACTIONS].sort());
  assert.equal([...new Set(rows.map((row) => row.domain_id))], ["metropole-opendata"]);
  assert.equal([...new Set(rows.map((row) => row.subdomain_id))].sort(), ["", "culture", "environnement", "mobilite"]);
});

test("fields follow the action", () => {
  for (const row of rows) {
    const where = `${row.timestamp} ${row.action}`;
    if (row.action.endsWith("_dataset") || row.action.endsWith("_reuse")) assert.ok(row.dataset_id, where);
    if (row.action.endsWith("_page")) assert.ok(row.page_id, where);
    if (row.action.includes("group")) assert.ok(row.group_id, where);
    if (row.action.endsWith("_map")) assert.ok(row.map_id, where);
    if (row.action.endsWith("_reuse")) assert.ok(row.reuse_title, where);
    assert.is(row.username !== "", row.action.startsWith("add_user_to_"), where);
    assert.is(row.diff !== "", row.action.startsWith("edit_"), where);
    if (row.diff) assert.type(JSON.parse(row.diff), "object");
  }
});

test("a dataset is never touched before it is added nor after it is deleted", () => {
  const added = new Map<string, number>();
  const deleted = new Map<string, number>();
  rows.forEach((row, i) => {
    if (row.action === "add_dataset") added.set(row.dataset_id, i);
    if (row.action === "delete_dataset") deleted.set(row.dataset_id, i);
  });
  rows.forEach((row, i) => {
    if (row.action === "add_reuse" || row.action === "publish_reuse") return; // a reuse names a dataset
    assert.ok(!(added.get(row.dataset_id)! > i), `${row.dataset_id} used on row ${i} before it is added`);
    assert.ok(!(deleted.get(row.dataset_id)! < i), `${row.dataset_id} used on row ${i} after it is deleted`);
  });
  assert.ok(added.size >= 10 && deleted.size >= 1);
});

test("users: ~25 ids, two power users, a bot, system rows, and usernames who never act", () => {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.user_id, (counts.get(row.user_id) ?? 0) + 1);
  const people = [...counts].filter(([id]) => id !== "" && id !== "data-team-bot").sort((a, b) => b[1] - a[1]);
  assert.ok(people.length >= 20 && people.length <= 30, `${people.length} people`);
  const peopleRows = people.reduce((sum, [, n]) => sum + n, 0);
  assert.ok(people[0][1] + people[1][1] > 0.4 * peopleRows, "two power users do most of the work");
  assert.ok(counts.get("data-team-bot")! > 100 && counts.get("")! > 10);
  assert.ok(rows.some((row) => row.username && !counts.has(row.username)));
});

test("office hours and weekdays dominate; CSV quoting is exercised", () => {
  const paris = rows.filter((row) => !row.timestamp.endsWith("Z"));
  const inOffice = paris.filter((row) => +row.timestamp.slice(11, 13) >= 8 && +row.timestamp.slice(11, 13) < 19);
  assert.ok(inOffice.length > 0.9 * paris.length);
  const weekend = paris.filter((row) => [0, 6].includes(new Date(row.timestamp.slice(0, 10)).getUTCDay()));
  assert.ok(weekend.length < 0.08 * paris.length, `${weekend.length} weekend rows`);
  assert.ok(rows.some((row) => row.reuse_title.includes('"')) && rows.some((row) => row.reuse_title.includes(";")));
  assert.ok(fresh.includes('"{""field"":'));
});

test.run();
