/**
 * The explorer's data files as the build writes them (explore-data.ts): one pair per month of
 * counted rows, which read back as the log's rows; on a build that adds a row to one month, that
 * month only is written again, the others are the published files (same inode: hard links).
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {rmSync} from "node:fs";
import {appendFile, copyFile, mkdtemp, readdir, readFile, stat} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {build} from "../../src/build.js";
import {buildConfig} from "../../src/config.js";
import type {MonthData, MonthRows} from "../../src/explore/data-format.js";
import {readDataFile, texts} from "./read-data-file.js";

const effects = {now: () => new Date("2026-04-01T06:00:00Z"), log: () => {}, progress: () => {}};

const read = readDataFile;

test("a build writes a pair of files per month; the next build, one row later, rewrites that month only", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "ar-explore-data-"));
  try {
    const log = path.join(root, "log.csv");
    await copyFile("test/fixtures/build/log.csv", log);
    const config = buildConfig({
      input: [log],
      out: path.join(root, "site"),
      cache: path.join(root, "cache"),
      tz: "Europe/Paris",
      "as-of": "2026-03-31",
      "max-rejected": "50",
      workers: "0",
    });
    await build(config, effects);
    const dataDir = path.join(root, "site", "explore", "data");
    const names = (await readdir(dataDir)).sort();
    const meta = read(await readFile(path.join(dataDir, "meta.js"), "utf8"));
    assert.is(meta.kind, "meta");
    if (meta.kind !== "meta") return;
    const months = meta.months.map((entry) => entry.month);
    assert.equal(names, ["meta.js", ...months.flatMap((month) => [`${month}.js`, `rows-${month}.js`])].sort());
    // the rows of March 2026 read back: every user of the log's March rows, in time order
    const march = read(await readFile(path.join(dataDir, "2026-03.js"), "utf8")) as MonthData;
    const decoded = texts(march.columns.user_id);
    assert.ok(decoded.includes("<script>alert(1)</script>") && decoded.includes("alice"), decoded.join(","));
    assert.is(
      march.days.reduce((sum, [, rows]) => sum + rows, 0),
      march.rows,
    );
    const marchRows = read(await readFile(path.join(dataDir, "rows-2026-03.js"), "utf8")) as MonthRows;
    assert.is(marchRows.rows, march.rows);
    assert.ok(marchRows.time.every((time, row) => row === 0 || time >= marchRows.time[row - 1]));
    assert.is(new Date(marchRows.time[0]).toISOString().slice(0, 7), "2026-03");

    const inode = async (name: string) => (await stat(path.join(dataDir, name))).ino;
    const before = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await inode(name)])));
    await appendFile(log, "2026-03-30T10:00:00Z;demo-domain;carol;roads;;edit_dataset;;;;;;;backoffice\n");
    await build(config, effects);
    for (const name of names) {
      const rewritten = name === "meta.js" || name.endsWith("2026-03.js");
      assert.is((await inode(name)) !== before[name], rewritten, name);
    }
    const after = read(await readFile(path.join(dataDir, "2026-03.js"), "utf8")) as MonthData;
    assert.is(after.rows, march.rows + 1);
  } finally {
    rmSync(root, {recursive: true, force: true});
  }
});

test.run();
