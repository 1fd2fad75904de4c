/**
 * Incremental builds keep the feature's promise: a build that reuses the cache (parsed log, period
 * files) gives BYTE-IDENTICAL output to a cold build (`--no-cache`) of the same inputs and options at
 * the same `now`. Each scenario builds v1 with cache C (cold), changes the inputs, builds v2 into the
 * same out with cache C, builds v2 cold into another out with `no-cache`, and compares both trees
 * file by file, ignoring nothing. It also checks the mode the build reports (`ingestMode`, `reused`,
 * `rendered`), so that a silent fallback to a cold build fails too.
 *
 * The logs come from a tiny deterministic generator below (a few hundred rows, 5 January to
 * 20 March 2026, 8 users, 6 datasets, 4 pages, 8 actions; `diff` holds JSON with quotes and commas,
 * some `reuse_title` cells hold a newline; timestamps with `Z`, with `+02:00` or naive; a few
 * duplicates and one bad timestamp), written as CSV or NDJSON. Scenarios 1-10 are the appended,
 * rewritten and removed inputs of the brief; 11-16 change the whole log in ways a period's own rows do
 * not show (a file sorting first, a new column, domain or action) or publish into the out behind the
 * cache's back. It does not test the cache's format.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {appendFile, mkdir, mkdtemp, readdir, readFile, rm, stat, unlink, utimes, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {build, type BuildEffects, type BuildSummary} from "../../src/build.js";
import {inputsResized} from "../../src/fingerprint.js";
import {buildConfig} from "../../src/config.js";

const NOW = "2026-04-01T06:00:00.000Z";
const TZ = "Europe/Paris";
const AS_OF = "2026-03-31";
/** the base log's days: Monday 5 January to Friday 20 March 2026 (2026-W02 to 2026-W12) */
const FIRST_DAY = "2026-01-05";
const DAYS = 75;

/** A built (not up-to-date) summary: these fields are optional in BuildSummary, and asserted here. */
type Summary = BuildSummary & {reused: number; rendered: number; ingestMode: "cold" | "append" | "reexport"; ingestReason?: string; knownRows?: number};

const effects: BuildEffects = {now: () => new Date(NOW), log: () => {}, progress: () => {}};

/**
 * One build in this process: charts on the main thread (faster for tiny logs), fixed clock. As the
 * CLI does: an input whose size changed since the cache read it has the cache read early, while
 * the build hashes the inputs (pipeline/up-to-date.ts); other builds read it at the ingest.
 */
async function runBuild(inputs: string[], out: string, flags: Record<string, unknown>): Promise<Summary> {
  const config = buildConfig({input: inputs, out, tz: TZ, "as-of": AS_OF, "max-rejected": "50", workers: "0", quiet: true, ...flags});
  // the build reads its cache early when an input was resized since the cache read it
  if (config.cache !== null && (await inputsResized(config))) earlyReads++;
  return (await build(config, effects)) as Summary;
}

/** how many builds had their cache read early (checked at the end: the CLI's path is taken) */
let earlyReads = 0;

// ---------------------------------------------------------------------------------------------
// A tiny deterministic log generator

type LogRow = Record<string, string>;

const COLUMNS = [
  "timestamp",
  "domain_id",
  "user_id",
  "dataset_id",
  "username",
  "action",
  "group_id",
  "page_id",
  "diff",
  "map_id",
  "reuse_title",
  "subdomain_id",
];
const USERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];
const DATASETS = ["roads", "trees", "bike-lanes", "air-quality", "budget-2026", "schools"];
const PAGES = ["home", "about", "open-data", "map-view"];
const ACTIONS = ["edit_dataset", "publish_dataset", "create_dataset", "delete_dataset", "edit_page", "publish_page", "add_user_to_domain", "edit_map"];
const DAY_MS = 86_400_000;

/** mulberry32: the same seed gives the same numbers on every run */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dayAfter = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const pad = (n: number): string => String(n).padStart(2, "0");

/**
 * `count` rows on `day`, in time order. Timestamps rotate through three forms: an instant in UTC
 * (`Z`, some with milliseconds), the same kind of instant written with `+02:00`, and a naive
 * wall-clock time (read in the report's zone); hours stay between 06 and 21 (no DST gap).
 */
function rowsOfDay(day: string, count: number, seed: number, domain = "demo-domain"): LogRow[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const seconds = Array.from({length: count}, () => 6 * 3600 + Math.floor(next() * 16 * 3600)).sort((a, b) => a - b);
  return seconds.map((s, i) => {
    const [h, m, sec] = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60];
    const form = (seed + i) % 3;
    const timestamp =
      form === 0
        ? `${day}T${pad(h)}:${pad(m)}:${pad(sec)}${i % 4 === 0 ? ".250" : ""}Z`
        : form === 1
          ? `${day}T${pad(Math.min(h + 2, 23))}:${pad(m)}:${pad(sec)}+02:00`
          : `${day}T${pad(h)}:${pad(m)}:${pad(sec)}`;
    const action = pick(ACTIONS);
    const dataset = action.endsWith("_dataset") ? pick(DATASETS) : "";
    const page = action.endsWith("_page") ? pick(PAGES) : "";
    const user = pick(USERS);
    const diff = next() < 0.6 ? JSON.stringify({field: "title", old: `${dataset || page || "x"}, v${i}`, new: `"${user}" said, hello`}) : "";
    return {
      timestamp,
      domain_id: domain,
      user_id: user,
      dataset_id: dataset,
      username: action === "add_user_to_domain" ? pick(USERS) : "",
      action,
      group_id: next() < 0.2 ? "editors" : "",
      page_id: page,
      diff,
      map_id: action === "edit_map" ? `map-${Math.floor(next() * 3)}` : "",
      reuse_title: next() < 0.05 ? "Line one,\nline two" : "",
      subdomain_id: "",
    };
  });
}

/**
 * The base log, day by day: about five rows a day, an exact duplicate of an earlier row every few
 * days, and one row whose timestamp is not a date (2026-02-30) on 10 February.
 */
function baseDays(seed = 1): {day: string; rows: LogRow[]}[] {
  const days: {day: string; rows: LogRow[]}[] = [];
  for (let d = 0; d < DAYS; d++) {
    const day = dayAfter(FIRST_DAY, d);
    const rows = rowsOfDay(day, 3 + ((d * 7 + seed) % 5), seed * 1000 + d);
    if (d % 9 === 4) rows.push({...rows[0]});
    if (day === "2026-02-10") rows.push({...rows[0], timestamp: "2026-02-30T10:00:00Z", user_id: "mallory"});
    days.push({day, rows});
  }
  return days;
}

const csvCell = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const csvRows = (rows: LogRow[], columns = COLUMNS): string => rows.map((row) => columns.map((c) => csvCell(row[c] ?? "")).join(",") + "\n").join("");
const csvText = (rows: LogRow[], columns = COLUMNS): string => columns.join(",") + "\n" + csvRows(rows, columns);
/** NDJSON leaves empty fields out or null, as an API export would */
const ndjsonRows = (rows: LogRow[]): string =>
  rows
    .map(
      (row, i) =>
        JSON.stringify(
          Object.fromEntries(
            Object.entries(row)
              .filter(([, v]) => v !== "" || i % 2 === 0)
              .map(([k, v]) => [k, v === "" ? null : v]),
          ),
        ) + "\n",
    )
    .join("");

/** Writes the base log as one file and returns its path. */
async function writeSingleLog(dir: string, format: "csv" | "ndjson"): Promise<string> {
  const rows = baseDays().flatMap((d) => d.rows);
  const file = path.join(dir, `log.${format}`);
  await writeFile(file, format === "csv" ? csvText(rows) : ndjsonRows(rows));
  return file;
}

