/**
 * Reads what an email needs from a built report folder: report.json, then the chosen period's
 * indicators.json and charts.json, the previous period's totals, and (when asked) activity.csv.
 * It checks only the fields the email uses, and names the file and field when one is wrong; a
 * chart that would load something from a URL (a tampered charts.json) is refused.
 * It does not choose the period (select-period.ts) nor lay anything out.
 */
import path from "node:path";
import {InputError} from "../errors.js";
import type {EmailConfig} from "./email-config.js";
import type {PeriodIndicators} from "../indicators/types.js";
import type {ChartsJson, PeriodSummary, ReportJson} from "../site/types.js";
import {selectPeriod} from "./select-period.js";

/** Reads a whole file; a missing file rejects with the fs error (code "ENOENT"). */
export type ReadFile = (file: string) => Promise<Buffer>;

/** Everything the email is made from. */
export interface ReportSnapshot {
  report: ReportJson;
  period: PeriodSummary;
  /** false for a calendar period that is not over as of the as-of day */
  complete: boolean;
  indicators: PeriodIndicators;
  charts: ChartsJson["charts"];
  /** the previous period of the same type and its totals, or null (rolling, all time, the first one) */
  previous: {period: PeriodSummary; totals: PeriodIndicators["totals"]} | null;
  /** the period's activity.csv when `attachCsv`, else null */
  csv: Buffer | null;
}

async function readJson(readFile: ReadFile, file: string): Promise<unknown> {
  let text: string;
  try {
    text = (await readFile(file)).toString("utf8");
  } catch (cause) {
    throw new InputError(`${file}: cannot read (${(cause as Error).message}); is this a built report folder?`, {cause});
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new InputError(`${file}: not valid JSON (${(cause as Error).message})`, {cause});
  }
}

/** Throws unless `value[field]` has the expected kind; returns the value as T. */
function expect<T>(value: unknown, fields: Record<string, "string" | "number" | "array" | "object">, file: string, at = ""): T {
  if (typeof value !== "object" || value === null) throw new InputError(`${file}: ${at || "top level"} is not an object`);
  for (const [field, kind] of Object.entries(fields)) {
    const got = (value as Record<string, unknown>)[field];
    const ok = kind === "array" ? Array.isArray(got) : kind === "object" ? typeof got === "object" && got !== null : typeof got === kind;
    if (!ok) throw new InputError(`${file}: field "${at}${field}" is missing or not ${kind === "array" ? "an array" : `a ${kind}`}`);
  }
  return value as T;
}

function checkIndicators(value: unknown, file: string): PeriodIndicators {
  const indicators = expect<PeriodIndicators>(
    value,
    {totals: "object", topUsers: "array", topDatasets: "array", topPages: "array", distribution: "array"},
    file,
  );
  expect(indicators.totals, {actions: "number", users: "number", datasets: "number", pages: "number", actionsPerUser: "number"}, file, "totals.");
  return indicators;
}

/**
 * Where a Vega spec asks for something by URL (a data set's or an image mark's `url`), e.g.
 * "data[0].url", or undefined. `values` (inline data, legend and axis values) are not looked into:
 * their keys can be any string of the log.
 */
export function urlInSpec(spec: unknown): string | undefined {
  const stack: {value: unknown; at: string}[] = [{value: spec, at: ""}];
  while (stack.length > 0) {
    const {value, at} = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({value: item, at: `${at}[${i}]`}));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const here = at === "" ? key : `${at}.${key}`;
      if (key === "url") return here;
      if (key !== "values") stack.push({value: item, at: here});
    }
  }
  return undefined;
}

/**
 * Reads the report folder for the chosen period.
 * @throws InputError for a missing or malformed file, ConfigError for a period the report lacks.
 */
export async function readReport(config: Pick<EmailConfig, "report" | "period" | "asOf" | "attachCsv">, readFile: ReadFile): Promise<ReportSnapshot> {
  const reportFile = path.join(config.report, "report.json");
  const report = expect<ReportJson>(await readJson(readFile, reportFile), {title: "string", timeZone: "string", asOf: "string", periods: "array"}, reportFile);
  report.periods.forEach((p, i) =>
    expect(
      p,
      {type: "string", key: "string", path: "string", start: "string", end: "string", actions: "number", users: "number"},
      reportFile,
      `periods[${i}].`,
    ),
  );
  const {period, previous, complete} = selectPeriod(report, config.period, config.asOf);

  const folder = path.join(config.report, period.path);
  const indicatorsFile = path.join(folder, "indicators.json");
  const indicators = checkIndicators(await readJson(readFile, indicatorsFile), indicatorsFile);
  const chartsFile = path.join(folder, "charts.json");
  const chartsJson = expect<ChartsJson>(await readJson(readFile, chartsFile), {charts: "array"}, chartsFile);
  chartsJson.charts.forEach((c, i) => {
    expect(c, {id: "string", title: "string", summary: "string", vega: "object"}, chartsFile, `charts[${i}].`);
    const url = urlInSpec(c.vega);
    if (url !== undefined)
      throw new InputError(`${chartsFile}: field "charts[${i}].vega.${url}": a chart of the report carries its data; the email loads nothing from a URL`);
  });

  let previousTotals: ReportSnapshot["previous"] = null;
  if (previous !== null) {
    const previousFile = path.join(config.report, previous.path, "indicators.json");
    previousTotals = {period: previous, totals: checkIndicators(await readJson(readFile, previousFile), previousFile).totals};
  }

  let csv: Buffer | null = null;
  if (config.attachCsv) {
    const csvFile = path.join(folder, "activity.csv");
    try {
      csv = await readFile(csvFile);
    } catch (cause) {
      throw new InputError(`${csvFile}: cannot read (${(cause as Error).message}) for --attach-csv`, {cause});
    }
  }
  return {report, period, complete, indicators, charts: chartsJson.charts, previous: previousTotals, csv};
}
