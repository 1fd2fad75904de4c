import {test} from "uvu";
import * as assert from "uvu/assert";
import {execFile} from "node:child_process";
import {mkdir, mkdtemp, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {promisify} from "node:util";
import {fileURLToPath} from "node:url";
import type {Spec} from "vega";
import {readBuiltSite} from "../../src/site/read-built-site.js";
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
        id, title, description, summary, vega: textSpec(table.rows[0]?.[0] as string),
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
  assert.is(march?.charts.length, 7);
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

test("npx @11ty/eleventy renders the pages of a built folder through .eleventy.js", async () => {
  await promisify(execFile)(path.join(ROOT, "node_modules/.bin/eleventy"), [], {
    cwd: ROOT,
    env: {...process.env, ACTIVITY_REPORT_DIR: dir},
  });
  const index = await readFile(path.join(dir, "index.html"), "utf8");
  assert.ok(index.includes('href="month/2025-03/index.html"'));
  const march = await readFile(path.join(dir, "month/2025-03/index.html"), "utf8");
  assert.not.ok(march.includes(HOSTILE));
  assert.is(march.split("<svg").length - 1, 7);
  assert.ok(march.includes("This chart&#39;s numbers are in indicators.json."));
  assert.is(march.split("<summary>Show data</summary>").length - 1, 7);
  assert.ok(march.includes(`<td>${ESCAPED}</td>`));
  assert.ok((await readFile(path.join(dir, "assets/site.css"), "utf8")).includes("prefers-color-scheme"));
});

test.run();
