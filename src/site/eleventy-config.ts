/**
 * The one Eleventy configuration of the site, shared by renderSite (programmatic build) and the
 * repository's .eleventy.js (`npx @11ty/eleventy` over a built folder), so the two cannot drift:
 * Nunjucks with autoescaping on, only .njk templates from templates/, the view model as global data
 * `site`, and the stylesheet and favicon copied to the output. It does not read or compute anything.
 */
import path from "node:path";
import {fileURLToPath} from "node:url";
import type {UserConfig} from "@11ty/eleventy";
import type {SiteModel} from "./page-model.js";

/** The templates folder (index.njk, period.njk, _includes/). */
export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));
/** The stylesheet and favicon, copied to `<out>/assets/`. */
export const ASSETS_DIR = fileURLToPath(new URL("../../src/site/assets/", import.meta.url)); // also from .build/site/

/**
 * The config function for Eleventy, given the site's view model (see buildSiteModel).
 * Passthrough paths are written relative to the working folder because Eleventy resolves them so.
 */
export function siteConfig(model: SiteModel): (eleventyConfig: UserConfig) => void {
  return (eleventyConfig) => {
    // Nunjucks escapes by default; say it so that no upgrade or option turns it off unnoticed.
    // Only the chart SVGs we render are marked `| safe` in the templates.
    eleventyConfig.setNunjucksEnvironmentOptions({autoescape: true, throwOnUndefined: true, trimBlocks: true, lstripBlocks: true});
    eleventyConfig.setTemplateFormats(["njk"]);
    eleventyConfig.setUseGitIgnore(false);
    eleventyConfig.setQuietMode(true);
    quietBenchmarks(eleventyConfig);
    eleventyConfig.addGlobalData("site", model);
    const assets = path.relative(process.cwd(), ASSETS_DIR) || ".";
    eleventyConfig.addPassthroughCopy({
      [path.join(assets, "site.css")]: "assets/site.css",
      [path.join(assets, "favicon.ico")]: "favicon.ico",
    });
  };
}

/**
 * Quiet mode does not reach the benchmarks of Eleventy's configuration, made before it applies: on a
 * busy machine a page worker printed "[11ty] Benchmark 284ms 18% 12× (Configuration) … Transform" on
 * stderr, which a build must not (its stderr is its errors). Internal to Eleventy 3 (UserConfig's
 * benchmarkManager): without it, nothing is done.
 */
function quietBenchmarks(eleventyConfig: UserConfig): void {
  type Group = {setIsVerbose?: (verbose: boolean) => void};
  const manager = (eleventyConfig as unknown as {benchmarkManager?: {setVerboseOutput?: (verbose: boolean) => void; getAll?: () => Record<string, Group>}})
    .benchmarkManager;
  manager?.setVerboseOutput?.(false);
  for (const group of Object.values(manager?.getAll?.() ?? {})) group.setIsVerbose?.(false);
}
