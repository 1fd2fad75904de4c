/**
 * The email command's options, checked into one strict EmailConfig: which report and period, where
 * the message goes (an .eml file or SMTP recipients) and how it reads. Nothing downstream re-checks.
 */
import {ConfigError, UsageError} from "../errors.js";
import {isPeriodType, type PeriodType} from "../periods/types.js";
import type {Language} from "../i18n/languages.js";
import {asBaseUrl, asBoolean, asLanguage, asList, asString, assertDay, type RawOptions} from "../options.js";

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
