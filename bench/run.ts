/**
 * `npm run bench`: generates benchmark logs (cached in bench/logs/) and measures, each in its own
 * process, wall time and peak RSS of ingest, ingest + indicators of every period, the whole cold
 * build, an incremental build after one more day of log, and a rerun with nothing new.
 *   npm run bench -- --sizes 100000,1000000 --phases ingest,duckdb,indicators,build,incremental,noop,late,reexport,folder
 * `incremental` and `noop` work on a copy of the log beside the outputs (in the system's temp
 * folder), without its last two days: a cold build with a cache first (in its own process, not
 * measured), then each night appendDay adds 1,000 rows of the next day and the build of the grown
 * log as of that day, with the same out and cache, is measured (prepareIncremental); `noop` then
 * runs the same command again as a whole CLI process, which must find the report up to date. The
 * copy, its site and its cache stay there for a look afterwards (the next run overwrites them).
 * `late` and `reexport` are issue #26's nightly patterns on a shuffled copy (nightlyPattern);
 * `folder` the night of a folder of daily files where a missed day arrives late (folderPattern).
 * Prints a Markdown table (for docs/performance.md; the README keeps a short one) and writes bench/results.json.
 */
import {execFileSync} from "node:child_process";
import {existsSync} from "node:fs";
import {copyFile, mkdir, writeFile} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {parseArgs} from "node:util";
import {appendDay, dropLastDays, generateBenchLog} from "./generate-log.js";
import {appendLateRows, folderNight, writeDailyFolder, writeReexport, writeShuffled} from "./nightly-logs.js";

const {values} = parseArgs({options: {sizes: {type: "string"}, phases: {type: "string"}}});
const sizes = (values.sizes ?? "1000000").split(",").map(Number);
const phases = (values.phases ?? "ingest,indicators,build").split(",");
const label = (rows: number) => (rows >= 1e6 ? `${rows / 1e6}m` : `${rows / 1e3}k`);
const work = path.join(os.tmpdir(), "activity-report-bench");

/** One measured phase: `rows` is the benchmark size, `rowsRead` what the build read (with appended days). */
type Result = Record<string, unknown> & {rows: number; phase: string; error?: string};

/** Runs bench/measure.ts in a fresh process; a failed phase becomes a result with its error. */
function measure(rows: number, phase: string, log: string, out: string, flags: string[] = []): Result {
  let line: Record<string, unknown>;
  const t0 = performance.now();
  try {
    // the in-process phases (ingest, indicators) get the malloc tuning the CLI's shebang gives the builds
    const env = {...process.env, GLIBC_TUNABLES: "glibc.malloc.hugetlb=1"};
    const stdout = execFileSync(process.execPath, ["--import", "tsx", "bench/measure.ts", phase, log, out, ...flags], {
      encoding: "utf8",
      env,
      maxBuffer: 1 << 24,
      stdio: ["ignore", "pipe", "inherit"],
    });
    line = JSON.parse(stdout.trim().split("\n").at(-1)!);
  } catch (error) {
    // measure.ts said why on stderr (inherited); a noop that rebuilt still printed its line
    const {stdout, status} = error as {stdout?: string; status: number | null};
    const printed = stdout?.trim().split("\n").at(-1);
    line = {...(printed?.startsWith("{") ? JSON.parse(printed) : {phase}), error: `bench/measure.ts ${phase} exited with ${status}`};
  }
  const {rows: rowsRead, ...rest} = line;
  // the whole process, module loading included (what a cron job waits for): the build phases time
  // the CLI process they start, from outside, as their `seconds` (its own figure is `cliSeconds`)
  const cli = phase === "build" || phase === "incremental" || phase === "noop";
  const processSeconds = cli ? line.seconds : Math.round((performance.now() - t0) / 10) / 100;
  return {rows, phase, rowsRead, processSeconds, ...rest};
}

/**
 * The copy of the log that `incremental` and `noop` grow: the log without its last NIGHTS days
 * (December 29 and 30, 2025), built once cold as of its new last day with its own cache (a build
 * phase in its own process, so the measured phases start from what a nightly job finds). Each night
 * then appends a day and builds as of that day, as a nightly job with the default --as-of (today)
 * does: the rolling periods move, and the year, quarter and month still open hold nearly all their
 * rows (year 2025: 215 MB of downloads at 1M rows), the costliest nights of the year.
 */
