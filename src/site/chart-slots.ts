/**
 * Lets Eleventy write the period pages while their charts are still rendering: a page is laid out
 * with a slot per chart (an HTML comment, `<!--chart-svg:actions-->`), and the SVG goes into its
 * slot once both the page and the chart exist. A build then waits for the slower of the two, not for
 * their sum.
 * The page's chart-specs block has a slot too (CHART_SPECS_SLOT), filled with the compiled specs.
 * No string of the log can forge a slot: the templates escape every "<" they print, vega escapes
 * the text it draws, and chartSpecsJson writes "<" as "\u003c". The slots are filled from the page
 * as Eleventy wrote it, in one pass, so an SVG or a spec is never searched for slots.
 */
import {readFile, writeFile} from "node:fs/promises";
import type {RenderedChart} from "../charts/types.js";
import {ReportError} from "../errors.js";
import {chartSpecsJson} from "./chart-specs.js";
import {scopeSvgIds} from "./page-model.js";

/** What a page holds where the SVG of chart `id` goes. */
export const chartSlot = (id: string): string => `<!--chart-svg:${id}-->`;

/** What a page holds where its charts' compiled specs go (inside its chart-specs JSON block). */
export const CHART_SPECS_SLOT = "<!--chart-specs-->";

// an indicator's id may be camelCase, e.g. "byWeekday"
const SLOT = /<!--chart-(?:svg:([A-Za-z0-9-]+)|specs)-->/;

/**
 * Puts every chart's SVG (its ids scoped like buildPeriodModel scopes them) into its slot in the page
 * file `page`, and the charts' compiled specs (chartSpecsJson) into CHART_SPECS_SLOT. A page without slots (a period with no activity shows no chart) is left as it
 * is; a slot without its chart, or a slot that appears twice, is an error naming the page.
 */
export async function fillChartSlots(page: string, charts: Pick<RenderedChart, "id" | "svg" | "vega">[]): Promise<void> {
  const parts = (await readFile(page, "utf8")).split(SLOT);
  if (parts.length === 1) return;
  const svgOf = new Map(charts.map((chart) => [chart.id, chart.svg]));
  const seen = new Set<string>();
  for (let i = 1; i < parts.length; i += 2) {
    // undefined: the specs slot (split's capture group did not take part)
    const id = parts[i];
    if (id === undefined) {
      if (seen.has(CHART_SPECS_SLOT)) throw new ReportError(`${page}: the slot of the chart specs appears twice`, {code: "site"});
      seen.add(CHART_SPECS_SLOT);
      parts[i] = chartSpecsJson(charts);
      continue;
    }
    const svg = svgOf.get(id);
    if (svg === undefined || seen.has(id)) {
      throw new ReportError(`${page}: the slot of chart "${id}" ${svg === undefined ? "has no chart" : "appears twice"}`, {code: "site"});
    }
    seen.add(id);
    parts[i] = scopeSvgIds(svg, `svg-${id}`);
  }
  await writeFile(page, parts.join(""));
}