/** Writes the base log as one CSV file a day (logs/2026-01-05.csv ...) and returns the folder. */
async function writeDailyLogs(dir: string): Promise<string> {
  const logs = path.join(dir, "logs");
  await mkdir(logs);
  for (const {day, rows} of baseDays()) await writeFile(path.join(logs, `${day}.csv`), csvText(rows));
  return logs;
}

/** Replaces the first occurrence of `from` at or after the middle of the file with `to`. */
async function rewriteMiddle(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, "utf8");
  const at = text.indexOf(from, Math.floor(text.length / 2));
  assert.ok(at > 0, `${from} not found in the second half of ${file}`);
  await writeFile(file, text.slice(0, at) + to + text.slice(at + from.length));
}

// ---------------------------------------------------------------------------------------------
// Comparing two output trees

/** Every file and folder (folders end with "/") under `root`, relative, sorted. */
async function listTree(root: string, dir = ""): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), {withFileTypes: true});
  const nested = await Promise.all(
    entries.map(async (e) => {
      const relative = path.posix.join(dir, e.name);
      return e.isDirectory() ? [`${relative}/`, ...(await listTree(root, relative))] : [relative];
    }),
  );
  return nested.flat().sort();
}

const context = (bytes: Buffer, at: number): string => JSON.stringify(bytes.subarray(Math.max(0, at - 40), at + 40).toString("utf8"));

/**
 * Asserts that `incremental` and `cold` hold the same files with the same bytes. On a difference the
 * message names the files only on one side, every file that differs, and, for the first of them, the
 * first differing byte offset with 80 bytes of context from each side.
 */
async function compareTrees(incremental: string, cold: string, about = ""): Promise<void> {
  const [a, b] = await Promise.all([listTree(incremental), listTree(cold)]);
  const onlyA = a.filter((f) => !b.includes(f));
  const onlyB = b.filter((f) => !a.includes(f));
  const problems: string[] = [];
  if (onlyA.length > 0) problems.push(`only in the incremental build: ${onlyA.join(", ")}`);
  if (onlyB.length > 0) problems.push(`only in the cold build: ${onlyB.join(", ")}`);
  const differing: string[] = [];
  let first = "";
  for (const file of a.filter((f) => !f.endsWith("/") && b.includes(f))) {
    const [x, y] = await Promise.all([readFile(path.join(incremental, file)), readFile(path.join(cold, file))]);
    if (x.equals(y)) continue;
    differing.push(file);
    if (first !== "") continue;
    let at = 0;
    while (at < x.length && at < y.length && x[at] === y[at]) at++;
    first = `${file} (${x.length} vs ${y.length} bytes) first differs at byte ${at}:\n      incremental: ${context(x, at)}\n      cold:        ${context(y, at)}`;
  }
  if (differing.length > 0)
    problems.push(
      `${differing.length} of ${a.length} entries differ: ${differing.slice(0, 12).join(", ")}${differing.length > 12 ? ", ..." : ""}\n    ${first}`,
    );
  assert.ok(problems.length === 0, `incremental build differs from the cold build${about ? ` [${about}]` : ""}:\n    ${problems.join("\n    ")}`);
}

const modeOf = (s: Summary): string =>
  `ingestMode ${s.ingestMode}${s.ingestReason ? ` (${s.ingestReason})` : ""}, reused ${s.reused}, rendered ${s.rendered} of ${s.periods} periods`;

// ---------------------------------------------------------------------------------------------
// One scenario: v1 cold with cache C, change, v2 with cache C, v2 cold without a cache, compare

let root = "";

interface Outcome {
  out: string;
  v1: Summary;
  v2: Summary;
}

interface Scenario {
  /** writes the v1 inputs into `dir`; returns the --input paths */
  write: (dir: string) => Promise<string[]>;
  /** changes the inputs in place for v2 */
  change: (inputs: string[], dir: string) => Promise<void>;
  /** options of v2 (both builds), e.g. another time zone */
  v2Flags?: Record<string, unknown>;
  /** options of v1, e.g. an earlier as-of day */
  v1Flags?: Record<string, unknown>;
  /** called between v1 and the change, e.g. to note inode numbers */
  afterV1?: (out: string) => Promise<void>;
}

async function runScenario(name: string, scenario: Scenario): Promise<Outcome> {
  const dir = await mkdtemp(path.join(root, `${name}-`));
  const out = path.join(dir, "site");
  const cache = path.join(dir, "cache");
  const inputs = await scenario.write(dir);
  const v1 = await runBuild(inputs, out, {cache, ...scenario.v1Flags});
  assert.is(v1.ingestMode, "cold", `v1 has no cache yet: ${modeOf(v1)}`);
  assert.is(v1.reused, 0, `v1 has nothing to reuse: ${modeOf(v1)}`);
  await scenario.afterV1?.(out);
  await scenario.change(inputs, dir);
  const v2 = await runBuild(inputs, out, {cache, ...scenario.v2Flags});
  const cold = await runBuild(inputs, path.join(dir, "cold"), {"no-cache": true, ...scenario.v2Flags});
  assert.not.ok(v2.upToDate, "v2 changed something: it cannot be up to date");
  assert.is(cold.ingestMode, "cold", `the --no-cache build: ${modeOf(cold)}`);
  assert.equal([cold.reused, cold.rendered], [0, cold.periods], `the --no-cache build renders every period: ${modeOf(cold)}`);
  await compareTrees(out, path.join(dir, "cold"), `v2: ${modeOf(v2)}`);
  assert.is(v2.reused + v2.rendered, v2.periods, `every period is either reused or rendered: ${modeOf(v2)}`);
  return {out, v1, v2};
}

/** Asserts an incremental build that parsed only the new bytes and kept some periods. */
function assertAppended(v2: Summary): void {
  assert.is(v2.ingestMode, "append", modeOf(v2));
  assert.ok(v2.reused > 0, `some periods are reused: ${modeOf(v2)}`);
  assert.ok(v2.rendered < v2.periods, `not every period is rendered: ${modeOf(v2)}`);
}

/** Asserts the only input, replaced, read again with its known rows taken from the cache: `known` of them. */
function assertReexported(v2: Summary, file: string, known: number): void {
  assert.is(v2.ingestMode, "reexport", modeOf(v2));
  assert.ok(v2.ingestReason?.includes(path.basename(file)), `ingestReason names ${path.basename(file)}: ${modeOf(v2)}`);
  assert.is(v2.knownRows, known, `every row read before is known: ${modeOf(v2)}`);
}

/** Asserts a full re-read whose reason names `file`. */
function assertColdBecauseOf(v2: Summary, file: string): void {
  assert.is(v2.ingestMode, "cold", modeOf(v2));
  assert.ok(v2.ingestReason?.includes(path.basename(file)), `ingestReason names ${path.basename(file)}: ${modeOf(v2)}`);
}

test.before(async () => {
  root = await mkdtemp(path.join(tmpdir(), "ar-incremental-"));
});

test.after(async () => {
  await rm(root, {recursive: true, force: true});
});

// ---------------------------------------------------------------------------------------------
// Scenarios

/** inode numbers of files in scenario 1's v1 output, noted before the change */
const v1Inodes = new Map<string, number>();
let daily: Outcome | undefined;
const inodeOf = async (file: string): Promise<number> => (await stat(file)).ino;

test("1. a folder of daily CSV files gets a new file for the next day: append, identical to cold", async () => {
  daily = await runScenario("daily", {
    write: async (dir) => [await writeDailyLogs(dir)],
    afterV1: async (out) => {
      for (const folder of ["week/2026-W02", "week/2026-W12", "month/2026-03", "month/2026-01"]) {
        for (const name of ["index.html", "indicators.json", "charts.json", "activity.csv", "activity.json"]) {
          v1Inodes.set(`${folder}/${name}`, await inodeOf(path.join(out, folder, name)));
        }
      }
    },
    // Saturday 21 March: still 2026-W12, March and Q1; no new period
    change: async ([logs]) => writeFile(path.join(logs, "2026-03-21.csv"), csvText(rowsOfDay("2026-03-21", 30, 77))),
  });
  assertAppended(daily.v2);
  assert.is(daily.v2.periods, daily.v1.periods, "a day inside the last week adds no period");
});

