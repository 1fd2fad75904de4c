/**
 * A damaged build cache is never trusted: each kind of file the cache keeps (the time array, a coded
 * column, a row array, the offsets into the downloads, the hash index, the manifest's fields, the
 * rejects list, the hard-linked downloads) is damaged in place after a build, rows are appended, and
 * the next build reads every input again, says which file it did not trust (`ingestReason`), and
 * publishes the report a cold build of the same log gives, byte for byte. An intact cache, appended
 * to night after night, stays in use (its digests are extended, not recomputed wrong).
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {appendFile, mkdtemp, open, readdir, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {build, type BuildEffects, type BuildSummary} from "../../src/build.js";
import {buildConfig} from "../../src/config.js";
import {snapshot} from "./site-snapshot.js";

const NOW = "2026-02-01T06:00:00.000Z";
const HEADER = "timestamp,domain_id,user_id,dataset_id,action\n";
const ACTIONS = ["edit_dataset", "publish_dataset", "edit_page", "add_user_to_domain"];
const effects: BuildEffects = {now: () => new Date(NOW), log: () => {}, progress: () => {}};

/** Row `i`: one every 2 hours from 1 January 2026; every 97th has a bad timestamp (a rejected row). */
const row = (i: number): string =>
  `${i % 97 === 50 ? "2026-01-32T00:00:00Z" : new Date(Date.parse("2026-01-01T00:00:00Z") + i * 7_200_000).toISOString()},demo,user-${i % 7},dataset-${i % 11},${ACTIONS[i % ACTIONS.length]}\n`;
const rows = (from: number, to: number): string => Array.from({length: to - from}, (_, k) => row(from + k)).join("");

let root = "";

test.before(async () => {
  root = await mkdtemp(path.join(tmpdir(), "ar-damaged-"));
});

test.after(async () => {
  await rm(root, {recursive: true, force: true});
});

type Summary = BuildSummary & {ingestMode: "cold" | "append"; ingestReason?: string};

/** A build as the CLI runs it (the build reads its cache early when the log grew). */
async function runBuild(log: string, out: string, flags: Record<string, unknown> = {}): Promise<Summary> {
  const config = buildConfig({input: [log], out, tz: "UTC", "as-of": "2026-01-31", workers: "0", quiet: true, "max-rejected": "50", ...flags});
  return (await build(config, effects)) as Summary;
}

/** The cache file whose name starts with `prefix` (and ends with `suffix`), e.g. "time." -> "time.mfx2k1.bin". */
async function cacheFile(cache: string, prefix: string, suffix = ""): Promise<string> {
  const names = (await readdir(cache)).filter((name) => name.startsWith(prefix) && name.endsWith(suffix) && !name.includes("spare"));
  assert.is(names.length, 1, `one ${prefix}* file in ${names.join(", ")}`);
  return path.join(cache, names[0]);
}

/** Overwrites `bytes` bytes at `at` with zeros (or `fill`), keeping the file's size. */
async function overwrite(file: string, at: number, bytes: number, fill = 0): Promise<void> {
  const handle = await open(file, "r+");
  try {
    await handle.write(Buffer.alloc(bytes, fill), 0, bytes, at);
  } finally {
    await handle.close();
  }
}

/** one log path for every case (rejects.csv names it): each case writes it anew */
const logOf = () => path.join(root, "log.csv");
/** the cold build of the 660 rows every damaged case ends with, made once */
let coldOut: Promise<string> | undefined;

/**
 * Builds 600 rows with a cache, damages it, appends 60 rows, builds again: a cold read whose reason
 * matches `reason`, and the cold build's report. `again`: then appends more and checks that the cache
 * that build wrote is used.
 */
async function damagedThenAppended(name: string, damage: (cache: string) => Promise<void>, reason: RegExp, again = false): Promise<void> {
  const log = logOf();
  const out = path.join(root, name, "site");
  await writeFile(log, HEADER + rows(0, 600));
  assert.is((await runBuild(log, out)).ingestMode, "cold");
  await damage(`${out}.cache`);
  await appendFile(log, rows(600, 660));
  const next = await runBuild(log, out);
  assert.is(next.ingestMode, "cold", `${name}: the damaged cache is not used (${next.ingestReason})`);
  assert.match(next.ingestReason ?? "", reason);
  coldOut ??= runBuild(log, path.join(root, "cold"), {"no-cache": true}).then(() => path.join(root, "cold"));
  assert.equal(await snapshot(out), await snapshot(await coldOut), "the cold build's report");
  if (!again) return;
  await appendFile(log, rows(660, 700));
  assert.is((await runBuild(log, out)).ingestMode, "append", `${name}: the cache that build wrote is used`);
}

