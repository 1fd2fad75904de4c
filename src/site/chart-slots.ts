/**
 * Lets Eleventy write the period pages while their charts are still rendering: a page is laid out
 * with a slot per chart (an HTML comment, `<!--chart-svg:actions-->`), and the SVG goes into its
 * slot once both the page and the chart exist. A build then waits for the slower of the two, not for
 * their sum.
 * No string of the log can forge a slot: the templates escape every "<" they print, and vega escapes
 * the text it draws. The slots are filled from the page as Eleventy wrote it, in one pass, so an SVG
 * is never searched for slots.
 */
import {readFile, writeFile} from "node:fs/promises";
import {ReportError} from "../errors.js";
import {scopeSvgIds} from "./page-model.js";

/** What a page holds where the SVG of chart `id` goes. */
export const chartSlot = (id: string): string => `<!--chart-svg:${id}-->`;

const SLOT = /<!--chart-svg:([a-z0-9-]+)-->/;

/**
 * Puts every chart's SVG (its ids scoped like buildPeriodModel scopes them) into its slot in the page
 * file `page`. A page without slots (a period with no activity shows no chart) is left as it is; a
 * slot without its chart, or a chart whose slot appears twice, is an error naming the page.
 */
export async function fillChartSlots(page: string, charts: {id: string; svg: string}[]): Promise<void> {
  const parts = (await readFile(page, "utf8")).split(SLOT);
  if (parts.length === 1) return;
  const svgOf = new Map(charts.map((chart) => [chart.id, chart.svg]));
  const seen = new Set<string>();
  for (let i = 1; i < parts.length; i += 2) {
    const id = parts[i];
    const svg = svgOf.get(id);
    if (svg === undefined || seen.has(id)) {
      throw new ReportError(`${page}: the slot of chart "${id}" ${svg === undefined ? "has no chart" : "appears twice"}`, {code: "site"});
    }
    seen.add(id);
    parts[i] = scopeSvgIds(svg, `svg-${id}`);
  }
  await writeFile(page, parts.join(""));
}