test("1. the untouched week keeps its files (same inodes); the newest week and month are rewritten", async () => {
  assert.ok(daily, "scenario 1 ran");
  const now = async (file: string) => inodeOf(path.join(daily!.out, file));
  for (const name of ["index.html", "indicators.json", "charts.json", "activity.csv", "activity.json"]) {
    // 2026-W02 is the first week: its rows and its neighbours (none before, W03 after) did not change
    assert.is(await now(`week/2026-W02/${name}`), v1Inodes.get(`week/2026-W02/${name}`), `week/2026-W02/${name} was rewritten`);
    assert.is(await now(`month/2026-01/${name}`), v1Inodes.get(`month/2026-01/${name}`), `month/2026-01/${name} was rewritten`);
  }
  for (const page of ["week/2026-W12/index.html", "month/2026-03/index.html", "week/2026-W12/indicators.json", "month/2026-03/activity.csv"]) {
    assert.is.not(await now(page), v1Inodes.get(page), `${page} has new rows: it must be rewritten`);
  }
});

test("2. a single CSV file grows by 30 rows of a later day (a new week): append, identical to cold", async () => {
  const {v1, v2} = await runScenario("grow-csv", {
    write: async (dir) => [await writeSingleLog(dir, "csv")],
    // Tuesday 24 March falls in 2026-W13, quiet until then
    change: async ([file]) => appendFile(file, csvRows(rowsOfDay("2026-03-24", 30, 78))),
  });
  assertAppended(v2);
  assert.is(v2.periods, v1.periods, "2026-W13 was listed already, quiet");
  assert.is(v2.rows, v1.rows + 30);
});

test("3. a single NDJSON file grows by 30 rows of a later day: append, identical to cold", async () => {
  const {v1, v2} = await runScenario("grow-ndjson", {
    write: async (dir) => [await writeSingleLog(dir, "ndjson")],
    change: async ([file]) => appendFile(file, ndjsonRows(rowsOfDay("2026-03-26", 30, 79))),
  });
  assertAppended(v2);
  assert.is(v2.rows, v1.rows + 30);
});

test("4. appended rows with duplicates (of an old row, and within the append) and a bad timestamp", async () => {
  let badLine = 0;
  const {v1, v2, out} = await runScenario("dup-reject", {
    write: async (dir) => [await writeSingleLog(dir, "csv")],
    change: async ([file]) => {
      const before = await readFile(file, "utf8");
      const oldRow = csvRows([baseDays().flatMap((d) => d.rows)[19]]); // a row of January, as written
      const fresh = rowsOfDay("2026-03-23", 25, 80);
      const bad = {...fresh[3], timestamp: "2026-03-23T25:61:00Z", user_id: "late-reject"};
      const appended = csvRows(fresh.slice(0, 10)) + oldRow + csvRows([fresh[5], bad]) + csvRows(fresh.slice(10));
      // the bad row starts after the old text, the ten fresh rows (some span two lines), the old row and fresh[5]
      const beforeBad = before + csvRows(fresh.slice(0, 10)) + oldRow + csvRows([fresh[5]]);
      badLine = beforeBad.split("\n").length;
      await appendFile(file, appended);
    },
  });
  assertAppended(v2);
  assert.is(v2.rows, v1.rows + 28);
  assert.is(v2.duplicates, v1.duplicates + 2, "the old row again, and fresh[5] twice");
  assert.is(v2.rejected, v1.rejected + 1);
  const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8"));
  assert.equal(report.input, {files: 1, rows: v2.rows, accepted: v2.accepted, rejected: v2.rejected, duplicates: v2.duplicates, afterAsOf: 0});
  const rejects = await readFile(path.join(out, "rejects.csv"), "utf8");
  const line = rejects.split("\r\n").find((l) => l.includes("late-reject")) ?? "";
  assert.match(line, new RegExp(`^"[^"]*log\\.csv","${badLine}",`), `rejects.csv names line ${badLine} of log.csv: ${line}`);
});

test("5a. a file rewritten in the middle, same size and same mtime: cold, identical, the reason names it", async () => {
  const {v2} = await runScenario("rewrite-same-size", {
    write: async (dir) => [await writeSingleLog(dir, "csv")],
    change: async ([file]) => {
      const {atime, mtime, size} = await stat(file);
      await rewriteMiddle(file, ",alice,", ",grace,");
      await utimes(file, atime, mtime);
      assert.is((await stat(file)).size, size);
    },
  });
  assertColdBecauseOf(v2, "log.csv");
});

test("5b. a file rewritten in the middle and grown at the end (old bytes not a prefix): cold, identical", async () => {
  const {v2} = await runScenario("rewrite-and-grow", {
    write: async (dir) => [await writeSingleLog(dir, "csv")],
    change: async ([file]) => {
      await rewriteMiddle(file, ",bob,", ",robert,");
      await appendFile(file, csvRows(rowsOfDay("2026-03-24", 30, 81)));
    },
  });
  assertColdBecauseOf(v2, "log.csv");
});

test("5c. an old file of a folder rewritten with one row fewer: cold, identical, the reason names it", async () => {
  const {v2} = await runScenario("rewrite-in-folder", {
    write: async (dir) => [await writeDailyLogs(dir)],
    change: async ([logs]) => {
      const rows = baseDays().find((d) => d.day === "2026-02-03")!.rows;
      await writeFile(path.join(logs, "2026-02-03.csv"), csvText(rows.filter((_, i) => i !== 1)));
      await writeFile(path.join(logs, "2026-03-21.csv"), csvText(rowsOfDay("2026-03-21", 30, 82)));
    },
  });
  assertColdBecauseOf(v2, "2026-02-03.csv");
});

test("6. a file removed from the folder: cold, identical", async () => {
  const {v1, v2} = await runScenario("removed", {
    write: async (dir) => [await writeDailyLogs(dir)],
    change: async ([logs]) => unlink(path.join(logs, "2026-02-10.csv")),
  });
  assert.is(v2.ingestMode, "cold", modeOf(v2));
  assert.ok(v2.rows < v1.rows);
});

test("7. the same inputs in another time zone (America/New_York): identical to a cold New York build", async () => {
  await runScenario("time-zone", {
    write: async (dir) => [await writeSingleLog(dir, "csv")],
    change: async () => {},
    v2Flags: {tz: "America/New_York"},
  });
});

test("8. appended rows older than the newest old row (out of order): merged, not read again, identical to cold", async () => {
  const {v2} = await runScenario("out-of-order", {
    write: async (dir) => [await writeSingleLog(dir, "csv")],
    // 10 February (2026-W07) and 2 January (before the first day: a new week and ISO week 1)
    change: async ([file]) => appendFile(file, csvRows([...rowsOfDay("2026-02-10", 12, 83), ...rowsOfDay("2026-01-02", 3, 84)])),
  });
  assertAppended(v2);
});

