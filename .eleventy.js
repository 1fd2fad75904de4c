/**
 * `npx @11ty/eleventy` re-renders the pages of a built report folder in place: it reads
 * report.json, each period's indicators.json and charts.json (re-baking the SVGs from the compiled
 * Vega specs) and writes index.html and every period's index.html with the same config and
 * templates as `activity-report build` (src/site/eleventy-config.ts). The folder defaults to dist/;
 * set ACTIVITY_REPORT_DIR to use another. Pages hard-linked with another report (<out>.previous) are
 * copied first, so that only this folder changes (read-built-site.ts unshareWrittenFiles). The build
 * itself (renderSite) never loads this file.
 */
import {fileURLToPath} from "node:url";
import {register} from "tsx/esm/api";

register();
const {configureFromBuiltSite} = await import("./src/site/read-built-site.ts");

const reportDir = process.env.ACTIVITY_REPORT_DIR || "dist";

export const config = {
  dir: {input: fileURLToPath(new URL("./templates/", import.meta.url)), output: reportDir},
};

export default async function (eleventyConfig) {
  await configureFromBuiltSite(eleventyConfig, reportDir);
}
