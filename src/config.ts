/**
 * Turns the build's options (flags over a JSON config file) into one strict, normalised BuildConfig.
 * Everything downstream trusts it: nothing re-checks or re-defaults. It also says which options
 * shape the output (the build fingerprint's). It does not touch the clock otherwise than through
 * `today`. The email command's config is email/email-config.ts; single values are checked in options.ts.
 */
import {availableParallelism, homedir} from "node:os";
import {ConfigError, UsageError} from "./errors.js";
import {isInputFormat, type InputFormat} from "./ingest/types.js";
import {isPeriodType, PERIOD_TYPES, type PeriodType} from "./periods/types.js";
import {assertTimeZone, todayIn} from "./periods/time-zone.js";
import {DEFAULT_LANGUAGE, type Language} from "./i18n/languages.js";
import {asBoolean, asLanguage, asList, asPercent, asPositiveInt, asString, assertDay, type RawOptions} from "./options.js";
import {cacheProblem, outProblem, type Places} from "./out-paths.js";

export interface BuildConfig {
  /** files or directories; required */
  inputs: string[];
  /** defaults to "dist" */
  out: string;
  /** IANA zone; defaults to "UTC" */
  timeZone: string;
  /** YYYY-MM-DD; defaults to today in `timeZone` */
  asOf: string;
  /** defaults to all six types */
  periods: PeriodType[];
  /** length of the top lists; defaults to 5 */
  top: number;
  /** defaults to each file's extension */
  format: InputFormat | undefined;
  /** defaults to the log's domain_id values */
  title: string | undefined;
  /** the language of the pages, charts and summary, e.g. "fr"; defaults to "en" */
  lang: Language;
  /** build fails above this share of rejected rows, in percent; defaults to 5 */
  maxRejectedPercent: number;
  /** no progress and no summary; defaults to false */
  quiet: boolean;
  /** print the summary as one JSON object; defaults to false */
  json: boolean;
  /** rebuild even when the published report has the same fingerprint; defaults to false */
  force: boolean;
  /** chart-rendering worker threads, 0 = render on the main thread; defaults to the number of cores */
  workers: number;
  /**
   * where the parsed log and the last build's period keys are kept for the next build, or null
   * (--no-cache) to build everything from the inputs; defaults to "<out>.cache" beside the output
   */
  cache: string | null;
}

/**
 * The build options that do not change what a build publishes, and why: the build fingerprint
 * (fingerprint.ts) covers every other option of BuildConfig, so an option added to BuildConfig is
 * covered unless it is listed here (test/fingerprint.test.ts perturbs every option to check).
 */
export const OUTPUT_NEUTRAL_OPTIONS = {
  inputs: "the files they name are in the fingerprint instead: each one's resolved path, format, size and content hash",
  out: "where the report goes, not what it says (its links are relative)",
  quiet: "progress and summary lines only",
  json: "the summary's form only",
  force: "whether an up-to-date report is built again, to the same bytes",
  workers: "how many threads render the same charts",
  cache: "a build from the cache publishes the bytes of a build from the inputs",
} as const satisfies Partial<Record<keyof BuildConfig, string>>;

/** The options that shape a build's output: all of BuildConfig but OUTPUT_NEUTRAL_OPTIONS. */
export type OutputOptions = Omit<BuildConfig, keyof typeof OUTPUT_NEUTRAL_OPTIONS>;

/** The options of `config` that shape the output, every key but OUTPUT_NEUTRAL_OPTIONS, in BuildConfig's order. */
export function outputOptions(config: BuildConfig): OutputOptions {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !Object.hasOwn(OUTPUT_NEUTRAL_OPTIONS, key))) as OutputOptions;
}

const BUILD_KEYS = new Set([
  "input",
  "out",
  "tz",
  "as-of",
  "periods",
  "top",
  "format",
  "title",
  "lang",
  "max-rejected",
  "quiet",
  "json",
  "workers",
  "force",
  "cache",
  "no-cache",
  "config",
]);

/**
 * Validates build options (config file values overridden by flags) into a BuildConfig. `places`:
 * the current and home folders, which --out and --cache may not be nor hold.
 */
export function buildConfig(
  options: RawOptions,
  today: (timeZone: string) => string = todayIn,
  places: Places = {cwd: process.cwd(), home: homedir()},
): BuildConfig {
  for (const key of Object.keys(options)) {
    if (!BUILD_KEYS.has(key)) throw new ConfigError(`unknown option "${key}"`);
  }
  const inputs = asList(options.input, "input");
  if (inputs.length === 0) throw new UsageError("build needs at least one --input <file|dir>");
  const timeZone = asString(options.tz, "tz") ?? "UTC";
  assertTimeZone(timeZone);
  const asOfText = asString(options["as-of"], "as-of");
  const periodsText = asList(options.periods, "periods")
    .flatMap((p) => p.split(","))
    .map((p) => p.trim())
    .filter(Boolean);
  for (const p of periodsText) {
    if (!isPeriodType(p)) throw new ConfigError(`option --periods: "${p}" is not one of ${PERIOD_TYPES.join(", ")}`);
  }
  const format = asString(options.format, "format");
  if (format !== undefined && !isInputFormat(format)) throw new ConfigError(`option --format: "${format}" is not one of csv, json, ndjson`);
  const out = asString(options.out, "out") ?? "dist";
  const problem = outProblem(out, inputs, places);
  if (problem !== undefined) throw new ConfigError(problem);
  const cache = asBoolean(options["no-cache"], "no-cache") ? null : (asString(options.cache, "cache") ?? `${out.replace(/[\\/]+$/, "")}.cache`);
  const cacheTrouble = cache === null ? undefined : cacheProblem(cache, out, inputs, places);
  if (cacheTrouble !== undefined) throw new ConfigError(cacheTrouble);
  return {
    inputs,
    out,
    timeZone,
    asOf: asOfText === undefined ? today(timeZone) : assertDay(asOfText, "as-of"),
    periods: periodsText.length > 0 ? PERIOD_TYPES.filter((t) => periodsText.includes(t)) : [...PERIOD_TYPES],
    top: asPositiveInt(options.top, "top", 5),
    format: format as InputFormat | undefined,
    title: asString(options.title, "title"),
    lang: asLanguage(options.lang, "lang") ?? DEFAULT_LANGUAGE,
    maxRejectedPercent: asPercent(options["max-rejected"], "max-rejected", 5),
    quiet: asBoolean(options.quiet, "quiet"),
    json: asBoolean(options.json, "json"),
    force: asBoolean(options.force, "force"),
    workers: asString(options.workers, "workers") === "0" ? 0 : asPositiveInt(options.workers, "workers", availableParallelism()),
    cache,
  };
}
