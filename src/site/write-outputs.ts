/**
 * Writes the machine-readable outputs of a build into the staging folder: report.json, and per period
 * indicators.json and charts.json; rejects.csv when rows were rejected. (Downloads: source-data.ts.)
 * Pages are rendered elsewhere (render-site.ts). All writes go through `fs` under `outDir` only.
 */
import {mkdir, writeFile} from "node:fs/promises";
import path from "node:path";
import type {RejectedRow} from "../ingest/types.js";
import type {PeriodIndicators} from "../indicators/types.js";
import type {RenderedChart} from "../charts/types.js";
import type {ChartsJson, ReportJson} from "./types.js";
import {rejectsCsv} from "../downloads/csv.js";

/** Stable, readable JSON: two-space indent and a final newline. */
export const jsonText = (value: unknown): string => JSON.stringify(value, null, 2) + "\n";

/** Writes a period's indicators.json and charts.json into `dir`. */
export async function writePeriodData(dir: string, indicators: PeriodIndicators, charts: readonly RenderedChart[]): Promise<void> {
  await mkdir(dir, {recursive: true});
  const chartsJson: ChartsJson = {
    charts: charts.map(({id, title, description, summary, table, vega}) => ({id, title, description, summary, table, vega})),
  };
  await writeFile(path.join(dir, "indicators.json"), jsonText(indicators));
  await writeFile(path.join(dir, "charts.json"), jsonText(chartsJson));
}

/** Writes report.json, and rejects.csv when there are rejects. */
export async function writeReportFiles(outDir: string, report: ReportJson, rejects: readonly RejectedRow[]): Promise<void> {
  await mkdir(outDir, {recursive: true});
  await writeFile(path.join(outDir, "report.json"), jsonText(report));
  if (rejects.length > 0) await writeFile(path.join(outDir, "rejects.csv"), rejectsCsv(rejects));
}