/** Rows in a shuffled order (the same on every run), as an export API gives them when no sort is asked for. */
function shuffled<T>(rows: readonly T[], seed: number): T[] {
  const next = random(seed);
  const out = [...rows];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

test("8b. an unsorted log, then late rows of its last day appended unsorted: merged, identical to cold", async () => {
  let copied = 0;
  const {v1, v2, out} = await runScenario("unsorted-late", {
    write: async (dir) => {
      const file = path.join(dir, "log.csv");
      await writeFile(
        file,
        csvText(
          shuffled(
            baseDays().flatMap((d) => d.rows),
            5,
          ),
        ),
      );
      return [file];
    },
    // the cold build copied the open month's downloads into the cache: the late night cuts that copy
    // before its first moved row and extends it
    afterV1: async (site) => {
      const cache = path.join(path.dirname(site), "cache");
      const name = (await readdir(cache)).find((entry) => /^activity\.[0-9a-z]+smonth202603\.csv$/.test(entry));
      assert.ok(name, "the cold build's copy of the open month");
      copied = await inodeOf(path.join(cache, name!));
    },
    // 20 March, the log's last day: the new rows fall among its rows (some at the same instants)
    change: async ([file]) => {
      const lastDay = baseDays().at(-1)!.rows;
      const same = lastDay.map((row) => ({...row, user_id: "late-" + row.user_id}));
      await appendFile(file, csvRows(shuffled([...rowsOfDay("2026-03-20", 20, 130), ...same], 6)));
    },
  });
  assertAppended(v2);
  assert.is(v2.rows, v1.rows + 20 + baseDays().at(-1)!.rows.length);
  assert.is(await inodeOf(path.join(out, "month", "2026-03", "activity.csv")), copied, "the month's copy was cut and extended, not copied again");
});

test("8c. a backfilled day in the middle (rows at instants the log has, duplicates, a reject): merged, identical to cold", async () => {
  let out = "";
  const {v1, v2} = await runScenario("backfill", {
    write: async (dir) => [await writeDailyLogs(dir)],
    afterV1: async (site) => {
      out = site;
      v1Inodes.set("backfill", await inodeOf(path.join(site, "week/2026-W03/index.html")));
    },
    // rows of 11 February in a file that sorts last in the folder: read after every old row
    change: async ([logs]) => {
      const old = baseDays().find((d) => d.day === "2026-02-11")!.rows;
      const rows = [
        ...rowsOfDay("2026-02-11", 15, 131),
        {...old[0], user_id: "backfilled"}, // the same instant as a row read before: after it
        old[1], // an exact duplicate of a row read before
        {...old[2], timestamp: "2026-02-11T99:00:00Z"},
      ];
      await writeFile(path.join(logs, "2026-03-31-backfill.csv"), csvText(shuffled(rows, 7)));
    },
  });
  assertAppended(v2);
  assert.is(v2.duplicates, v1.duplicates + 1);
  assert.is(v2.rejected, v1.rejected + 1);
  assert.is(await inodeOf(path.join(out, "week/2026-W03/index.html")), v1Inodes.get("backfill"), "a week before the backfilled day is kept");
});

test("8d. the whole log re-exported in reverse order with a day more: known rows recognised, only the new ones parsed, identical to cold", async () => {
  const {v1, v2} = await runScenario("reexport-reverse", {
    write: async (dir) => [await writeSingleLog(dir, "csv")],
    change: async ([file]) => {
      const rows = [...baseDays().flatMap((d) => d.rows), ...rowsOfDay("2026-03-21", 12, 132)];
      // a new row at the instant of an old one, before it in the file: rows of one instant go by their values
      const tie = {...rows[40], user_id: "same-instant"};
      await writeFile(file, csvText([tie, ...rows.reverse()]));
    },
  });
  assertReexported(v2, "log.csv", v1.accepted);
  assert.ok(v2.reused > 0, `the periods whose rows did not change are kept: ${modeOf(v2)}`);
  assert.is(v2.accepted, v1.accepted + 13);
});

test("8e. a re-export with one old row removed and rows shuffled: identical to cold, the rejects at their new lines", async () => {
  const {v1, v2, out} = await runScenario("reexport-removed", {
    write: async (dir) => [await writeSingleLog(dir, "csv")],
    change: async ([file]) => {
      const rows = baseDays().flatMap((d) => d.rows);
      await writeFile(file, csvText(shuffled([...rows.slice(0, 30), ...rows.slice(31)], 8)));
    },
  });
  assertColdBecauseOf(v2, "log.csv");
  assert.ok(v2.reused > 0, modeOf(v2));
  assert.is(v2.knownRows, v1.accepted - 1, "every row but the removed one is known");
  const rejects = await readFile(path.join(out, "rejects.csv"), "utf8");
  assert.ok(rejects.includes("mallory") || rejects.includes("2026-02-30"), "the bad row is still rejected");
});

test("8f. a re-export where only rows of one instant swap places in an old week: nothing of that week changes (rows of one instant go by their values), identical to cold", async () => {
  // a twin of a row of Tuesday 20 January (2026-W04) at the same instant: after it in v1, before it in v2
  const withTwin = (twinFirst: boolean) =>
    baseDays().flatMap(({day, rows}) => {
      if (day !== "2026-01-20") return rows;
      const twin = {...rows[1], user_id: "twin"};
      return [rows[0], ...(twinFirst ? [twin, rows[1]] : [rows[1], twin]), ...rows.slice(2)];
    });
  const pages = ["week/2026-W04", "month/2026-01"];
  const before = new Map<string, number>();
  const {v1, v2, out} = await runScenario("reexport-swap", {
    write: async (dir) => {
      const file = path.join(dir, "log.csv");
      await writeFile(file, csvText(withTwin(false)));
      return [file];
    },
    afterV1: async (site) => {
      for (const page of pages) for (const name of ["index.html", "activity.csv"]) before.set(`${page}/${name}`, await inodeOf(path.join(site, page, name)));
    },
    change: async ([file]) => writeFile(file, csvText([...withTwin(true), ...rowsOfDay("2026-03-21", 5, 138)])),
  });
  assertReexported(v2, "log.csv", v1.accepted);
  for (const page of pages) {
    assert.is(await inodeOf(path.join(out, page, "index.html")), before.get(`${page}/index.html`), `${page}: its page is kept: ${modeOf(v2)}`);
    assert.is(await inodeOf(path.join(out, page, "activity.csv")), before.get(`${page}/activity.csv`), `${page}: its downloads are kept`);
  }
});

test("8g. a re-export with its reject and a duplicate at new lines, then a night that appends a duplicate of a known row: lines of the new file, identical to cold", async () => {
  const dir = await mkdtemp(path.join(root, "reexport-lines-"));
  const [out, cache, file] = ["site", "cache", "log.csv"].map((name) => path.join(dir, name));
  const base = baseDays().flatMap((d) => d.rows);
  await writeFile(file, csvText([...base, base[7]])); // a duplicate of row 7, after it
  const v1 = await runBuild([file], out, {cache});
  assert.is(v1.ingestMode, "cold");
  assert.ok(v1.rejected > 0 && v1.duplicates > 0, modeOf(v1));
  const compareCold = async (name: string, summary: Summary) => {
    const cold = await runBuild([file], path.join(dir, `cold-${name}`), {"no-cache": true});
    assert.is(cold.rows, summary.rows);
    await compareTrees(out, path.join(dir, `cold-${name}`), `${name}: ${modeOf(summary)}`);
  };
  // another order: the duplicate now comes first (it is the row kept, the other is the duplicate)
  await writeFile(file, csvText([base[7], ...shuffled([...base, ...rowsOfDay("2026-03-21", 8, 139)], 15)]));
  const v2 = await runBuild([file], out, {cache});
  assertReexported(v2, "log.csv", v1.accepted);
  assert.equal([v2.rejected, v2.duplicates, v2.accepted], [v1.rejected, v1.duplicates, v1.accepted + 8], modeOf(v2));
  const rejects = await readFile(path.join(out, "rejects.csv"), "utf8");
  assert.ok(rejects.includes("mallory"), rejects);
  await compareCold("reexport", v2);
  // what the cache keeps of where rows are (rows' lines, rejects, duplicates and where each was first seen): a cold build's
  const where = async (dir: string) => {
    const {parts} = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"));
    const read = (part: string) => readFile(path.join(dir, part));
    return {rejects: String(await read(parts.rejects)), duplicates: String(await read(parts.duplicates)), line: await read(parts.arrays.line)};
  };
  await runBuild([file], path.join(dir, "cold-cached"), {cache: path.join(dir, "cold-cache")});
  assert.equal(await where(cache), await where(path.join(dir, "cold-cache")));
  // the next night: a row equal to a known one is a duplicate of it, at its line in the re-exported file
  await appendFile(file, csvRows([base[20], ...rowsOfDay("2026-03-22", 3, 140)]));
  const v3 = await runBuild([file], out, {cache});
  assertAppended(v3);
  assert.is(v3.duplicates, v1.duplicates + 1, modeOf(v3));
  await compareCold("night", v3);
});

test("8h. a re-export whose header lists the columns in another order: known rows recognised (hashes walk the columns by name), identical to cold", async () => {
  const {v1, v2} = await runScenario("reexport-header", {
    write: async (dir) => [await writeSingleLog(dir, "csv")],
    change: async ([file]) => {
      const rows = [...baseDays().flatMap((d) => d.rows), ...rowsOfDay("2026-03-21", 5, 141)];
      await writeFile(file, csvText(shuffled(rows, 16), [...COLUMNS].reverse()));
    },
  });
  assertReexported(v2, "log.csv", v1.accepted);
});

/** The base log's NDJSON lines and `more`'s, each written as the base log writes it (a key left out stays out, a null stays null). */
const ndjsonLines = (more: LogRow[]): string[] => (ndjsonRows(baseDays().flatMap((d) => d.rows)) + ndjsonRows(more)).split("\n").filter(Boolean);

test("8i. an NDJSON log re-exported in another order with a day more, keys in another order: known rows recognised, identical to cold", async () => {
  // rows without duplicates (see 8k), each line written as before
  const days = ["2026-03-16", "2026-03-17", "2026-03-18"].map((day, i) => ndjsonRows(rowsOfDay(day, 25, 150 + i)));
  const {v1, v2} = await runScenario("reexport-ndjson", {
    write: async (dir) => {
      const file = path.join(dir, "log.ndjson");
      await writeFile(file, days.join(""));
      return [file];
    },
    change: async ([file]) => {
      const lines = (days.join("") + ndjsonRows(rowsOfDay("2026-03-21", 6, 142))).split("\n").filter(Boolean);
      // the keys of the first line reversed: the columns met in another order
      const [first, ...rest] = shuffled(lines, 17);
      const reversed = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(first)).reverse()));
      await writeFile(file, [reversed, ...rest].join("\n") + "\n");
    },
  });
  assertReexported(v2, "log.ndjson", v1.accepted);
  assert.is(v1.duplicates, 0);
});

