/**
 * A chart as the site and the email need it. Types only.
 */
import type {TopLevelSpec} from "vega-lite";
import type {Spec} from "vega";
import type {PeriodIndicators} from "../indicators/types.js";
import type {Messages} from "../i18n/en.js";

/** Maps every action of the whole log to one colour, the same on every chart and page. */
export interface ActionPalette {
  /** every action in the log, in the palette's order */
  actions: string[];
  color(action: string): string;
  /** the name charts draw for the action, e.g. "Publish dataset": the same on every chart (action-names.ts) */
  label(action: string): string;
  /** the name with the raw id, for tooltips, e.g. "Publish dataset (publish_dataset)" */
  labelWithId(action: string): string;
}

/** A chart's numbers as a plain table, for "Show data", alt text and the email. */
export interface DataTable {
  columns: string[];
  rows: (string | number)[][];
}

export interface ChartSpec {
  /** e.g. "actions", "users", "actions-by-user", "top-users", "top-datasets", "top-pages", "distribution", "byWeekday" (a new chart takes its indicator's id) */
  id: string;
  title: string;
  /** one line under the title: what it shows */
  description: string;
  /** accessible description that states the main numbers, used as aria-description and email alt */
  summary: string;
  vegaLite: TopLevelSpec;
  table: DataTable;
}

/**
 * One chart of a period page: a pure function of the period's indicators, the log's palette and the
 * report's message catalogue (English when none is given).
 */
export type ChartBuilder = (indicators: PeriodIndicators, palette: ActionPalette, m?: Messages) => ChartSpec;

export interface RenderedChart extends ChartSpec {
  /** compiled Vega spec, data inlined: what the browser's live view and the email renderer use */
  vega: Spec;
  /** baked at build time by vega's headless View */
  svg: string;
}
