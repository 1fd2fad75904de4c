import {test} from "uvu";
import * as assert from "uvu/assert";
import {execFile} from "node:child_process";
import {readFileSync} from "node:fs";
import {link, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {promisify} from "node:util";
import {fileURLToPath} from "node:url";
import type {Spec} from "vega";
import {build} from "../../src/build.js";
import {buildConfig} from "../../src/config.js";
import {readBuiltSite, unshareWrittenFiles} from "../../src/site/read-built-site.js";
import type {ChartsJson} from "../../src/site/types.js";
import {HOSTILE, siteInput} from "../fixtures/site/site-input.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

/** A compiled Vega spec drawing one text mark holding a string from the log. */
const textSpec = (text: string): Spec => ({
  width: 40,
  height: 10,
  marks: [{type: "text", encode: {enter: {x: {value: 0}, y: {value: 8}, text: {value: text}}}}],
});

let dir = "";

/** A built folder as the orchestrator leaves it, made from the site fixture. */
async function writeBuiltFolder(): Promise<void> {
  const input = siteInput(dir);
  await writeFile(path.join(dir, "report.json"), JSON.stringify(input.report));
  for (const page of input.pages) {
    const folder = path.join(dir, page.period.path);
    await mkdir(folder, {recursive: true});
    await writeFile(path.join(folder, "indicators.json"), JSON.stringify(page.indicators));
    const charts: ChartsJson = {
      charts: page.charts.map(({id, title, description, summary, table}, i) => ({
        id,
        title,
        description,
        summary,
        vega: textSpec(table.rows[0]?.[0] as string),
        // the first chart comes without its table, as charts.json did before `table` was added
        ...(i === 0 ? {} : {table}),
      })),
    };
    await writeFile(path.join(folder, "charts.json"), JSON.stringify(charts));
    await writeFile(path.join(folder, "activity.csv"), "x".repeat(page.downloads.csv.rows));
    await writeFile(path.join(folder, "activity.json"), "[]");
  }
}

test.before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "built-site-"));
  await writeBuiltFolder();
});

test.after(async () => {
  await rm(dir, {recursive: true, force: true});
});

test("reads periods, re-bakes the SVGs and measures the downloads", async () => {
  const source = await readBuiltSite(dir);
  assert.is(source.pages.length, 9);
  const march = source.pages.find((p) => p.period.key === "2025-03");
  assert.is(march?.period.startMs, Date.parse("2025-03-01T00:00:00+01:00"));
  assert.is(march?.period.timeZone, "Europe/Paris");
  assert.is(march?.charts.length, 8);
  assert.ok(march?.charts[0].svg.startsWith("<svg"));
  assert.ok(march?.charts[0].svg.includes(ESCAPED), "vega escapes the text it draws");
  assert.is(march?.charts[0].table, undefined);
  // activity.csv holds one byte per row in this folder; activity.json is "[]"
  assert.equal(march?.downloads, {csv: {href: "activity.csv", rows: 1250, bytes: 1250}, json: {href: "activity.json", rows: 1250, bytes: 2}});
});

test("a folder that is not a build is named in the error", async () => {
  try {
    await readBuiltSite(path.join(dir, "nowhere"));
    assert.unreachable("should have thrown");
  } catch (error) {
    assert.match((error as Error).message, /nowhere\/report\.json: cannot read it as JSON/);
  }
});

const eleventy = (reportDir: string) =>
  promisify(execFile)(path.join(ROOT, "node_modules/.bin/eleventy"), [], {cwd: ROOT, env: {...process.env, ACTIVITY_REPORT_DIR: reportDir}});

/** Every file under `root`, relative to it, sorted. */
const filesUnder = async (root: string): Promise<string[]> =>
  (await readdir(root, {recursive: true, withFileTypes: true}))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)))
    .sort();

test("unshareWrittenFiles gives hard-linked pages, stylesheets and icons an inode of their own, and leaves the rest", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "unshare-"));
  try {
    await mkdir(path.join(root, "out/week/2025-W10"), {recursive: true});
    await mkdir(path.join(root, "previous/week/2025-W10"), {recursive: true});
    for (const name of ["index.html", "site.css", "activity.csv"]) {
      await writeFile(path.join(root, "previous/week/2025-W10", name), `previous ${name}`);
      await link(path.join(root, "previous/week/2025-W10", name), path.join(root, "out/week/2025-W10", name));
    }
    await writeFile(path.join(root, "out/index.html"), "own page");
    assert.is(await unshareWrittenFiles(path.join(root, "out")), 2);
    const nlink = async (file: string) => (await stat(path.join(root, file))).nlink;
    assert.is(await nlink("out/week/2025-W10/index.html"), 1);
    assert.is(await nlink("out/week/2025-W10/site.css"), 1);
    assert.is(await nlink("out/week/2025-W10/activity.csv"), 2, "a download is not Eleventy's to write: it stays shared");
    assert.is(await readFile(path.join(root, "out/week/2025-W10/index.html"), "utf8"), "previous index.html");
    assert.equal(await filesUnder(path.join(root, "out")), ["index.html", "week/2025-W10/activity.csv", "week/2025-W10/index.html", "week/2025-W10/site.css"]);
  } finally {
    await rm(root, {recursive: true, force: true});
  }
});

test("npx @11ty/eleventy re-renders a built report byte for byte", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "rerender-"));
  try {
    const out = path.join(root, "site");
    const config = buildConfig({
      input: [path.resolve("test/fixtures/build/log.csv")],
      out,
      tz: "Europe/Paris",
      "as-of": "2026-03-31",
      "max-rejected": "50",
      "no-cache": true,
      workers: "0",
    });
    await build(config, {now: () => new Date("2026-04-01T06:00:00.000Z"), log: () => {}, progress: () => {}});
    const files = await filesUnder(out);
    const before = await Promise.all(files.map((file) => readFile(path.join(out, file))));
    await eleventy(out);
    assert.equal(await filesUnder(out), files);
    const changed = files.filter((file, i) => !before[i].equals(readFileSync(path.join(out, file))));
    assert.equal(changed, [], "every page, chart SVG included, as the build wrote it");
    assert.ok(
      files.some((file) => file.endsWith("index.html") && file !== "index.html"),
      "period pages were compared",
    );
  } finally {
    await rm(root, {recursive: true, force: true});
  }
});

test("npx @11ty/eleventy renders the pages of a built folder through .eleventy.js, never through a hard link", async () => {
  // a page the build kept from the report before: the same inode in both folders
  const kept = path.join(dir, "month/2025-03/index.html");
  const previous = path.join(dir, "..", `${path.basename(dir)}-previous-index.html`);
  await writeFile(kept, "the report before's page");
  await link(kept, previous);
  await eleventy(dir);
  assert.is(await readFile(previous, "utf8"), "the report before's page", "the report before keeps its page");
  await rm(previous);
  const index = await readFile(path.join(dir, "index.html"), "utf8");
  assert.ok(index.includes('href="month/2025-03/index.html"'));
  const march = await readFile(path.join(dir, "month/2025-03/index.html"), "utf8");
  assert.not.ok(march.includes(HOSTILE));
  assert.is(march.split("<svg").length - 1, 8);
  assert.ok(march.includes("This chart&#39;s numbers are in indicators.json."));
  assert.is(march.split("<summary>Show data</summary>").length - 1, 8);
  assert.ok(march.includes(`<td>${ESCAPED}</td>`));
  assert.ok((await readFile(path.join(dir, "assets/site.css"), "utf8")).includes("prefers-color-scheme"));
});

test.run();
