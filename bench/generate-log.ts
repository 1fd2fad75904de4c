/**
 * Writes the benchmark activity log: by default 1,000,000 rows (~175 MB) over 3 years, 200 users,
 * 5,000 datasets, 300 pages, 15 actions, Zipf-like popularity, UTC timestamps sorted ascending,
 * as `,`-separated CSV with quoted JSON diffs, or NDJSON. Streams to disk in chunks.
 * `appendDay` adds one more day to an existing log, for incremental-build benchmarks.
 *   tsx bench/generate-log.ts --rows 1000000 --out bench/logs/log-1m.csv [--seed 1] [--format ndjson]
 *   tsx bench/generate-log.ts --append-day --out bench/logs/log-1m.csv [--rows 1000]
 * It does not run the benchmark (bench/run.ts does).
 */
import {mkdir, open} from "node:fs/promises";
import {dirname} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {InputError, UsageError} from "../src/errors.js";
import {createBenchCatalog, type BenchCatalogSizes} from "../scripts/log-generator/bench-catalog.js";
import {BENCH_CSV_HEADER, dayText, rowsPerDay, type BenchFormat} from "../scripts/log-generator/bench-rows.js";
import {createRandom} from "../scripts/log-generator/random.js";

const DAY = 86_400_000;
const CHUNK_BYTES = 4 * 1024 * 1024;

export interface BenchLogOptions extends BenchCatalogSizes {
  rows: number;
  out: string;
  /** defaults to 1 */
  seed?: number;
  /** first UTC day, "YYYY-MM-DD"; defaults to "2023-01-01" */
  startDate?: string;
  /** defaults to 1095 (3 years) */
  days?: number;
  /** defaults to "csv" */
  format?: BenchFormat;
}

export interface BenchLogResult {
  out: string;
  rows: number;
  bytes: number;
}

/** Writes the log to `out` (folders created), chunk by chunk; resolves when the file is closed. */
export async function generateBenchLog(options: BenchLogOptions): Promise<BenchLogResult> {
  const {rows, out, seed = 1, startDate = "2023-01-01", days = 1095, format = "csv"} = options;
  const startMs = Date.parse(`${startDate}T00:00:00Z`);
  if (!Number.isInteger(rows) || rows < 0) throw new UsageError(`--rows: expected a whole number, got ${rows}`);
  if (!Number.isInteger(days) || days < 1) throw new UsageError(`--days: expected a positive whole number, got ${days}`);
  if (Number.isNaN(startMs)) throw new UsageError(`--start: expected YYYY-MM-DD, got "${startDate}"`);
  const catalog = createBenchCatalog(options);
  const random = createRandom(seed);
  await mkdir(dirname(out), {recursive: true});
  const file = await open(out, "w");
  let bytes = 0;
  try {
    let chunk = format === "csv" ? BENCH_CSV_HEADER : "";
    const counts = rowsPerDay(random, rows, startMs, days);
    for (let day = 0; day < days; day++) {
      chunk += dayText(catalog, random, startMs + day * DAY, counts[day], format);
      if (chunk.length >= CHUNK_BYTES || day === days - 1) {
        bytes += (await file.write(chunk)).bytesWritten;
        chunk = "";
      }
    }
  } finally {
    await file.close();
  }
  return {out, rows, bytes};
}

export interface AppendDayOptions extends BenchCatalogSizes {
  file: string;
  /** defaults to 1000 */
  rows?: number;
  /** defaults to the new day's number since 1970, so successive days differ */
  seed?: number;
  /** defaults to "ndjson" for .ndjson/.jsonl files, "csv" otherwise */
  format?: BenchFormat;
}

/** Reads the last line of a log file (up to 64 KiB back) and returns its timestamp in ms. */
async function lastTimestamp(path: string, format: BenchFormat): Promise<number> {
  const file = await open(path, "r").catch((cause) => {
    throw new InputError(`${path}: cannot open the log to append to`, {cause});
  });
  try {
    const {size} = await file.stat();
    const length = Math.min(size, 65_536);
    const {buffer} = await file.read(Buffer.alloc(length), 0, length, size - length);
    const lines = buffer
      .toString("utf8")
      .split("\n")
      .filter((line) => line.trim() !== "");
    const last = lines[lines.length - 1] ?? "";
    const raw = format === "ndjson" ? String(JSON.parse(last || "{}").timestamp) : last.slice(0, last.indexOf(","));
    const time = Date.parse(raw);
    if (!/^\d{4}-\d\d-\d\dT/.test(raw) || Number.isNaN(time)) {
      throw new InputError(`${path}: last line: timestamp "${raw}" is not ISO 8601; expected a log with rows`);
    }
    return time;
  } finally {
    await file.close();
  }
}