test("8l. a JSON array exported again in another order, nothing new: known rows recognised, every period kept, identical to cold", async () => {
  const rows = ["2026-03-16", "2026-03-17"].flatMap((day, i) => rowsOfDay(day, 20, 160 + i));
  const {v1, v2} = await runScenario("reexport-json", {
    write: async (dir) => {
      const file = path.join(dir, "log.json");
      await writeFile(file, JSON.stringify(rows));
      return [file];
    },
    change: async ([file]) => writeFile(file, JSON.stringify(shuffled(rows, 19), null, 1)),
  });
  assertReexported(v2, "log.json", v1.accepted);
  assert.equal([v2.reused, v2.rendered], [v2.periods, 0], modeOf(v2));
});

test("8k. an NDJSON re-export where a row and its duplicate, written differently (null, left out), swap places: read again whole, identical to cold", async () => {
  const {v2} = await runScenario("reexport-ndjson-swap", {
    write: async (dir) => [await writeSingleLog(dir, "ndjson")],
    change: async ([file]) => {
      const lines = ndjsonLines(rowsOfDay("2026-03-21", 6, 144));
      await writeFile(file, shuffled(lines, 17).join("\n") + "\n");
    },
  });
  assertColdBecauseOf(v2, "log.ndjson");
  assert.ok(v2.ingestReason?.includes("written otherwise"), modeOf(v2));
});

test("8j. an NDJSON re-export with a key no row had before: read again whole, identical to cold", async () => {
  const {v2} = await runScenario("reexport-ndjson-key", {
    write: async (dir) => [await writeSingleLog(dir, "ndjson")],
    change: async ([file]) => {
      const lines = ndjsonLines(rowsOfDay("2026-03-21", 6, 143));
      lines[lines.length - 1] = lines[lines.length - 1].replace(/}$/, ',"comment":"new"}');
      await writeFile(file, shuffled(lines, 18).join("\n") + "\n");
    },
  });
  assertColdBecauseOf(v2, "log.ndjson");
  assert.ok(v2.ingestReason?.includes("its columns"), modeOf(v2));
});

// A folder of daily files: a day's file arriving late, or downloaded again complete

/** What the cache keeps of where rows are (rows' files and lines, rejects, duplicates and where each was first seen). */
async function cacheOrigins(dir: string): Promise<Record<string, string>> {
  const {parts} = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"));
  const read = async (part: string) => (await readFile(path.join(dir, part))).toString("base64");
  return {
    rejects: await read(parts.rejects),
    duplicates: await read(parts.duplicates),
    line: await read(parts.arrays.line),
    file: await read(parts.arrays.file),
  };
}

/** A cold build with a cache of `inputs` into `dir`/cold-cache: its cache's origins must be the incremental one's in `cache`. */
async function assertCacheAsCold(inputs: string[], dir: string, cache: string): Promise<void> {
  await runBuild(inputs, path.join(dir, "cold-cached"), {cache: path.join(dir, "cold-cache")});
  assert.equal(
    await cacheOrigins(cache),
    await cacheOrigins(path.join(dir, "cold-cache")),
    "the cache's rows' files and lines, rejects and duplicates are a cold build's",
  );
}

test("8m. a folder of daily files: a missed day's file arrives among the others (a reject, a duplicate of an earlier day): appended, not read again, identical to cold", async () => {
  const late = "2026-02-17";
  const dir = await mkdtemp(path.join(root, "folder-late-day-"));
  const {v1, v2, out} = await runScenario("folder-late-day", {
    write: async () => {
      const logs = await writeDailyLogs(dir);
      await unlink(path.join(logs, `${late}.csv`));
      return [logs];
    },
    change: async ([logs]) => {
      const rows = baseDays().find((d) => d.day === late)!.rows;
      const earlier = baseDays().find((d) => d.day === "2026-02-03")!.rows[1];
      await writeFile(path.join(logs, `${late}.csv`), csvText([...rows, {...rows[0], timestamp: "2026-02-17T25:00:00Z"}, earlier]));
    },
  });
  assertAppended(v2);
  assert.is(v2.rejected, v1.rejected + 1, modeOf(v2));
  assert.is(v2.duplicates, v1.duplicates + 1, `the row of 3 February is a duplicate: ${modeOf(v2)}`);
  await assertCacheAsCold([path.join(dir, "logs")], path.dirname(out), path.join(path.dirname(out), "cache"));
});

test("8n. a folder of daily files: an old day downloaded again, complete and in another order, with the next day's file: its known rows recognised, identical to cold", async () => {
  const day = "2026-03-03";
  const dir = await mkdtemp(path.join(root, "folder-again-"));
  const rows = [...baseDays().find((d) => d.day === day)!.rows, ...rowsOfDay(day, 6, 161)];
  const {v1, v2, out} = await runScenario("folder-again", {
    write: async () => {
      const logs = await writeDailyLogs(dir);
      // the day's file as first downloaded: its first rows; a later day's file repeats one of them
      await writeFile(path.join(logs, `${day}.csv`), csvText(rows.slice(0, 4)));
      const next = baseDays().find((d) => d.day === "2026-03-10")!.rows;
      await writeFile(path.join(logs, "2026-03-10.csv"), csvText([...next, rows[2]]));
      return [logs];
    },
    change: async ([logs]) => {
      await writeFile(path.join(logs, `${day}.csv`), csvText(shuffled(rows, 162)));
      await writeFile(path.join(logs, "2026-03-21.csv"), csvText(rowsOfDay("2026-03-21", 10, 163)));
    },
  });
  assertReexported(v2, `${day}.csv`, 4);
  assert.ok(v2.reused > 0, modeOf(v2));
  assert.is(v2.accepted, v1.accepted + rows.length - 4 + 10, modeOf(v2));
  // the later day's duplicate was first seen at the row's new line
  await assertCacheAsCold([path.join(dir, "logs")], path.dirname(out), path.join(path.dirname(out), "cache"));
});

