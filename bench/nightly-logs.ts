/**
 * The logs of the nightly patterns of issue #26, made from the benchmark log (one line a row, as
 * generate-log.ts writes it): its rows in no particular order (an export API asked for no sort),
 * late rows of its last day appended to it, or the whole log exported again in another order with
 * one more day; or the log as a folder of daily files, and the night a missed day's file arrives and
 * a partial day's is downloaded again. bench/run.ts measures the builds (`late`, `reexport`,
 * `folder`); this only writes files.
 */
import {appendFile, mkdir, readFile, rm, writeFile} from "node:fs/promises";
import path from "node:path";
import {createBenchCatalog} from "../scripts/log-generator/bench-catalog.js";
import {BENCH_CSV_HEADER, dayText} from "../scripts/log-generator/bench-rows.js";
import {createRandom} from "../scripts/log-generator/random.js";

const DAY = 86_400_000;

/** `items` in a shuffled order, the same for the same seed (Fisher-Yates). */
function shuffle<T>(items: T[], seed: number): T[] {
  const random = createRandom(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** `count` rows of the UTC day `day` ("YYYY-MM-DD"), as CSV lines in a shuffled order. */
function rowsOfDay(day: string, count: number, seed: number): string[] {
  const text = dayText(createBenchCatalog(), createRandom(seed), Date.parse(`${day}T00:00:00Z`), count, "csv");
  return shuffle(text.split("\n").slice(0, -1), seed);
}

/**
 * Writes the rows of `log` (and `more` lines) to `target` in a shuffled order (`seed`), header
 * first. Resolves with the last UTC day of `log`'s rows, e.g. "2025-12-30".
 */
export async function writeShuffled(log: string, target: string, seed: number, more: string[] = []): Promise<string> {
  const rows = await benchRows(log);
  let last = "";
  for (const row of rows) if (row.slice(0, 10) > last) last = row.slice(0, 10);
  await writeFile(target, BENCH_CSV_HEADER + shuffle([...rows, ...more], seed).join("\n") + "\n");
  return last;
}

/** Appends `count` late rows of `day` to `file`, in no order. */
export async function appendLateRows(file: string, day: string, count: number): Promise<void> {
  await appendFile(file, rowsOfDay(day, count, Date.parse(`${day}T00:00:00Z`) / DAY + 7).join("\n") + "\n");
}

/**
 * Writes `log`'s rows again to `target` in another order (`seed`) with `count` rows of the day after
 * `day` among them, as a nightly full export does; resolves with that day.
 */
export async function writeReexport(log: string, target: string, day: string, count: number, seed: number): Promise<string> {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
  await writeShuffled(log, target, seed, rowsOfDay(next, count, Date.parse(`${next}T00:00:00Z`) / DAY));
  return next;
}

/** A folder of daily files (folderNight): where it is, and the days that make its night. */
export interface DailyFolder {
  folder: string;
  /** the day whose file the folder lacks (a missed download) */
  missing: string;
  /** the day whose file holds only its first half (downloaded before the day was over) */
  partial: string;
  /** the log's last day */
  lastDay: string;
  /** the log's rows by UTC day, in file order */
  days: Map<string, string[]>;
}

/**
 * Writes `log` as one CSV file a UTC day (`folder`/YYYY-MM-DD.csv, in time order, header first), as a
 * nightly download of each day's export leaves it, except that the file of `missing` is not there and
 * the file of the day before the last holds only its first half.
 */
export async function writeDailyFolder(log: string, folder: string, missing: string): Promise<DailyFolder> {
  const days = daysOf(await benchRows(log));
  const names = [...days.keys()].sort();
  const [partial, lastDay] = names.slice(-2);
  await rm(folder, {recursive: true, force: true});
  await mkdir(folder, {recursive: true});
  for (const day of names) {
    if (day === missing) continue;
    const rows = days.get(day)!;
    await writeFile(path.join(folder, `${day}.csv`), BENCH_CSV_HEADER + (day === partial ? rows.slice(0, rows.length >> 1) : rows).join("\n") + "\n");
  }
  return {folder, missing, partial, lastDay, days};
}

/**
 * The night after writeDailyFolder: the missed day's file arrives, the partial day is downloaded
 * again complete (in another order), and the next day's file brings `count` rows. Resolves with that day.
 */
export async function folderNight({folder, missing, partial, lastDay, days}: DailyFolder, count: number): Promise<string> {
  await writeFile(path.join(folder, `${missing}.csv`), BENCH_CSV_HEADER + days.get(missing)!.join("\n") + "\n");
  await writeFile(path.join(folder, `${partial}.csv`), BENCH_CSV_HEADER + shuffle([...days.get(partial)!], 3).join("\n") + "\n");
  const next = new Date(Date.parse(`${lastDay}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
  await writeFile(
    path.join(folder, `${next}.csv`),
    BENCH_CSV_HEADER +
      rowsOfDay(next, count, Date.parse(`${next}T00:00:00Z`) / DAY)
        .sort()
        .join("\n") +
      "\n",
  );
  return next;
}

/** A benchmark log's rows (its lines after the header, one a row), or an error when it is not one. */
async function benchRows(log: string): Promise<string[]> {
  const lines = (await readFile(log, "utf8")).split("\n");
  if (lines[0] + "\n" !== BENCH_CSV_HEADER) throw new Error(`${log}: not a benchmark CSV log (its header differs)`);
  return lines.slice(1).filter((line) => line !== "");
}

/** Rows by UTC day ("YYYY-MM-DD", the timestamp's first characters), in file order. */
function daysOf(rows: readonly string[]): Map<string, string[]> {
  const days = new Map<string, string[]>();
  for (const row of rows) {
    const day = row.slice(0, 10);
    let list = days.get(day);
    if (list === undefined) days.set(day, (list = []));
    list.push(row);
  }
  return days;
}
