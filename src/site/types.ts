/**
 * The output contract of a whole build (`<out>/report.json`) and what the orchestrator hands the site
 * renderer. Types only.
 */
import type {Spec} from "vega";
import type {PeriodIndicators} from "../indicators/types.js";
import type {Period} from "../periods/types.js";
import type {DataTable, RenderedChart} from "../charts/types.js";

/** One line of report.json's `periods`. */
export interface PeriodSummary {
  type: string;
  key: string;
  /** relative to the output folder, e.g. "month/2025-03/" */
  path: string;
  start: string;
  end: string;
  actions: number;
  users: number;
}

/** `<out>/report.json` */
export interface ReportJson {
  generatedAt: string;
  /** the language of the pages and the email, e.g. "fr" (i18n/languages.ts); absent in reports of earlier versions: "en" */
  lang?: string;
  timeZone: string;
  /** YYYY-MM-DD */
  asOf: string;
  /**
   * the latest counted row's timestamp (the latest up to the end of the as-of day), ISO 8601 in UTC:
   * how recent the log is (a stalled export shows here); null when no row comes before the as-of
   * day's end. Absent in reports of versions before it.
   */
  lastAction?: string | null;
  /** the domain's name: --title, else the domain_id values of the log, else "Activity report" */
  title: string;
  /**
   * rows = accepted + rejected + duplicates; `afterAsOf`: accepted rows dated after the as-of day,
   * which count in no period (all time covers accepted - afterAsOf actions). Absent in reports of
   * earlier versions.
   */
  input: {files: number; rows: number; accepted: number; rejected: number; duplicates: number; afterAsOf?: number};
  /** "rejects.csv" when any row was rejected, else null */
  rejects: string | null;
  periods: PeriodSummary[];
}

/** A downloadable file of a period (downloads/period-files.ts) */
export type {DownloadInfo} from "../downloads/period-files.js";
import type {DownloadInfo} from "../downloads/period-files.js";

/** Everything one period page shows. */
export interface PeriodPage {
  period: Period;
  indicators: PeriodIndicators;
  /** the compiled Vega and Vega-Lite specs are not kept here: charts.json has the former, and a page needs neither */
  charts: Omit<RenderedChart, "vega" | "vegaLite">[];
  downloads: {csv: DownloadInfo; json: DownloadInfo};
  /**
   * the text of the page's `<script type="application/json" id="chart-specs">` block
   * (chart-specs.ts, read by the live charts, also from file://), or its slot (chart-slots.ts)
   */
  chartSpecs?: string;
}

/** `<out>/<path>/charts.json`: what the live charts in the browser and the email renderer read. */
export interface ChartsJson {
  /** `table` (added for the site's .eleventy.js path and "Show data"): the chart's numbers */
  charts: {id: string; title: string; description: string; summary: string; vega: Spec; table?: DataTable}[];
}

/** What the orchestrator hands the site renderer. */
export interface SiteInput {
  /** the folder being built (a staging folder swapped into place afterwards) */
  outDir: string;
  report: ReportJson;
  pages: PeriodPage[];
  /** the paths of the period pages to render (others were kept from the previous build); defaults to all */
  render?: ReadonlySet<string>;
}
