/**
 * Rows of the benchmark log, one day at a time: how many rows each day gets (weekdays busier,
 * growth over the years), sorted UTC times with milliseconds at office hours, and each row as a
 * `,`-separated CSV line (quoted JSON diff) or an NDJSON line; both formats carry the same values.
 * It does not touch the disk.
 */
import {LOG_FIELDS} from "../../src/ingest/types.js";
import {csvField} from "./csv-line.js";
import {cumulative, sampleIndex, type Random} from "./random.js";
import {BENCH_SUBDOMAINS, type BenchCatalog} from "./bench-catalog.js";

export type BenchFormat = "csv" | "ndjson";
export const BENCH_DOMAIN = "metropole-opendata";
export const BENCH_CSV_HEADER = LOG_FIELDS.join(",") + "\n";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const WEEKDAY_VOLUME = [0.25, 1, 1.05, 1, 1.05, 0.9, 0.35]; // Sunday first
const HOURS = cumulative([0.3, 0.2, 0.3, 0.2, 0.2, 0.4, 1, 3, 7, 9, 8, 5, 4, 7, 9, 8, 6, 3, 1.5, 1, 0.8, 0.6, 0.5, 0.4]);

/**
 * Splits `rows` over `days` days from `startMs`: weekdays busier than weekends, volume growing
 * from 0.7 to 1.3, a little day-to-day noise. The counts add up to `rows` exactly.
 */
export function rowsPerDay(random: Random, rows: number, startMs: number, days: number): number[] {
  const weights = Array.from(
    {length: days},
    (_, d) => WEEKDAY_VOLUME[new Date(startMs + d * DAY).getUTCDay()] * (0.7 + (0.6 * d) / days) * (0.8 + 0.4 * random.next()),
  );
  const table = cumulative(weights);
  return weights.map((_, d) => Math.round(table[d] * rows) - (d === 0 ? 0 : Math.round(table[d - 1] * rows)));
}

/** `count` instants of the day starting at `dayMs`, ascending, mostly at office hours. */
export function dayTimes(random: Random, dayMs: number, count: number): Float64Array {
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    times[i] = dayMs + sampleIndex(HOURS, random.next()) * HOUR + random.int(HOUR);
  }
  return times.sort();
}

function diffHead(name: string, q: string): string {
  return `{${q}field${q}:${q}${name}${q},${q}lang${q}:${q}fr${q},`;
}

/**
 * A small JSON diff, written with `q` as its quote so that CSV gets `""` without an escaping pass:
 * q = '"' gives JSON text, q = '""' gives the same text ready to sit inside a quoted CSV field.
 */
function diffFor(action: string, random: Random, target: string, q: string): string {
  const kind = random.int(4);
  if (kind === 0) return `${diffHead("title", q)}${q}old${q}:${q}${target}${q},${q}new${q}:${q}${target} (mise à jour)${q}}`;
  if (kind === 1 && action === "edit_dataset") {
    return `${diffHead("records_count", q)}${q}old${q}:${random.int(90_000)},${q}new${q}:${random.int(90_000)}}`;
  }
  if (kind === 3 && action === "edit_domain_property") {
    return `${diffHead("theme.primary_color", q)}${q}old${q}:${q}#1d4f91${q},${q}new${q}:${q}#14406f${q}}`;
  }
  if (kind === 3) {
    const keyword = target.slice(0, target.indexOf("-"));
    return `${diffHead("keyword", q)}${q}old${q}:[${q}open data${q}],${q}new${q}:[${q}open data${q},${q}${keyword}${q}]}`;
  }
  return `${diffHead("description", q)}${q}old${q}:${q}Données mises à jour chaque nuit.${q},${q}new${q}:${q}Données mises à jour chaque heure.${q}}`;
}

/**
 * Fills `values` (reused between rows to spare the garbage collector) with one row's twelve
 * values in LOG_FIELDS order; the diff is CSV-quoted already when `format` is "csv".
 */
export function benchRow(catalog: BenchCatalog, random: Random, time: number, format: BenchFormat, values: string[]): void {
  const action = catalog.actions[sampleIndex(catalog.actionTable, random.next())];
  const user = catalog.users[sampleIndex(catalog.userTable, random.next())];
  let dataset = "",
    username = "",
    group = "",
    page = "",
    map = "",
    reuse = "",
    subdomain = "",
    target = "";
  if (action.target === "dataset" || action.target === "reuse") {
    const index = sampleIndex(catalog.datasetTable, random.next());
    dataset = target = catalog.datasets[index];
    subdomain = catalog.datasetSubdomains[index];
    if (action.target === "reuse") reuse = random.pick(catalog.reuses);
  } else if (action.target === "page") {
    const index = sampleIndex(catalog.pageTable, random.next());
    page = target = catalog.pages[index];
    subdomain = index % 4 === 0 ? BENCH_SUBDOMAINS[index % BENCH_SUBDOMAINS.length] : "";
  } else if (action.target === "group") {
    group = random.pick(catalog.groups);
    username = random.pick(catalog.users);
  } else if (action.target === "user") {
    username = random.pick(catalog.users);
  } else if (action.target === "map") {
    map = target = random.pick(catalog.maps);
  } else {
    target = BENCH_DOMAIN;
  }
  let diff = "";
  if (action.diff) {
    diff = format === "csv" ? `"${diffFor(action.name, random, target, '""')}"` : diffFor(action.name, random, target, '"');
  }
  values[0] = new Date(time).toISOString();
  values[1] = BENCH_DOMAIN;
  values[2] = user;
  values[3] = dataset;
  values[4] = username;
  values[5] = action.name;
  values[6] = group;
  values[7] = page;
  values[8] = diff;
  values[9] = map;
  values[10] = format === "csv" ? csvField(reuse, ",") : reuse;
  values[11] = subdomain;
}

/** One row from benchRow as a "\n"-terminated line. */
export function formatRow(values: string[], format: BenchFormat): string {
  if (format === "csv") return values.join(",") + "\n";
  const record: Record<string, string> = {};
  LOG_FIELDS.forEach((field, i) => (record[field] = values[i]));
  return JSON.stringify(record) + "\n";
}

/** All rows of one day as text. */
export function dayText(catalog: BenchCatalog, random: Random, dayMs: number, count: number, format: BenchFormat): string {
  const times = dayTimes(random, dayMs, count);
  const values = new Array<string>(LOG_FIELDS.length);
  let text = "";
  for (let i = 0; i < count; i++) {
    benchRow(catalog, random, times[i], format, values);
    text += formatRow(values, format);
  }
  return text;
}
