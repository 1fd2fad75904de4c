/**
 * Property: a folder of daily logs changed the ways nightly downloads change it builds, with the
 * cache, to the bytes of a cold build (`--no-cache`) of the same files. Random folders of eight daily
 * CSV files (rows with quotes, commas and newlines in `diff`, rows repeating rows of other days, a
 * rejected row now and then); v1 lacks a day's file or holds only half of a day; then, at random:
 * the missed day arrives, the half day is downloaded again complete in another order (sometimes with
 * a row of a later day in it), a file in the middle grows, an old file is written again in another
 * order, a new last day comes. Whatever path the build takes (append, files read again, or all read
 * again when it must), the report is the cold one's, every file of it.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import {appendFile, mkdir, mkdtemp, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {build, type BuildSummary} from "../../src/build.js";
import {buildConfig} from "../../src/config.js";
import {quietEffects, snapshot} from "../reliability/site-snapshot.js";
import {createRandom} from "../../scripts/log-generator/random.js";

const COLUMNS = ["timestamp", "domain_id", "user_id", "dataset_id", "action", "page_id", "diff"];
const DAYS = Array.from({length: 8}, (_, i) => `2026-03-${String(i + 2).padStart(2, "0")}`);
const RUNS = {numRuns: 10, seed: 20261208};

let dir = "";
test.before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "prop-folder-"));
});
test.after(async () => {
  await rm(dir, {recursive: true, force: true});
});

type Row = string[];
const cell = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const csvLines = (rows: readonly Row[]): string => rows.map((row) => row.map(cell).join(",") + "\n").join("");
const csv = (rows: readonly Row[]): string => csvLines([COLUMNS, ...rows]);

/** A day's rows; some repeat a row of `earlier` days, one in ten is rejected (no such hour). */
function rowsOfDay(next: () => number, day: string, count: number, earlier: readonly Row[]): Row[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  return Array.from({length: count}, () => {
    if (earlier.length > 0 && next() < 0.12) return [...pick(earlier)];
    const second = Math.floor(next() * 86_400);
    const time = `${String(Math.floor(second / 3600)).padStart(2, "0")}:${String(Math.floor(second / 60) % 60).padStart(2, "0")}:${String(second % 60).padStart(2, "0")}`;
    const action = pick(["edit_dataset", "publish_dataset", "edit_page", "create_dataset"]);
    return [
      next() < 0.08 ? `${day}T25:00:00Z` : `${day}T${time}Z`,
      "demo",
      pick(["ana", "ben", "chloé", "dev"]),
      action.endsWith("_dataset") ? pick(["roads", "trees", "air"]) : "",
      action,
      action.endsWith("_page") ? pick(["home", "about"]) : "",
      next() < 0.5 ? JSON.stringify({old: `v${Math.floor(next() * 9)}, "x"`, new: "line\nbreak"}) : "",
    ];
  });
}

const shuffled = <T>(next: () => number, items: readonly T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

/** Builds `logs` into `out` in this process, month and all time only (the rows' paths are the same for every period). */
const buildFolder = (logs: string, out: string, flags: Record<string, unknown>): Promise<BuildSummary> =>
  build(
    buildConfig({
      input: [logs],
      out,
      tz: "Europe/Paris",
      "as-of": "2026-03-31",
      periods: "month,all",
      "max-rejected": "50",
      workers: "0",
      quiet: true,
      ...flags,
    }),
    quietEffects,
  );

const modes: string[] = [];

test("a folder of daily files changed as nightly downloads change it: the incremental build is the cold build, byte for byte", async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.integer({min: 1, max: 2 ** 31 - 1}), async (seed) => {
      const {next} = createRandom(seed);
      const root = path.join(dir, `run-${run++}`);
      const logs = path.join(root, "logs");
      await mkdir(logs, {recursive: true});
      // every day's rows, then a few of them repeating a row of a later day
      const days = new Map<string, Row[]>();
      for (const day of DAYS) days.set(day, rowsOfDay(next, day, 3 + Math.floor(next() * 6), [...days.values()].flat()));
      const missing = next() < 0.6 ? DAYS[1 + Math.floor(next() * 5)] : undefined;
      const partial = DAYS.filter((day) => day !== missing)[1 + Math.floor(next() * 5)];
      for (const day of DAYS) {
        if (day === missing) continue;
        const rows = days.get(day)!;
        await writeFile(path.join(logs, `${day}.csv`), csv(day === partial ? rows.slice(0, Math.ceil(rows.length / 2)) : rows));
      }
      const cache = path.join(root, "cache");
      await buildFolder(logs, path.join(root, "site"), {cache});

      // the night
      if (missing !== undefined) await writeFile(path.join(logs, `${missing}.csv`), csv(days.get(missing)!));
      const later = [...days.entries()].filter(([day]) => day > partial).flatMap(([, rows]) => rows);
      const again = [...days.get(partial)!, ...(next() < 0.25 && later.length > 0 ? [later[0]] : [])];
      await writeFile(path.join(logs, `${partial}.csv`), csv(shuffled(next, again)));
      const middle = DAYS.filter((day) => day !== missing && day !== partial)[Math.floor(next() * 4)];
      // a middle file grows (half the runs), is written again in another order (a quarter), or stays
      const change = next();
      if (change < 0.5) await appendFile(path.join(logs, `${middle}.csv`), csvLines(rowsOfDay(next, middle, 2, [])));
      else if (change < 0.75) await writeFile(path.join(logs, `${middle}.csv`), csv(shuffled(next, days.get(middle)!)));
      if (next() < 0.5) await writeFile(path.join(logs, "2026-03-10.csv"), csv(rowsOfDay(next, "2026-03-10", 4, [...days.values()].flat())));

      const night = await buildFolder(logs, path.join(root, "site"), {cache});
      await buildFolder(logs, path.join(root, "cold"), {"no-cache": true});
      modes.push(night.ingestMode ?? "none");
      assert.equal(
        await snapshot(path.join(root, "site")),
        await snapshot(path.join(root, "cold")),
        `seed ${seed}: ${night.ingestMode} (${night.ingestReason ?? ""})`,
      );
      await rm(root, {recursive: true, force: true});
    }),
    RUNS,
  );
  // the property is about the paths that do not read everything: most runs must take them
  assert.ok(modes.filter((mode) => mode !== "cold").length >= modes.length / 2, `ingest modes: ${modes.join(", ")}`);
});

test.run();