/** Appends `rows` rows dated the UTC day after the log's last row; resolves with that day. */
export async function appendDay(options: AppendDayOptions): Promise<{day: string; rows: number}> {
  const {file, rows = 1000} = options;
  const format = options.format ?? (/\.(ndjson|jsonl)$/i.test(file) ? "ndjson" : "csv");
  const dayMs = Math.floor((await lastTimestamp(file, format)) / DAY) * DAY + DAY;
  const random = createRandom(options.seed ?? dayMs / DAY);
  const handle = await open(file, "a");
  try {
    await handle.write(dayText(createBenchCatalog(options), random, dayMs, rows, format));
  } finally {
    await handle.close();
  }
  return {day: new Date(dayMs).toISOString().slice(0, 10), rows};
}

/**
 * Cuts the rows of the last `days` UTC days off the end of a CSV log (rows in time order, one line
 * each, as generateBenchLog writes them); resolves with the log's last day afterwards. The
 * incremental benchmark then appends those days back one night at a time (appendDay).
 */
export async function dropLastDays(file: string, days: number): Promise<string> {
  const last = await lastTimestamp(file, "csv");
  const cut = new Date(Math.floor(last / DAY) * DAY - (days - 1) * DAY).toISOString().slice(0, 10);
  const handle = await open(file, "r+");
  try {
    const {size} = await handle.stat();
    // a day is well under 4 MiB of rows: look that far back for the first row of the cut day
    const length = Math.min(size, days * CHUNK_BYTES);
    const {buffer} = await handle.read(Buffer.alloc(length), 0, length, size - length);
    const text = buffer.toString("latin1");
    let at = text.indexOf("\n" + cut);
    if (at < 0) throw new InputError(`${file}: no row of ${cut} in its last ${length} bytes`);
    at += 1;
    const before = text.lastIndexOf("\n", at - 2);
    const previousDay = text.slice(before + 1, before + 11);
    if (!/^\d{4}-\d\d-\d\d$/.test(previousDay) || !(previousDay < cut))
      throw new InputError(`${file}: no row of a day before ${cut} ends before its first row of ${cut}`);
    await handle.truncate(size - length + at);
    return previousDay;
  } finally {
    await handle.close();
  }
}

function wholeNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${flag}: expected a whole number, got "${value}"`);
  return Number(value);
}

/** The command line: generates a log, or appends a day with --append-day. */
export async function runBenchLogCommand(argv: string[]): Promise<string> {
  const {values} = parseArgs({
    args: argv,
    options: {
      rows: {type: "string"},
      out: {type: "string"},
      seed: {type: "string"},
      start: {type: "string"},
      days: {type: "string"},
      format: {type: "string"},
      "append-day": {type: "boolean"},
    },
  });
  if (!values.out) throw new UsageError("--out <file> is required");
  if (values.format !== undefined && values.format !== "csv" && values.format !== "ndjson") {
    throw new UsageError(`--format: expected csv or ndjson, got "${values.format}"`);
  }
  const format = values.format as BenchFormat | undefined;
  const started = performance.now();
  const seed = wholeNumber("seed", values.seed);
  if (values["append-day"]) {
    const {day, rows} = await appendDay({file: values.out, rows: wholeNumber("rows", values.rows), seed, format});
    return `appended ${rows} rows dated ${day} to ${values.out}`;
  }
  const {rows, bytes} = await generateBenchLog({
    rows: wholeNumber("rows", values.rows) ?? 1_000_000,
    out: values.out,
    seed,
    startDate: values.start,
    days: wholeNumber("days", values.days),
    format,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return `wrote ${values.out}: ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds} s`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runBenchLogCommand(process.argv.slice(2)).then(console.log, (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
}
