/**
 * The parts of each period's content key (cache/period-keys.ts), put together from what the plan
 * knows of the periods: the page model as buildPeriodModel lays it out in the report's language,
 * with no chart and empty downloads, every output option but the as-of day, the code, the columns,
 * the palette's actions, the rows' digest and the frame. Lives in pipeline/ because it joins the
 * cache's digest with the site's page model (cache/ and site/ do not import each other).
 */
import {outputOptions, type BuildConfig} from "../config.js";
import type {PeriodFrame, PeriodIndicators} from "../indicators/types.js";
import type {Period} from "../periods/types.js";
import {messagesFor} from "../i18n/languages.js";
import type {Messages} from "../i18n/en.js";
import {pageIndex} from "../site/page-links.js";
import {buildPeriodModel, type PageSource, type PeriodPageModel} from "../site/page-model.js";
import {periodContentKey, type PeriodKeyParts} from "../cache/period-keys.js";

/** What a build knows of its periods when it keys them. */
export interface PeriodKeyContext {
  code: string;
  config: BuildConfig;
  /** the log's output columns */
  columns: readonly string[];
  /** every action of the log, in the palette's order */
  actions: readonly string[];
  /** the report's title (reportTitle) */
  title: string;
  /** pageRowsDigest of each period's rows, and its frame, in `pages` order */
  rows: readonly string[];
  frames: readonly PeriodFrame[];
}

/** A page laid out before its charts are drawn and its downloads written: it has none. */
const NO_DOWNLOADS: PageSource["downloads"] = {csv: {href: "activity.csv", rows: 0, bytes: 0}, json: {href: "activity.json", rows: 0, bytes: 0}};

/**
 * The page model a key digests: buildPeriodModel's, the page laid out with no chart and empty
 * downloads. `pages`' indicators need only their totals and frame (a kept period has no more).
 */
export function periodKeyModels(
  pages: readonly {period: Period; indicators: PeriodIndicators}[],
  title: string,
  asOf: string,
  m: Messages = messagesFor(undefined),
): PeriodPageModel[] {
  const sources: PageSource[] = pages.map(({period, indicators}) => ({period, indicators, charts: [], downloads: NO_DOWNLOADS}));
  const index = pageIndex(sources);
  return sources.map((page) => buildPeriodModel(page, index, title, asOf, m));
}

/** The parts of each period's content key, in `pages` order. */
export function periodKeyParts(
  pages: readonly {period: Period; indicators: PeriodIndicators}[],
  context: PeriodKeyContext,
): (PeriodKeyParts & {model: PeriodPageModel})[] {
  const {code, config, columns, actions, title, rows, frames} = context;
  // the as-of day moves every night; a period shows it only through its model (so far, comparison) and frame
  const {asOf: _shownByModelAndFrame, ...options} = outputOptions(config);
  return periodKeyModels(pages, title, config.asOf, messagesFor(config.lang)).map((model, i) => ({
    code,
    columns,
    rows: rows[i],
    options,
    actions,
    frame: frames[i],
    model,
  }));
}

/** The content key of each period (periodKeyParts, periodContentKey), in `pages` order. */
export function periodContentKeys(pages: readonly {period: Period; indicators: PeriodIndicators}[], context: PeriodKeyContext): string[] {
  return periodKeyParts(pages, context).map(periodContentKey);
}