test("the time array's first 800 bytes zeroed (same size): cold, the report of a cold build (was: a month with 0 actions)", async () => {
  await damagedThenAppended(
    "time",
    async (cache) => overwrite(await cacheFile(cache, "time."), 0, 800),
    /^cache file time\.[0-9a-z]+\.bin does not match its digest$/,
    true,
  );
});

test("a coded column, a row array, the download offsets, the hash index damaged: each a cold read naming it", async () => {
  for (const prefix of ["coded.action.", "line.", "csvStart.", "hashIndex."]) {
    await damagedThenAppended(
      prefix.replaceAll(".", ""),
      async (cache) => overwrite(await cacheFile(cache, prefix), 40, 16, 1),
      new RegExp(`^cache file ${prefix.replaceAll(".", "\\.")}[0-9a-z]+\\.bin does not match its digest$`),
    );
  }
});

test("a manifest field edited (the counts, a period's totals), or the manifest cut: cold", async () => {
  const edits: [string, (manifest: any) => void][] = [
    ["counts", (m) => (m.counts.accepted += 1)],
    ["period-totals", (m) => (Object.values(m.periods as Record<string, {totals: {actions: number}}>)[0].totals.actions = 0)],
  ];
  for (const [name, edit] of edits) {
    await damagedThenAppended(
      `manifest-${name}`,
      async (cache) => {
        const manifest = JSON.parse(await readFile(path.join(cache, "manifest.json"), "utf8"));
        edit(manifest);
        await writeFile(path.join(cache, "manifest.json"), JSON.stringify(manifest));
      },
      /^cache file manifest\.json does not match its digest$/,
    );
  }
  await damagedThenAppended(
    "manifest-cut",
    async (cache) => {
      const text = await readFile(path.join(cache, "manifest.json"), "utf8");
      await writeFile(path.join(cache, "manifest.json"), text.slice(0, text.length >> 1));
    },
    /^cache file manifest\.json is not JSON$/,
  );
});

test("the rejects list and the downloads of the cache written to: cold", async () => {
  await damagedThenAppended(
    "rejects",
    async (cache) => {
      const file = await cacheFile(cache, "rejects.");
      const text = await readFile(file, "utf8");
      await writeFile(file, text.replace("2026-01-32", "2026-01-31"));
    },
    /^cache file rejects\.[0-9a-z]+\.json does not match its digest$/,
  );
  for (const ext of ["csv", "json"]) {
    await damagedThenAppended(
      `download-${ext}`,
      // the whole log's, as the manifest names it (the open periods' spares are activity.* files too)
      async (cache) => overwrite(path.join(cache, JSON.parse(await readFile(path.join(cache, "manifest.json"), "utf8")).parts[ext]), 100, 30, 0x20),
      new RegExp(`^cache file activity\\.[0-9a-z]+\\.${ext} was written to after the cache recorded it$`),
    );
  }
});

test("an intact cache, appended to three nights in a row: every night an append, the cold build's report", async () => {
  const dir = await mkdtemp(path.join(root, "intact-"));
  const log = path.join(dir, "log.csv");
  const out = path.join(dir, "site");
  await writeFile(log, HEADER + rows(0, 600));
  await runBuild(log, out);
  for (let night = 0; night < 3; night++) {
    await appendFile(log, rows(600 + night * 20, 620 + night * 20));
    const summary = await runBuild(log, out);
    assert.is(summary.ingestMode, "append", `night ${night + 1}: ${summary.ingestReason}`);
  }
  await runBuild(log, path.join(dir, "cold"), {"no-cache": true});
  assert.equal(await snapshot(out), await snapshot(path.join(dir, "cold")), "the cold build's report");
});

test.run();