test("8o. a folder of daily files: a file that is not the last grows: read again whole, its rows known, identical to cold", async () => {
  const dir = await mkdtemp(path.join(root, "folder-grown-"));
  const {v2, out} = await runScenario("folder-grown", {
    write: async () => [await writeDailyLogs(dir)],
    change: async ([logs]) =>
      appendFile(path.join(logs, "2026-03-19.csv"), csvRows([...rowsOfDay("2026-03-19", 5, 164), {...rowsOfDay("2026-03-19", 1, 165)[0], action: ""}])),
  });
  assertReexported(
    v2,
    "2026-03-19.csv",
    new Set(
      baseDays()
        .find((d) => d.day === "2026-03-19")!
        .rows.map((row) => JSON.stringify(row)),
    ).size,
  );
  await assertCacheAsCold([path.join(dir, "logs")], path.dirname(out), path.join(path.dirname(out), "cache"));
});

test("8p. a folder of daily files: a new file among the others repeats a row of a later file: read again whole (a full read keeps the new file's row), identical to cold", async () => {
  const {v2} = await runScenario("folder-repeats-later", {
    write: async (dir) => {
      const logs = await writeDailyLogs(dir);
      await unlink(path.join(logs, "2026-02-17.csv"));
      return [logs];
    },
    change: async ([logs]) => {
      const later = baseDays().find((d) => d.day === "2026-03-02")!.rows[0];
      await writeFile(path.join(logs, "2026-02-17.csv"), csvText([...baseDays().find((d) => d.day === "2026-02-17")!.rows, later]));
    },
  });
  assertColdBecauseOf(v2, "2026-03-02.csv");
  assert.ok(v2.ingestReason?.includes("2026-02-17.csv"), modeOf(v2));
});

test("8q. a re-export longer than before, then a night appends a rejected row: the reject's line is the file's, identical to cold", async () => {
  const dir = await mkdtemp(path.join(root, "reexport-then-reject-"));
  const [out, cache, file] = ["site", "cache", "log.csv"].map((name) => path.join(dir, name));
  const base = baseDays().flatMap((d) => d.rows);
  await writeFile(file, csvText(base));
  const v1 = await runBuild([file], out, {cache});
  // long new rows: the file's end moves by more bytes than lines
  const wide = rowsOfDay("2026-03-21", 20, 166).map((row) => ({...row, reuse_title: "x".repeat(300)}));
  await writeFile(file, csvText(shuffled([...base, ...wide], 167)));
  const v2 = await runBuild([file], out, {cache});
  assertReexported(v2, "log.csv", v1.accepted);
  await appendFile(file, csvRows([{...base[3], timestamp: "not a time"}, ...rowsOfDay("2026-03-22", 2, 168)]));
  const v3 = await runBuild([file], out, {cache});
  assertAppended(v3);
  await runBuild([file], path.join(dir, "cold"), {"no-cache": true});
  await compareTrees(out, path.join(dir, "cold"), modeOf(v3));
  await assertCacheAsCold([file], dir, cache);
});

test("19a. the as-of day moves on, no new rows: the open month's page says so far up to the new day, identical to cold", async () => {
  // the log's last rows are of 20 March: on 25 and 27 March, March, Q1 and 2026 are not over
  const {out, v2} = await runScenario("as-of-moves", {
    write: async (dir) => [await writeSingleLog(dir, "csv")],
    change: async () => {},
    v1Flags: {"as-of": "2026-03-25"},
    v2Flags: {"as-of": "2026-03-27"},
  });
  assert.ok(v2.reused > 0, `the weeks and months that are over are kept: ${modeOf(v2)}`);
  const march = await readFile(path.join(out, "month/2026-03/index.html"), "utf8");
  assert.ok(march.includes("Figures so far, up to 27 Mar 2026: the month ends on 31 Mar 2026."), "March's note follows the as-of day");
  assert.ok(march.includes('<span class="so-far">so far</span></h1>'));
  const february = await readFile(path.join(out, "month/2026-02/index.html"), "utf8");
  assert.not.ok(february.includes("so-far"), "February is over");
});

test("19b. the as-of day passes the end of the month, no new rows: March is no longer so far, identical to cold", async () => {
  const {out} = await runScenario("as-of-passes-month", {
    write: async (dir) => [await writeSingleLog(dir, "csv")],
    change: async () => {},
    v1Flags: {"as-of": "2026-03-25"},
    v2Flags: {"as-of": "2026-04-02"},
  });
  const march = await readFile(path.join(out, "month/2026-03/index.html"), "utf8");
  assert.not.ok(march.includes("so-far"), "March is over on 2 April");
  const year = await readFile(path.join(out, "year/2026/index.html"), "utf8");
  assert.ok(year.includes("Figures so far, up to 2 Apr 2026: the year ends on 31 Dec 2026."));
});

test("20. quiet weeks after the log's last day, then rows after them and after the as-of day: identical to cold", async () => {
  // the log's last rows are of Friday 20 March (2026-W12); on 31 March, W13 and W14 hold no action
  const after = rowsOfDay("2026-04-14", 6, 91);
  const {v1, v2, out} = await runScenario("quiet-weeks", {
    write: async (dir) => [await writeSingleLog(dir, "csv")],
    // rows of Wednesday 8 April (W15, after two quiet weeks), and of 14 April, after the as-of day
    change: async ([file]) => appendFile(file, csvRows([...rowsOfDay("2026-04-08", 9, 90), ...after])),
    v2Flags: {"as-of": "2026-04-10"},
  });
  const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8"));
  const weeks = report.periods.filter((p: {type: string}) => p.type === "week").map((p: {key: string; actions: number}) => `${p.key} ${p.actions}`);
  assert.equal(weeks.slice(-4), ["2026-W12 " + weeks.at(-4).split(" ")[1], "2026-W13 0", "2026-W14 0", "2026-W15 9"]);
  assert.is(report.input.afterAsOf, after.length);
  assert.is(v2.periods, v1.periods + 3, "W15, April and Q2 are new; no period starts after 10 April");
  assert.ok(v2.reused > 0, `the quiet weeks and the months that are over are kept: ${modeOf(v2)}`);
  const quiet = await readFile(path.join(out, "week/2026-W14/index.html"), "utf8");
  assert.ok(quiet.includes("No activity in this period"));
  assert.match(quiet, /Latest action before it: 20 Mar 2026, \d\d:\d\d/);
  assert.ok(quiet.includes('rel="next" href="../../week/2026-W15/index.html"'), "the quiet week links the next one");
  assert.ok(quiet.includes('rel="prev" href="../../week/2026-W13/index.html"'), "and the quiet one before it");
});

/** Every file's inode, mtime and size under `root`, by relative path. */
async function fileStates(root: string): Promise<Record<string, string>> {
  const states: Record<string, string> = {};
  for (const file of await listTree(root)) {
    const s = await stat(path.join(root, file));
    states[file] = `${s.ino} ${s.mtimeMs} ${s.size}`;
  }
  return states;
}

