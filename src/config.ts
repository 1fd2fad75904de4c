/**
 * Turns what the user typed (flags, a JSON config file) into one strict, normalised config per
 * command. Everything downstream trusts these types: nothing re-checks or re-defaults.
 * It reads the config file through an injected `readFile`; it does not touch the clock otherwise
 * than through `today`.
 */
import {availableParallelism, homedir} from "node:os";
import path from "node:path";
import {ConfigError, UsageError} from "./errors.js";
import {FIRST_YEAR, isInputFormat, LAST_YEAR, type InputFormat} from "./ingest/types.js";
import {isPeriodType, PERIOD_TYPES, type PeriodType} from "./periods/types.js";
import {assertTimeZone, todayIn} from "./periods/time-zone.js";
import {DEFAULT_LANGUAGE, isLanguage, LANGUAGE_CODES, type Language} from "./i18n/languages.js";

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

export interface EmailConfig {
  /** the built report folder; defaults to "dist" */
  report: string;
  /** e.g. {kind: "exact", type: "month", key: "2025-03"} or {kind: "latest", type: "month"} */
  period: {kind: "exact"; type: PeriodType; key: string} | {kind: "latest"; type: PeriodType};
  /** YYYY-MM-DD for `latest:`; defaults to the report's as-of day */
  asOf: string | undefined;
  /** write the message to this .eml file; at least one of eml and to is required */
  eml: string | undefined;
  /** recipients; defaults to none (then --eml is required) */
  to: string[];
  /** defaults to "activity-report <activity-report@localhost>" */
  from: string;
  /** the message's language; defaults to the report's (report.json's "lang") */
  lang: Language | undefined;
  /** defaults to "Backoffice activity · <title> · <period label>" */
  subject: string | undefined;
  /** link to the hosted page, an http: or https: URL, e.g. https://example.org/report; defaults to none */
  baseUrl: string | undefined;
  /** attach the period's activity.csv; defaults to false */
  attachCsv: boolean;
  /** from the SMTP_URL environment variable or the config file's "smtp-url"; never from a flag */
  smtpUrl: string | undefined;
}

/** Raw option values as parsed from flags or read from the config file. */
export type RawOptions = Record<string, unknown>;

const asString = (value: unknown, name: string): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" && typeof value !== "number") throw new ConfigError(`option --${name}: expected a text value`);
  return String(value);
};

const asList = (value: unknown, name: string): string[] => {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => {
    const text = asString(item, name);
    return text === undefined ? [] : [text];
  });
};

const asBoolean = (value: unknown, name: string): boolean => {
  if (value === undefined || value === null) return false;
  if (typeof value !== "boolean") throw new ConfigError(`option --${name}: expected true or false`);
  return value;
};

const asPositiveInt = (value: unknown, name: string, fallback: number): number => {
  const text = asString(value, name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new ConfigError(`option --${name}: "${text}" is not a whole number of at least 1`);
  return Number(text);
};

const asPercent = (value: unknown, name: string, fallback: number): number => {
  const text = asString(value, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n < 0 || n > 100) throw new ConfigError(`option --${name}: "${text}" is not a percentage from 0 to 100`);
  return n;
};

/**
 * An http: or https: URL (as the URL parser normalises it), e.g. "https://reports.example.org/":
 * the email links to it, so `javascript:`, `data:` or `file:` never become a link in a message.
 */
function asBaseUrl(value: unknown, name: string): string | undefined {
  const text = asString(value, name);
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(
      `option --${name}: ${JSON.stringify(text.slice(0, 100))} is not a URL (expected http://... or https://..., e.g. https://reports.example.org)`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(
      `option --${name}: expected an http:// or https:// URL (e.g. https://reports.example.org), not a ${JSON.stringify(url.protocol).slice(0, 40)} URL`,
    );
  }
  return url.href;
}

/** A language of the catalogue (i18n/languages.ts), e.g. "fr"; undefined when not given. */
function asLanguage(value: unknown, name: string): Language | undefined {
  const text = asString(value, name);
  if (text === undefined) return undefined;
  if (!isLanguage(text)) throw new ConfigError(`option --${name}: "${text.slice(0, 40)}" is not one of the available languages: ${LANGUAGE_CODES.join(", ")}`);
  return text;
}

/** Checks a YYYY-MM-DD calendar date in the years a report covers, e.g. rejects 2025-02-30 and 9999-12-31. */
export function assertDay(text: string, name: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const valid = match !== null && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (!valid) throw new ConfigError(`option --${name}: "${text}" is not a date in the form YYYY-MM-DD`);
  if (y < FIRST_YEAR || y > LAST_YEAR)
    throw new ConfigError(`option --${name}: "${text}" is outside the years ${FIRST_YEAR} to ${LAST_YEAR} that a report covers`);
  return text;
}

/** Whether `inner` is `outer` or a path inside it (paths as given, resolved; links are not followed). */
export function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(path.resolve(outer), path.resolve(inner));
  return relative === "" || (relative !== ".." && !relative.startsWith(".." + path.sep) && !path.isAbsolute(relative));
}

/** The folders a build may never replace: where the user stands, and home. */
export interface Places {
  /** defaults to process.cwd() */
  cwd: string;
  /** defaults to os.homedir() */
  home: string;
}