async function prepareIncremental(rows: number, log: string): Promise<{copy: string; out: string; cache: string[]; asOf: string}> {
  const copy = path.join(work, `log-${label(rows)}-incremental.csv`);
  const out = path.join(work, `site-${label(rows)}-incremental`);
  const cache = ["--cache", `${out}.cache`];
  await mkdir(work, {recursive: true});
  await copyFile(log, copy);
  const asOf = await dropLastDays(copy, NIGHTS);
  process.stderr.write(`cold build of ${copy} (up to ${asOf}) with a cache, for the incremental phases (not measured)...\n`);
  const setup = measure(rows, "build", copy, out, [...cache, "--as-of", asOf]);
  if (setup.error) throw new Error(`the cold build before the incremental phases failed: ${setup.error}`);
  return {copy, out, cache, asOf};
}

/**
 * The nightly patterns of issue #26, each on its own copy of the log beside the outputs: the log's
 * rows shuffled (an export in no order), built cold with a cache as of its last day (not measured);
 * then `late` appends 1,000 late rows of that day in no order, and `reexport` replaces the file by
 * every row again in another order with 1,000 rows of the next day. The build after it is measured.
 */
async function nightlyPattern(rows: number, log: string, pattern: "late" | "reexport"): Promise<Result> {
  const copy = path.join(work, `log-${label(rows)}-${pattern}.csv`);
  const out = path.join(work, `site-${label(rows)}-${pattern}`);
  const cache = ["--cache", `${out}.cache`];
  await mkdir(work, {recursive: true});
  const lastDay = await writeShuffled(log, copy, 1);
  process.stderr.write(`cold build of ${copy} (shuffled, up to ${lastDay}) with a cache, for the ${pattern} phase (not measured)...\n`);
  const setup = measure(rows, "build", copy, out, [...cache, "--as-of", lastDay]);
  if (setup.error) throw new Error(`the cold build before the ${pattern} phase failed: ${setup.error}`);
  let asOf = lastDay;
  if (pattern === "late") await appendLateRows(copy, lastDay, 1000);
  else asOf = await writeReexport(log, copy, lastDay, 1000, 2);
  process.stderr.write(`${pattern}: ${copy} now ${pattern === "late" ? `has 1,000 late rows of ${lastDay}` : `re-exported with 1,000 rows of ${asOf}`}\n`);
  execFileSync("sync");
  return {...measure(rows, "incremental", copy, out, [...cache, "--as-of", asOf]), phase: pattern, asOf};
}

/**
 * The log as a folder of daily files (one per UTC day), without the file of 15 June 2025 and with
 * only the first half of its day before last, built cold with a cache as of its last day (not
 * measured). Then the night: the missed day's file arrives (it sorts among the others), the partial
 * day is downloaded again complete in another order, and the next day's file brings 1,000 rows. The
 * build after it is measured.
 */
async function folderPattern(rows: number, log: string): Promise<Result> {
  const folder = path.join(work, `logs-${label(rows)}-daily`);
  const out = path.join(work, `site-${label(rows)}-folder`);
  const cache = ["--cache", `${out}.cache`];
  const daily = await writeDailyFolder(log, folder, "2025-06-15");
  process.stderr.write(`cold build of ${folder} (daily files, up to ${daily.lastDay}) with a cache, for the folder phase (not measured)...\n`);
  const setup = measure(rows, "build", folder, out, [...cache, "--as-of", daily.lastDay]);
  if (setup.error) throw new Error(`the cold build before the folder phase failed: ${setup.error}`);
  const asOf = await folderNight(daily, 1000);
  process.stderr.write(`folder: ${daily.missing}.csv arrived, ${daily.partial}.csv downloaded again complete, ${asOf}.csv has 1,000 rows\n`);
  execFileSync("sync");
  return {...measure(rows, "incremental", folder, out, [...cache, "--as-of", asOf]), phase: "folder", asOf};
}

/** The nights measured: the first after the cold build, then the usual one (after an incremental build). */
const NIGHTS = 2;