test("9. no change: the second build is up to date and touches no file, also after an incremental build", async () => {
  const dir = await mkdtemp(path.join(root, "no-change-"));
  const out = path.join(dir, "site");
  const cache = path.join(dir, "cache");
  const file = await writeSingleLog(dir, "csv");
  await runBuild([file], out, {cache});
  let before = await fileStates(out);
  const again = await runBuild([file], out, {cache});
  assert.ok(again.upToDate, "same inputs and options: up to date");
  assert.equal(await fileStates(out), before, "an up-to-date build touches nothing");

  await appendFile(file, csvRows(rowsOfDay("2026-03-24", 30, 85)));
  const v2 = await runBuild([file], out, {cache});
  assert.is(v2.ingestMode, "append", modeOf(v2));
  before = await fileStates(out);
  const third = await runBuild([file], out, {cache});
  assert.ok(third.upToDate, "after an incremental build, the same inputs again: up to date");
  assert.equal(await fileStates(out), before, "an up-to-date build touches nothing");
});

test("10a. a CSV file without a final newline, appended to: identical to cold", async () => {
  await runScenario("no-final-newline-csv", {
    write: async (dir) => {
      const file = await writeSingleLog(dir, "csv");
      await writeFile(file, (await readFile(file, "utf8")).replace(/\n$/, ""));
      return [file];
    },
    change: async ([file]) => appendFile(file, "\n" + csvRows(rowsOfDay("2026-03-24", 30, 86))),
  });
});

test("10b. a CSV file whose last row was cut half-way (rejected in v1), completed by the append: identical", async () => {
  const last = csvRows([{...rowsOfDay("2026-03-20", 1, 87)[0], timestamp: "2026-03-20T22:30:00Z", diff: "", reuse_title: ""}]);
  const cut = last.indexOf(",", last.indexOf(",") + 1) + 3; // two characters into user_id: too few fields
  const {v1, v2} = await runScenario("cut-row-csv", {
    write: async (dir) => {
      const file = await writeSingleLog(dir, "csv");
      await appendFile(file, last.slice(0, cut));
      return [file];
    },
    change: async ([file]) => appendFile(file, last.slice(cut) + csvRows(rowsOfDay("2026-03-24", 30, 88))),
  });
  assert.is(v2.rejected, v1.rejected - 1, "the completed row is no longer rejected");
});

test("10c. an NDJSON file without a final newline, appended to: identical to cold", async () => {
  await runScenario("no-final-newline-ndjson", {
    write: async (dir) => {
      const file = await writeSingleLog(dir, "ndjson");
      await writeFile(file, (await readFile(file, "utf8")).replace(/\n$/, ""));
      return [file];
    },
    change: async ([file]) => appendFile(file, "\n" + ndjsonRows(rowsOfDay("2026-03-24", 30, 89))),
  });
});

// Beyond the list: changes of the whole log that a period's own rows do not show.

test("11. a new file that sorts first in the folder (with a rejected row): identical to cold", async () => {
  await runScenario("sorts-first", {
    write: async (dir) => [await writeDailyLogs(dir)],
    change: async ([logs]) => {
      const rows = rowsOfDay("2026-01-03", 6, 90);
      rows.push({...rows[1], timestamp: "yesterday"});
      await writeFile(path.join(logs, "2026-01-03.csv"), csvText(rows));
    },
  });
});

test("12. a new file brings a column the old files lack (every download gains it): identical to cold", async () => {
  await runScenario("new-column", {
    write: async (dir) => [await writeDailyLogs(dir)],
    change: async ([logs]) => {
      const rows = rowsOfDay("2026-03-21", 10, 91).map((row) => ({...row, source_system: "api"}));
      await writeFile(path.join(logs, "2026-03-21.csv"), csvText(rows, [...COLUMNS, "source_system"]));
    },
  });
});

test("13. appended rows of another domain_id (the title on every page changes): identical to cold", async () => {
  await runScenario("new-domain", {
    write: async (dir) => [await writeSingleLog(dir, "csv")],
    change: async ([file]) => appendFile(file, csvRows(rowsOfDay("2026-03-24", 5, 92, "other-domain"))),
  });
});

test("14. appended rows with a new action (the action palette of every chart changes): identical to cold", async () => {
  await runScenario("new-action", {
    write: async (dir) => [await writeSingleLog(dir, "csv")],
    change: async ([file]) => appendFile(file, csvRows(rowsOfDay("2026-03-24", 5, 93).map((row) => ({...row, action: "archive_dataset"})))),
  });
});

// Beyond the list: the published folder is not the one the cache was written with.

test("15. another build (--top 3, no cache) published into the same out in between: nothing of it is reused", async () => {
  const {v2} = await runScenario("foreign-out", {
    write: async (dir) => [await writeSingleLog(dir, "csv")],
    change: async ([file], dir) => {
      await runBuild([file], path.join(dir, "site"), {"no-cache": true, top: "3"});
      await appendFile(file, csvRows(rowsOfDay("2026-03-24", 30, 94)));
    },
  });
  assert.is(v2.reused, 0, `the published pages are not the cache's: ${modeOf(v2)}`);
});

test("16. the published out deleted, the cache kept: the log still comes from the cache, identical", async () => {
  const {v2} = await runScenario("out-deleted", {
    write: async (dir) => [await writeSingleLog(dir, "csv")],
    change: async ([file], dir) => {
      await rm(path.join(dir, "site"), {recursive: true});
      await appendFile(file, csvRows(rowsOfDay("2026-03-24", 30, 95)));
    },
  });
  assert.is(v2.reused, 0, `nothing published to reuse: ${modeOf(v2)}`);
});

test("17. four nights in a row: from the third on, the downloads of the night before last (whole log, open month) are extended, identical to cold", async () => {
  const dir = await mkdtemp(path.join(root, "nights-"));
  const out = path.join(dir, "site");
  const cache = path.join(dir, "cache");
  const [file] = [await writeSingleLog(dir, "csv")];
  // the whole log's files and the open month's (its rows reach the end of the log; year and quarter hold every row: the whole log's links)
  const whole = async () =>
    Promise.all(["activity.csv", "activity.json", "month/2026-03/activity.csv", "month/2026-03/activity.json"].map((name) => inodeOf(path.join(out, name))));
  const nights: number[][] = [];
  let copied: number[] = [];
  for (const [n, day] of ["", "2026-03-23", "2026-03-24", "2026-03-25"].entries()) {
    if (day) await appendFile(file, csvRows(rowsOfDay(day, 20, 96 + n)));
    const summary = await runBuild([file], out, {cache});
    assert.is(summary.ingestMode, n === 0 ? "cold" : "append", `night ${n + 1}: ${modeOf(summary)}`);
    nights.push(await whole());
    if (n === 0) {
      // the cold build copied the open month's downloads into the cache, for the first night to extend
      const names = await readdir(cache);
      const copies = ["csv", "json"].map((ext) => names.find((name) => new RegExp(`^activity\\.[0-9a-z]+smonth202603\\.${ext}$`).test(name)));
      assert.ok(copies.every(Boolean), `the month's copies in the cache: ${names.join(", ")}`);
      copied = await Promise.all(copies.map((name) => inodeOf(path.join(cache, name!))));
    }
    const cold = await runBuild([file], path.join(dir, `cold-${n}`), {"no-cache": true});
    assert.is(cold.rows, summary.rows);
    await compareTrees(out, path.join(dir, `cold-${n}`), `night ${n + 1}: ${modeOf(summary)}`);
  }
  // night 2 copies night 1's files; night 3 extends night 1's (its report is gone by then), night 4 night 2's
  assert.not.equal(nights[1], nights[0], "night 2 cannot touch the files of the published night 1");
  assert.equal(nights[1].slice(2), copied, "night 2 extended the cold build's copies of the open month");
  assert.equal(nights[2], nights[0], "night 3 extended night 1's files in place");
  assert.equal(nights[3], nights[1], "night 4 extended night 2's files in place");
});

