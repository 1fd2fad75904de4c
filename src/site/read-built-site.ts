/**
 * Reads a built report folder back into what the pages are made from, for `npx @11ty/eleventy`
 * through the repository's .eleventy.js: report.json, then each period's indicators.json and
 * charts.json, re-rendering every chart's SVG from its compiled Vega spec (vega's headless View with
 * the AST interpreter, as the browser does: charts.json is read as input here, so its expressions
 * are never turned into code), and the sizes of the period's downloads.
 * Eleventy then renders the pages with the shared config, writing over the folder's own; the only
 * files changed here are the hard-linked ones Eleventy is about to write, given inodes of their own.
 */
import {copyFile, readdir, readFile, rename, stat} from "node:fs/promises";
import path from "node:path";
import {parse, View, type Spec} from "vega";
import {expressionInterpreter} from "vega-interpreter";
import type {UserConfig} from "@11ty/eleventy";
import {roundGeometry, withViewBox} from "../charts/render.js";
import {InputError} from "../errors.js";
import type {PeriodIndicators} from "../indicators/types.js";
import {isPeriodType} from "../periods/types.js";
import type {ChartsJson, DownloadInfo, PeriodSummary, ReportJson} from "./types.js";
import {chartSpecsJson} from "./chart-specs.js";
import {siteConfig} from "./eleventy-config.js";
import {buildSiteModel} from "./page-model.js";
import type {PageChart, PageSource, SiteSource} from "./page-model.js";

async function readJson<T>(file: string, check: (value: T) => boolean, expected: string): Promise<T> {
  let value: T;
  try {
    value = JSON.parse(await readFile(file, "utf8")) as T;
  } catch (cause) {
    throw new InputError(`${file}: cannot read it as JSON (${(cause as Error).message}); is this a built report folder?`, {cause});
  }
  if (typeof value !== "object" || value === null || !check(value)) throw new InputError(`${file}: expected ${expected}`);
  return value;
}

/**
 * The SVG of a compiled Vega spec, as the build bakes it: vega draws the same SVG through the
 * interpreter as through generated code (test/charts/render.test.ts), and the build then rounds its
 * geometry and gives it a viewBox (render.ts).
 */
export async function svgFromVega(spec: Spec): Promise<string> {
  const view = new View(parse(spec, undefined, {ast: true}), {renderer: "none", expr: expressionInterpreter as never});
  try {
    return withViewBox(roundGeometry(await view.toSVG()));
  } finally {
    view.finalize();
  }
}

async function download(dir: string, href: string, rows: number): Promise<DownloadInfo> {
  const file = path.join(dir, href);
  try {
    return {href, rows, bytes: (await stat(file)).size};
  } catch (cause) {
    throw new InputError(`${file}: missing; the period's downloads should be next to its indicators.json`, {cause});
  }
}

async function readPage(reportDir: string, summary: PeriodSummary, timeZone: string): Promise<PageSource> {
  const dir = path.join(reportDir, summary.path);
  if (!isPeriodType(summary.type)) throw new InputError(`${path.join(reportDir, "report.json")}: period "${summary.key}" has unknown type "${summary.type}"`);
  const indicators = await readJson<PeriodIndicators>(
    path.join(dir, "indicators.json"),
    (value) => typeof value.totals === "object" && typeof value.actions === "object",
    "an object with totals and actions",
  );
  const chartsJson = await readJson<ChartsJson>(path.join(dir, "charts.json"), (value) => Array.isArray(value.charts), '{"charts": [...]}');
  const charts: PageChart[] = [];
  for (const {id, title, description, summary: chartSummary, vega, table} of chartsJson.charts) {
    charts.push({id, title, description, summary: chartSummary, table, svg: await svgFromVega(vega)});
  }
  return {
    period: {
      type: summary.type,
      key: summary.key,
      path: summary.path,
      start: summary.start,
      end: summary.end,
      startMs: Date.parse(summary.start),
      endMs: Date.parse(summary.end),
      // the pages only lay out what the build counted: the rows were cut then
      countedEndMs: Date.parse(summary.end),
      timeZone,
      bucket: indicators.actions.bucket,
      buckets: indicators.actions.buckets,
    },
    indicators,
    charts,
    chartSpecs: chartSpecsJson(chartsJson.charts),
    // every accepted row of a period is one action, and each download holds them all
    downloads: {csv: await download(dir, "activity.csv", summary.actions), json: await download(dir, "activity.json", summary.actions)},
  };
}

/** Reads `<reportDir>/report.json` and every period it lists. */
export async function readBuiltSite(reportDir: string): Promise<SiteSource> {
  const report = await readJson<ReportJson>(
    path.join(reportDir, "report.json"),
    (value) => Array.isArray(value.periods) && typeof value.timeZone === "string",
    "report.json with periods and timeZone",
  );
  const pages: PageSource[] = [];
  for (const summary of report.periods) pages.push(await readPage(reportDir, summary, report.timeZone));
  return {report, pages};
}

/** What Eleventy writes in a report folder: the pages and the copied stylesheet and icon. */
const WRITTEN = /\.(html|css|ico)$/;

/**
 * Gives every file of `reportDir` that Eleventy may write an inode of its own. A build hard-links the
 * period folders it keeps from the report before it (and the next build links them again), and
 * Eleventy writes over a file in place: re-rendering `<out>` would otherwise change the same pages in
 * `<out>.previous` too. Each shared file is copied beside itself and renamed over itself, so a page
 * is never missing, even if this stops half-way.
 */
export async function unshareWrittenFiles(reportDir: string): Promise<number> {
  const entries = await readdir(reportDir, {recursive: true, withFileTypes: true});
  let unshared = 0;
  for (const entry of entries) {
    if (!entry.isFile() || !WRITTEN.test(entry.name)) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if ((await stat(file)).nlink === 1) continue;
    const copy = `${file}.${process.pid}.unshared`;
    await copyFile(file, copy);
    await rename(copy, file);
    unshared++;
  }
  return unshared;
}

/**
 * The config function .eleventy.js exports: reads `reportDir`, configures Eleventy like renderSite,
 * and gives the files it will write inodes of their own (unshareWrittenFiles).
 */
export async function configureFromBuiltSite(eleventyConfig: UserConfig, reportDir: string): Promise<void> {
  const site = await readBuiltSite(reportDir);
  await unshareWrittenFiles(reportDir);
  siteConfig(buildSiteModel(site))(eleventyConfig);
}
