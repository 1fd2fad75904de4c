/**
 * Renders the report site with Eleventy 3: the front page and one page per period, into
 * `input.outDir`, next to the data files and downloads the orchestrator wrote there (Eleventy adds
 * files and never removes any). It does not write report.json, charts.json, downloads or
 * assets/live-charts.js: the orchestrator does.
 */
import "./eleventy-no-watch.js"; // before Eleventy: no watch-mode loader hook
import Eleventy from "@11ty/eleventy";
import {ReportError} from "../errors.js";
import {siteConfig, TEMPLATES_DIR} from "./eleventy-config.js";
import {buildSiteModel} from "./page-model.js";
import type {SiteInput} from "./types.js";

/**
 * Writes `index.html`, `<period path>/index.html` for every page, `assets/site.css` and
 * `favicon.ico` into `input.outDir`. No config file is read: the project's .eleventy.js is for
 * `npx @11ty/eleventy` over a built folder and must not take part here.
 */
export async function renderSite(input: SiteInput): Promise<void> {
  const model = buildSiteModel(input);
  const eleventy = new Eleventy(TEMPLATES_DIR, input.outDir, {configPath: false, quietMode: true, config: siteConfig(model)});
  eleventy.disableLogger();
  try {
    await eleventy.write();
  } catch (cause) {
    throw new ReportError(`site: Eleventy could not render the pages into ${input.outDir}: ${(cause as Error).message}`, {cause});
  }
}
