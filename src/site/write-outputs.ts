/**
 * Writes the machine-readable outputs of a build into the staging folder: report.json, and per period
 * indicators.json, charts.json, activity.csv and activity.json; rejects.csv when rows were rejected.
 * Pages are rendered elsewhere (render-site.ts). All writes go through `fs` under `outDir` only.
 */
import {createWriteStream} from "node:fs";
import {mkdir, writeFile} from "node:fs/promises";
import path from "node:path";
import {once} from "node:events";
import type {ColumnTable} from "arquero";
import type {RejectedRow} from "../ingest/types.js";
import type {PeriodIndicators} from "../indicators/types.js";
import type {RenderedChart} from "../charts/types.js";
import type {ChartsJson, DownloadInfo, ReportJson} from "./types.js";
import {rejectsCsv, writeActivityCsv, writeActivityJson, type TextSink} from "./downloads.js";

/** Stable, readable JSON: two-space indent and a final newline. */
export const jsonText = (value: unknown): string => JSON.stringify(value, null, 2) + "\n";

/** Streams text chunks to a file; resolves with the bytes written. */
async function writeStreamed(file: string, write: (sink: TextSink) => Promise<number>): Promise<{rows: number; bytes: number}> {
  const stream = createWriteStream(file, {encoding: "utf8"});
  const failed = new Promise<never>((_, reject) => stream.once("error", reject));
  const sink: TextSink = async (chunk) => {
    if (!stream.write(chunk)) await Promise.race([once(stream, "drain"), failed]);
  };
  const rows = await write(sink);
  stream.end();
  await Promise.race([once(stream, "finish"), failed]);
  return {rows, bytes: stream.bytesWritten};
}

/** Writes a period's activity.csv and activity.json into `dir`. */
export async function writePeriodDownloads(
  dir: string,
  rows: ColumnTable,
  columns: readonly string[],
): Promise<{csv: DownloadInfo; json: DownloadInfo}> {
  await mkdir(dir, {recursive: true});
  const csv = await writeStreamed(path.join(dir, "activity.csv"), (sink) => writeActivityCsv(rows, columns, sink));
  const json = await writeStreamed(path.join(dir, "activity.json"), (sink) => writeActivityJson(rows, columns, sink));
  return {csv: {href: "activity.csv", ...csv}, json: {href: "activity.json", ...json}};
}

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