/**
 * Why a build may not replace `out` (moved aside, then deleted by the next build), judged from the
 * paths alone, or undefined: an empty path, the current or home folder or one holding them (`/`),
 * an input, a folder holding an input or one inside an input folder. out-folder.ts checks what only
 * the disk can tell (what the folder holds, symbolic links).
 */
export function outProblem(out: string, inputs: string[], places: Places): string | undefined {
  if (out.trim() === "") return "--out is empty: give the folder the report goes to, e.g. dist";
  const at = (file: string) => path.resolve(places.cwd, file);
  const [target, cwd, home] = [at(out), at(places.cwd), at(places.home)];
  const name = `--out ${out}`;
  const choose = "choose an empty or new folder";
  if (isWithin(cwd, target)) return `${name} is the current folder${target === cwd ? "" : " or holds it"}: ${choose}`;
  if (isWithin(home, target)) return `${name} is the home folder${target === home ? "" : " or holds it"}: ${choose}`;
  for (const input of inputs) {
    if (isWithin(at(input), target)) return `${name} ${at(input) === target ? "is" : "holds"} the input ${input}: ${choose}`;
    if (isWithin(target, at(input))) return `${name} is inside the input folder ${input}: ${choose}`;
  }
  return undefined;
}

/** The same for the build cache (--cache), which may not be or hold an input or the report, nor be inside either. */
function cacheProblem(cache: string, out: string, inputs: string[], places: Places): string | undefined {
  if (cache.trim() === "") return "--cache is empty: give a folder, or --no-cache";
  const at = (file: string) => path.resolve(places.cwd, file);
  const target = at(cache);
  const name = `--cache ${cache}`;
  if (isWithin(at(places.cwd), target) || isWithin(at(places.home), target))
    return `${name} is or holds the current or home folder: choose an empty or new folder`;
  if (isWithin(target, at(out)) || isWithin(at(out), target))
    return `${name} is, holds or is inside --out ${out}: keep them apart (the default is <out>.cache)`;
  for (const input of inputs) {
    if (isWithin(at(input), target) || isWithin(target, at(input))) return `${name} is, holds or is inside the input ${input}: choose an empty or new folder`;
  }
  return undefined;
}

/**
 * Reads a JSON config file: an object whose keys are the long flag names ("input", "tz", "as-of"...).
 * Relative paths in it ("input", "out", "report", "eml") are relative to the config file.
 */
export async function readConfigFile(file: string, readFile: (file: string) => Promise<string>): Promise<RawOptions> {
  let text: string;
  try {
    text = await readFile(file);
  } catch (cause) {
    throw new ConfigError(`${file}: cannot read the config file (${(cause as NodeJS.ErrnoException).code ?? "error"})`, {cause});
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`${file}: the config file is not valid JSON (${(cause as Error).message})`, {cause});
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new ConfigError(`${file}: the config file must hold a JSON object`);
  const base = path.dirname(file);
  const options: RawOptions = {...(parsed as RawOptions)};
  for (const key of ["input", "out", "report", "eml"]) {
    if (options[key] === undefined) continue;
    // an empty --out is refused as such, not read as the config file's folder
    if (key === "out" && options[key] === "") continue;
    options[key] = Array.isArray(options[key])
      ? asList(options[key], key).map((p) => path.resolve(base, p))
      : path.resolve(base, asString(options[key], key) ?? "");
  }
  return options;
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

const EMAIL_KEYS = new Set(["report", "period", "as-of", "eml", "to", "from", "subject", "lang", "base-url", "attach-csv", "smtp-url", "config"]);

/** Validates email options into an EmailConfig; the SMTP URL comes from the environment or the file. */
export function emailConfig(options: RawOptions, env: Record<string, string | undefined>): EmailConfig {
  for (const key of Object.keys(options)) {
    if (!EMAIL_KEYS.has(key)) throw new ConfigError(`unknown option "${key}"`);
  }
  const periodText = asString(options.period, "period");
  if (periodText === undefined) throw new UsageError("email needs --period <type>:<key> or --period latest:<type>");
  const [head, ...rest] = periodText.split(":");
  const tail = rest.join(":");
  let period: EmailConfig["period"];
  if (head === "latest" && isPeriodType(tail) && tail !== "all" && tail !== "rolling") period = {kind: "latest", type: tail};
  else if (isPeriodType(head) && tail !== "") period = {kind: "exact", type: head, key: tail};
  else throw new ConfigError(`option --period: "${periodText}" is not <type>:<key> (e.g. month:2025-03) or latest:<week|month|quarter|year>`);
  const to = asList(options.to, "to")
    .flatMap((t) => t.split(","))
    .map((t) => t.trim())
    .filter(Boolean);
  const eml = asString(options.eml, "eml");
  if (eml === undefined && to.length === 0) throw new UsageError("email needs --eml <file> or --to <address>");
  const asOf = asString(options["as-of"], "as-of");
  return {
    report: asString(options.report, "report") ?? "dist",
    period,
    asOf: asOf === undefined ? undefined : assertDay(asOf, "as-of"),
    eml,
    to,
    from: asString(options.from, "from") ?? "activity-report <activity-report@localhost>",
    lang: asLanguage(options.lang, "lang"),
    subject: asString(options.subject, "subject"),
    baseUrl: asBaseUrl(options["base-url"], "base-url"),
    attachCsv: asBoolean(options["attach-csv"], "attach-csv"),
    smtpUrl: env.SMTP_URL || asString(options["smtp-url"], "smtp-url"),
  };
}