test("18. a cold build that writes its downloads on a worker leaves the cache a spare copy: the first night extends it in place, identical to cold", async () => {
  const dir = await mkdtemp(path.join(root, "spare-"));
  const out = path.join(dir, "site");
  const cache = path.join(dir, "cache");
  // the downloads are formatted while the log is read only when its rows are in time order: every
  // timestamp of the base log in UTC ("Z"), as many exports write them
  // (those with a "Z" already stay as written: the bad one, 2026-02-30, which Date.parse would take)
  const inUtc = (rows: LogRow[]) =>
    rows.map((row) => {
      const t = row.timestamp;
      return t.endsWith("Z") ? row : {...row, timestamp: new Date(Date.parse(/[+-]\d\d:\d\d$/.test(t) ? t : `${t}Z`)).toISOString()};
    });
  const file = path.join(dir, "log.csv");
  await writeFile(file, csvText(inUtc(baseDays().flatMap((d) => d.rows))));
  const v1 = await runBuild([file], out, {cache, workers: "1"});
  assert.is(v1.ingestMode, "cold");
  const manifest = JSON.parse(await readFile(path.join(cache, "manifest.json"), "utf8"));
  assert.ok(manifest.parts.spare, "the cache names a spare");
  assert.is(manifest.parts.spare.rows, v1.accepted);
  const spare = ["csv", "json"].map((kind) => path.join(cache, manifest.parts.spare[kind]));
  const spareInodes: number[] = [];
  for (const [i, name] of ["activity.csv", "activity.json"].entries()) {
    const [copy, published] = await Promise.all([stat(spare[i]), stat(path.join(out, name))]);
    assert.is(copy.nlink, 1, "a file of its own, which no report shows");
    assert.ok((await readFile(spare[i])).equals(await readFile(path.join(out, name))), `the spare ${name} is the published one's bytes`);
    assert.is.not(copy.ino, published.ino);
    spareInodes.push(copy.ino);
  }
  await appendFile(file, csvRows(inUtc(rowsOfDay("2026-03-23", 20, 120))));
  const night = await runBuild([file], out, {cache, workers: "1"});
  assertAppended(night);
  assert.equal(
    await Promise.all(["activity.csv", "activity.json"].map((name) => inodeOf(path.join(out, name)))),
    spareInodes,
    "the first night extended the spare in place: no copy",
  );
  const cold = await runBuild([file], path.join(dir, "cold"), {"no-cache": true, workers: "1"});
  assert.is(cold.rows, night.rows);
  await compareTrees(out, path.join(dir, "cold"), `first night: ${modeOf(night)}`);
  assert.equal((await readdir(dir)).sort(), ["cache", "cold", "log.csv", "site", "site.previous"], "a --no-cache build writes no cache, and so no spare");
});

test("18b. an unsorted log (not streamed) leaves a spare too; late rows extend it in place, a re-export is read as known rows and new ones: identical to cold", async () => {
  const dir = await mkdtemp(path.join(root, "spare-unsorted-"));
  const out = path.join(dir, "site");
  const cache = path.join(dir, "cache");
  const file = path.join(dir, "log.csv");
  const rows = shuffled(
    baseDays().flatMap((d) => d.rows),
    9,
  );
  await writeFile(file, csvText(rows));
  const sparesOf = async () => {
    const manifest = JSON.parse(await readFile(path.join(cache, "manifest.json"), "utf8"));
    assert.ok(manifest.parts.spare, "the cache names a spare");
    return Promise.all(["csv", "json"].map((kind) => inodeOf(path.join(cache, manifest.parts.spare[kind]))));
  };
  const published = () => Promise.all(["activity.csv", "activity.json"].map((name) => inodeOf(path.join(out, name))));
  const compareCold = async (name: string, summary: Summary) => {
    const cold = await runBuild([file], path.join(dir, `cold-${name}`), {"no-cache": true, workers: "1"});
    assert.is(cold.rows, summary.rows);
    await compareTrees(out, path.join(dir, `cold-${name}`), `${name}: ${modeOf(summary)}`);
  };
  assert.is((await runBuild([file], out, {cache, workers: "1"})).ingestMode, "cold");
  const spare = await sparesOf();
  // late rows of the last day: the spare becomes the published files, extended from the first late row on
  await appendFile(file, csvRows(shuffled(rowsOfDay("2026-03-20", 15, 133), 10)));
  const late = await runBuild([file], out, {cache, workers: "1"});
  assertAppended(late);
  assert.equal(await published(), spare, "the late night took the spare: no copy");
  await compareCold("late", late);
  // a re-export in another order with one more day: an append of the new day's rows
  await writeFile(file, csvText(shuffled([...rows, ...rowsOfDay("2026-03-20", 15, 133), ...rowsOfDay("2026-03-23", 10, 134)], 11)));
  const reexport = await runBuild([file], out, {cache, workers: "1"});
  assertReexported(reexport, "log.csv", late.accepted);
  await compareCold("reexport", reexport);
});

test("18c. nightly full exports in another order each night (rows of one instant reordered): the first is read as known rows and new ones, the next (a row gone) again whole; identical to cold", async () => {
  const dir = await mkdtemp(path.join(root, "spare-reexport-"));
  const out = path.join(dir, "site");
  const cache = path.join(dir, "cache");
  const file = path.join(dir, "log.csv");
  // every fourth row has a twin at its instant, so that a new order of the file reorders them
  const base = baseDays().flatMap((d) => d.rows);
  const rows = [...base, ...base.filter((_, i) => i % 4 === 1).map((row) => ({...row, user_id: `twin-${row.user_id}`}))];
  await writeFile(file, csvText(shuffled(rows, 12)));
  const v1 = await runBuild([file], out, {cache, workers: "1"});
  assert.is(v1.ingestMode, "cold");
  const manifest = JSON.parse(await readFile(path.join(cache, "manifest.json"), "utf8"));
  const spare = await Promise.all(["csv", "json"].map((kind) => inodeOf(path.join(cache, manifest.parts.spare[kind]))));
  const published = () => Promise.all(["activity.csv", "activity.json"].map((name) => inodeOf(path.join(out, name))));
  const compareCold = async (name: string, summary: Summary) => {
    const cold = await runBuild([file], path.join(dir, `cold-${name}`), {"no-cache": true, workers: "1"});
    assert.is(cold.rows, summary.rows);
    await compareTrees(out, path.join(dir, `cold-${name}`), `${name}: ${modeOf(summary)}`);
  };
  const night1 = [...rows, ...rowsOfDay("2026-03-21", 12, 135)];
  await writeFile(file, csvText(shuffled(night1, 13)));
  const first = await runBuild([file], out, {cache, workers: "1"});
  assertReexported(first, "log.csv", v1.accepted);
  assert.equal(await published(), spare, "the re-export took the spare and extended it: no copy");
  await compareCold("night 1", first);
  // the next night: one old row gone, rows of a day in the middle, another order; no spare to take
  const night2 = [...night1.slice(0, 50), ...night1.slice(51), ...rowsOfDay("2026-03-10", 4, 136), ...rowsOfDay("2026-03-22", 6, 137)];
  await writeFile(file, csvText(shuffled(night2, 14)));
  const before = await published();
  const second = await runBuild([file], out, {cache, workers: "1"});
  assertColdBecauseOf(second, "log.csv");
  assert.ok(second.ingestReason?.includes("1 rows read before are not in it"), modeOf(second));
  assert.is(second.knownRows, first.accepted - 1, modeOf(second));
  assert.not.equal(await published(), before);
  await compareCold("night 2", second);
});

test("the appends took the CLI's path: their cache was read while the inputs were hashed", () => {
  assert.ok(earlyReads >= 5, `${earlyReads} builds read their cache early`);
});

test.run();
