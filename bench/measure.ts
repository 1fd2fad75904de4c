/**
 * One benchmark measurement in a fresh process, so that peak RSS belongs to that phase alone.
 *   tsx bench/measure.ts <ingest|indicators|build|incremental|noop> <log> [out-dir] [--flag value...]
 * Phases:
 *   ingest, indicators  ingest alone; ingest + every period's indicators
 *   build               a cold full build (--force, its cache folder deleted first), writing a cache
 *   incremental         a build with the out and cache of an earlier build (no --force): what a nightly
 *                       run does after the log grew; reports reused/rendered periods and the ingest mode
 *   noop                the same command again; its summary must say upToDate
 *   duckdb              the reference: DuckDB (a dev dependency) reads the same CSV into a table with
 *                       read_csv and counts actions and distinct users per action and per day, on every
 *                       core; what the issue "reading a log as fast as the machine allows" measures
 *                       ingest against (ingest's time / this one is printed by bench/run.ts)
 * The three build phases run the CLI as a child process (`bin/activity-report.js build ... --json`,
 * through its shebang, as cron runs it) and time it from outside as a whole process.
 * Prints one JSON line: {phase, seconds, peakRssMB, ...details}. A noop that was not up to date still
 * prints its line, then exits 1. It does not prepare the out or the cache (bench/run.ts does).
 */
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, rmSync} from "node:fs";
import {rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {ingest} from "../src/ingest/index.js";
import {addPeriodKeys} from "../src/periods/add-period-keys.js";
import {listPeriods} from "../src/periods/list-periods.js";
import {rowsInPeriod} from "../src/periods/rows-in-period.js";
import {computeIndicators} from "../src/indicators/compute-indicators.js";
import type {BuildSummary} from "../src/build.js";
import {buildConfig} from "../src/config.js";
import {PERIOD_TYPES} from "../src/periods/types.js";

const [phase, log, outArg, ...flags] = process.argv.slice(2);
const options = {timeZone: "Europe/Paris", asOf: "2025-12-31"};
const out = outArg ?? path.join(tmpdir(), "activity-report-bench", "site");
const CLI = fileURLToPath(new URL("../bin/activity-report.js", import.meta.url));
/** GNU time reports a child's peak RSS and CPU time; without it, noop reports wall time only */
const GNU_TIME = "/usr/bin/time";
const started = performance.now();
const details: Record<string, unknown> = {};
let measured: {seconds: number; peakRssMB: number | null; cpuSeconds: number | null} | undefined;

/** The build options every build phase shares (the noop's CLI flags say the same), `--flag value` pairs last. */
function buildOptions(extra: Record<string, unknown>): Record<string, unknown> {
  const raw: Record<string, unknown> = {input: [log], out, tz: options.timeZone, "as-of": options.asOf, quiet: true, ...extra};
  for (let i = 0; i < flags.length; i += 2) raw[flags[i].replace(/^--/, "")] = flags[i + 1];
  return raw;
}

/** Runs the CLI build in a child process and times it from outside. */
function runCliBuild(extra: string[] = []): void {
  const args = ["build", "--input", log, "--out", out, "--tz", options.timeZone, "--as-of", options.asOf, "--json", ...extra, ...flags];
  const timeFile = path.join(mkdtempSync(path.join(tmpdir(), "ar-noop-")), "time");
  const withTime = existsSync(GNU_TIME);
  const t0 = performance.now();
  const child = withTime
    ? spawnSync(GNU_TIME, ["-f", "%M %U %S", "-o", timeFile, CLI, ...args], {encoding: "utf8", maxBuffer: 1 << 24})
    : spawnSync(CLI, args, {encoding: "utf8", maxBuffer: 1 << 24});
  const seconds = (performance.now() - t0) / 1000;
  if (child.status !== 0) throw new Error(`${phase}: the CLI exited with ${child.status}: ${child.stderr.trim()}`);
  const summary = JSON.parse(child.stdout.trim().split("\n").at(-1)!);
  // GNU time: "%M %U %S" = peak RSS in KiB, user and system CPU seconds
  const [rssKiB, user, system] = withTime ? readFileSync(timeFile, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number) : [NaN, NaN, NaN];
  rmSync(path.dirname(timeFile), {recursive: true, force: true});
  measured = {
    seconds,
    peakRssMB: Number.isFinite(rssKiB) ? Math.round(rssKiB / 1024) : null,
    cpuSeconds: Number.isFinite(user + system) ? Math.round((user + system) * 100) / 100 : null,
  };
  const {rows, periods, upToDate, reused, rendered, ingestMode, ingestReason, stages} = summary as BuildSummary;
  Object.assign(details, {rows, periods, upToDate, reused, rendered, ingestMode, ingestReason, cliSeconds: summary.seconds, stages});
}

if (phase === "ingest" || phase === "indicators") {
  const activity = await ingest({inputs: [log], timeZone: options.timeZone});
  details.rows = activity.counts.rows;
  details.ingestSeconds = (performance.now() - started) / 1000;
  if (phase === "indicators") {
    const t0 = performance.now();
    const table = addPeriodKeys(activity.table, options.timeZone);
    const periods = listPeriods(table, {...options, types: [...PERIOD_TYPES]});
    let actions = 0;
    for (const period of periods) actions += computeIndicators(rowsInPeriod(table, period), {period, top: 5}).totals.actions;
    details.periods = periods.length;
    details.indicatorsSeconds = (performance.now() - t0) / 1000;
    details.actionsCounted = actions;
  }
} else if (phase === "build") {
  // a cold build, as the first build of a report: nothing left from an earlier run, neither a cache
  // to reuse nor a report to retire (deleting the one from two runs ago, 2.7 GB at 1M rows, is not
  // what a cold build costs), and the disk flushed (not timed)
  const config = buildConfig(buildOptions({}));
  await Promise.all([config.cache, config.out, `${config.out}.previous`].map((dir) => dir !== null && rm(dir, {recursive: true, force: true})));
  spawnSync("sync");
  runCliBuild(["--force"]);
} else if (phase === "incremental" || phase === "noop") {
  runCliBuild();
} else if (phase === "duckdb") {
  Object.assign(details, await duckdbReference(log));
} else {
  throw new Error(`unknown phase ${phase}`);
}

const cpu = process.cpuUsage();
const line = {
  phase,
  seconds: Math.round((measured?.seconds ?? (performance.now() - started) / 1000) * 100) / 100,
  peakRssMB: measured ? measured.peakRssMB : Math.round(process.resourceUsage().maxRSS / 1024),
  ...details,
  cpuSeconds: measured ? measured.cpuSeconds : Math.round((cpu.user + cpu.system) / 1e4) / 100,
};
console.log(JSON.stringify(line));
if (phase === "noop" && details.upToDate !== true) {
  process.stderr.write(`noop: the rerun was not up to date (${out}); it rebuilt instead of checking the fingerprint\n`);
  process.exitCode = 1;
}

/**
 * DuckDB's read_csv of the log into a table (the twelve columns as text, the timestamp parsed), then
 * the actions and distinct users per action and per UTC day: reading, decoding, parsing and one
 * aggregation, as ingest does before the indicators. Loaded only here: a dev dependency.
 */
async function duckdbReference(file: string): Promise<Record<string, unknown>> {
  const {DuckDBInstance} = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const quoted = `'${file.replaceAll("'", "''")}'`;
  const columns = ["domain_id", "user_id", "dataset_id", "username", "action", "group_id", "page_id", "diff", "map_id", "reuse_title", "subdomain_id"];
  const types = `{'timestamp': 'TIMESTAMPTZ', ${columns.map((name) => `'${name}': 'VARCHAR'`).join(", ")}}`;
  const t0 = performance.now();
  await connection.run(`CREATE TABLE log AS SELECT * FROM read_csv(${quoted}, header = true, columns = ${types})`);
  const readSeconds = (performance.now() - t0) / 1000;
  const byAction = await connection.runAndReadAll("SELECT action, count(*) AS actions, count(DISTINCT user_id) AS users FROM log GROUP BY action");
  const byDay = await connection.runAndReadAll(
    "SELECT date_trunc('day', timestamp) AS day, count(*) AS actions, count(DISTINCT user_id) AS users FROM log GROUP BY day",
  );
  const rows = Number((await connection.runAndReadAll("SELECT count(*) FROM log")).getRowsJS()[0][0]);
  const duckdbSeconds = (performance.now() - t0) / 1000;
  connection.closeSync();
  instance.closeSync();
  return {
    rows,
    duckdbSeconds: Math.round(duckdbSeconds * 100) / 100,
    readSeconds: Math.round(readSeconds * 100) / 100,
    actions: byAction.getRowsJS().length,
    days: byDay.getRowsJS().length,
  };
}
