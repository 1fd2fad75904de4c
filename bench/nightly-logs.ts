/**
 * The logs of the nightly patterns of issue #26, made from the benchmark log (one line a row, as
 * generate-log.ts writes it): its rows in no particular order (an export API asked for no sort),
 * late rows of its last day appended to it, or the whole log exported again in another order with
 * one more day. bench/run.ts measures the builds (`late`, `reexport`); this only writes files.
 */
import {appendFile, readFile, writeFile} from "node:fs/promises";
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
  const lines = (await readFile(log, "utf8")).split("\n");
  if (lines[0] + "\n" !== BENCH_CSV_HEADER) throw new Error(`${log}: not a benchmark CSV log (its header differs)`);
  const rows = lines.slice(1).filter((line) => line !== "");
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