const results: Result[] = [];
for (const rows of sizes) {
  const log = path.resolve(`bench/logs/log-${label(rows)}.csv`);
  if (!existsSync(log)) {
    process.stderr.write(`generating ${log}...\n`);
    await generateBenchLog({rows, out: log});
  }
  let incremental: Awaited<ReturnType<typeof prepareIncremental>> | undefined;
  for (const phase of phases) {
    let result: Result;
    if (phase === "incremental") {
      // two nights: the first after the cold build, the second after an incremental one (the usual
      // night); each after the disk has flushed the previous build's writes, as a night later
      incremental ??= await prepareIncremental(rows, log);
      for (let night = 1; night <= NIGHTS; night++) {
        execFileSync("sync");
        const added = await appendDay({file: incremental.copy, rows: 1000});
        incremental.asOf = added.day;
        process.stderr.write(`appended ${added.rows} rows dated ${added.day} to ${incremental.copy}\n`);
        const nightly = {
          ...measure(rows, phase, incremental.copy, incremental.out, [...incremental.cache, "--as-of", added.day]),
          phase: `incremental, night ${night}`,
          asOf: added.day,
        };
        results.push(nightly);
        process.stderr.write(JSON.stringify(nightly) + "\n");
      }
      continue;
    } else if (phase === "late" || phase === "reexport") {
      result = await nightlyPattern(rows, log, phase);
    } else if (phase === "folder") {
      result = await folderPattern(rows, log);
    } else if (phase === "noop") {
      incremental ??= await prepareIncremental(rows, log);
      result = measure(rows, phase, incremental.copy, incremental.out, [...incremental.cache, "--as-of", incremental.asOf]);
    } else {
      result = measure(rows, phase, log, path.join(work, `site-${label(rows)}`));
    }
    results.push(result);
    process.stderr.write(JSON.stringify(result) + "\n");
  }
}

/** e.g. "ingest 0.4 · charts 2.1 · site 1.3" (stages over 0.05 s, in the order the build ran them) */
const stagesText = (stages: unknown): string =>
  stages && typeof stages === "object"
    ? Object.entries(stages as Record<string, number>)
        .filter(([, s]) => s >= 0.05)
        .map(([name, s]) => `${name} ${s}`)
        .join(" · ")
    : "";

/** The ingest column: how the build read its log, or that the rerun was up to date. */
const ingestText = (r: Result): string => {
  const mode = r.ingestMode ? `${r.ingestMode}${r.ingestReason ? ` (${r.ingestReason})` : ""}` : "";
  if (r.phase === "noop" && r.upToDate === false) return `**not up to date**, rebuilt: ${mode}`;
  if (r.error) return `**failed**: ${r.error}`;
  return r.phase === "noop" ? "up to date" : mode;
};

const cell = (value: unknown): string => (value === undefined || value === null ? "" : String(value));
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(
  `\nMachine: ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}\n`,
);
console.log("| rows | phase | process wall (s) | build wall (s) | CPU (s) | peak RSS (MB) | ingest | periods reused | periods rendered | stages (s) |");
console.log("| ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |");
for (const r of results) {
  const columns = [
    r.rows.toLocaleString("en"),
    r.phase,
    cell(r.processSeconds),
    cell(r.cliSeconds ?? r.seconds),
    cell(r.cpuSeconds),
    cell(r.peakRssMB),
    ingestText(r),
    cell(r.reused),
    cell(r.rendered),
    stagesText(r.stages),
  ];
  console.log(`| ${columns.map((text) => text.replaceAll("|", "\\|")).join(" | ")} |`);
}
for (const rows of sizes) {
  // #26's yardstick: ingest within 1.5 times DuckDB's read_csv of the same file, side by side
  const ingest = results.find((r) => r.rows === rows && r.phase === "ingest" && !r.error);
  const duckdb = results.find((r) => r.rows === rows && r.phase === "duckdb" && !r.error);
  if (ingest && duckdb)
    console.log(
      `\n${rows.toLocaleString("en")} rows: ingest ${ingest.seconds} s, DuckDB read_csv ${duckdb.seconds} s: ${(Number(ingest.seconds) / Number(duckdb.seconds)).toFixed(2)}x (target <= 1.5x)`,
    );
}
// #26's budgets for the nightly patterns, the whole process (the folder's night has none of its own:
// the re-export's, which it also is, for comparison)
for (const r of results.filter((r) => (r.phase === "late" || r.phase === "reexport" || r.phase === "folder") && !r.error)) {
  const budget = r.phase === "late" ? 3 : 4;
  console.log(
    `\n${r.rows.toLocaleString("en")} rows, ${r.phase}: ${r.processSeconds} s (${r.phase === "folder" ? "the re-export's budget" : "budget"} <= ${budget} s${Number(r.processSeconds) <= budget ? ", met" : ", NOT met"})`,
  );
}
await writeFile("bench/results.json", JSON.stringify({machine: {cores: os.cpus().length, cpu, node: process.version}, results}, null, 2) + "\n");
if (results.some((r) => r.error)) process.exitCode = 1;
