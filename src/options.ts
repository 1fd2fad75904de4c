/**
 * Raw option values as the user typed them (flags, a JSON config file) and the checks that turn one
 * value into a typed one, each failing with one ConfigError line that names the option. config.ts
 * (build) and email/email-config.ts (email) build their configs from these.
 * It reads the config file through an injected `readFile`.
 */
import path from "node:path";
import {ConfigError} from "./errors.js";
import {FIRST_YEAR, LAST_YEAR} from "./ingest/types.js";
import {isLanguage, LANGUAGE_CODES, type Language} from "./i18n/languages.js";

/** Raw option values as parsed from flags or read from the config file. */
export type RawOptions = Record<string, unknown>;

export const asString = (value: unknown, name: string): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" && typeof value !== "number") throw new ConfigError(`option --${name}: expected a text value`);
  return String(value);
};

export const asList = (value: unknown, name: string): string[] => {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => {
    const text = asString(item, name);
    return text === undefined ? [] : [text];
  });
};

export const asBoolean = (value: unknown, name: string): boolean => {
  if (value === undefined || value === null) return false;
  if (typeof value !== "boolean") throw new ConfigError(`option --${name}: expected true or false`);
  return value;
};

export const asPositiveInt = (value: unknown, name: string, fallback: number): number => {
  const text = asString(value, name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new ConfigError(`option --${name}: "${text}" is not a whole number of at least 1`);
  return Number(text);
};

export const asPercent = (value: unknown, name: string, fallback: number): number => {
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
export function asBaseUrl(value: unknown, name: string): string | undefined {
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
export function asLanguage(value: unknown, name: string): Language | undefined {
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
