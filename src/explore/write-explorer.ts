/**
 * The explorer of a report (`<out>/explore/`): its data files (explore-data.ts), its page
 * (explore-page.ts), its stylesheet and its script, the bundle of browser/explore-app.ts with the
 * indicators, the chart builders, vega-lite, vega and vega-interpreter (one local file: no CDN, no
 * eval). The bundle is cached like the live charts' (charts/bundle.ts), keyed by the library
 * versions and every source file, since the app imports the indicators and charts.
 * One call of the build, once the staging folder exists: writeExplorer.
 */
import {copyFile, mkdir, writeFile} from "node:fs/promises";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {cachedBundle, DEFAULT_CACHE_DIR, sourcesKey} from "../charts/bundle.js";
import {explorePage} from "./explore-page.js";
import {writeExploreData, type ExploreDataInput} from "./explore-data.js";
import type {ExploreMeta} from "./data-format.js";
import {periodDays} from "./explore-links.js";
import {dayKeys, parseDayKey} from "../periods/calendar-keys.js";
import type {Period} from "../periods/types.js";
import {en, type Messages} from "../i18n/en.js";

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** the explorer's entry point in the page (also from .build/explore/) */
export const EXPLORE_APP_SOURCE = path.join(PROJECT_ROOT, "src", "explore", "browser", "explore-app.ts");
/** errors.ts imports node:path for the CLI's messages; the page gets a stand-in */
const NODE_PATH_STUB = path.join(PROJECT_ROOT, "src", "explore", "browser", "node-path.ts");
const EXPLORE_CSS = path.join(PROJECT_ROOT, "src", "explore", "explore.css");

/** The bundle's cache key: the bundled libraries' versions and every source file of src/. */
export const exploreBundleKey = (): Promise<string> => sourcesKey(["vega", "vega-lite", "vega-interpreter", "arquero", "luxon", "esbuild"]);

/** Writes the explorer's script to `outFile`, from the cache when it holds this version, else by esbuild (charts/bundle.ts cachedBundle). */
export async function bundleExplorer(outFile: string, cacheDir = DEFAULT_CACHE_DIR): Promise<{bytes: number; cached: boolean}> {
  const key = await exploreBundleKey();
  return cachedBundle(outFile, {entry: EXPLORE_APP_SOURCE, name: "explore", what: "the explorer", key, cacheDir, alias: {"node:path": NODE_PATH_STUB}});
}

/**
 * Writes `<staging>/explore/` (page, data) and `<staging>/assets/explore.{js,css}`; months unchanged
 * since the report published in `out` are linked from it. The page is in the language of `m` (the
 * script reads it from `<html lang>`; the data files are the same in every language). Returns the
 * months written and kept.
 */
export async function writeExplorer(
  staging: string,
  out: string,
  input: ExploreDataInput,
  m: Messages = en,
): Promise<{written: number; kept: number; months: ExploreMeta["months"]}> {
  const [months] = await Promise.all([
    writeExploreData(staging, out, input),
    bundleExplorer(path.join(staging, "assets", "explore.js")),
    mkdir(path.join(staging, "assets"), {recursive: true}).then(() => copyFile(EXPLORE_CSS, path.join(staging, "assets", "explore.css"))),
  ]);
  // the months of the last 30 days up to the as-of day: what the page shows first
  const asOf = parseDayKey(input.meta.asOf)!;
  const first = dayKeys(asOf - 29).month;
  const preload = months.months.filter(({month}) => month >= first && month <= input.meta.asOf.slice(0, 7)).map(({month}) => month);
  await writeFile(path.join(staging, "explore", "index.html"), explorePage(input.meta.title, preload, m));
  return months;
}

/** What the build knows when it writes the explorer (see writeReportExplorer). */
export interface ReportExplorerInput extends Omit<ExploreDataInput, "meta"> {
  title: string;
  timeZone: string;
  asOf: string;
  top: number;
  /** every action of the log (the palette's) */
  actions: string[];
  periods: Pick<Period, "type" | "key" | "path" | "start" | "end">[];
  /** the report's catalogue: the page's words and `<html lang>` */
  m: Messages;
}

/** writeExplorer with the meta of the report: its periods as days. */
export function writeReportExplorer(
  staging: string,
  out: string,
  {title, timeZone, asOf, top, actions, periods, m, ...data}: ReportExplorerInput,
): Promise<{written: number; kept: number; months: ExploreMeta["months"]}> {
  const meta = {
    title,
    timeZone,
    asOf,
    top,
    actions,
    periods: periods.map((period) => ({type: period.type, key: period.key, path: period.path, ...periodDays(period)})),
  };
  return writeExplorer(staging, out, {...data, meta}, m);
}
