/**
 * The languages a report can be written in: one message catalogue each (en.ts, fr.ts). A third
 * language is one new catalogue file and one line in LANGUAGES. Pure.
 */
import {en, type Messages} from "./en.js";
import {fr} from "./fr.js";

export type {Messages, Noun} from "./en.js";

/** Every catalogue, by language code. */
export const LANGUAGES = {en, fr} as const satisfies Record<string, Messages>;

export type Language = keyof typeof LANGUAGES;

/** e.g. ["en", "fr"] */
export const LANGUAGE_CODES = Object.keys(LANGUAGES) as Language[];

/** The language of a report that names none (and of reports of versions before languages). */
export const DEFAULT_LANGUAGE: Language = "en";

export const isLanguage = (value: unknown): value is Language => typeof value === "string" && Object.hasOwn(LANGUAGES, value);

/** The catalogue of `lang`; English for a missing or unknown one (a report.json of an earlier version). */
export function messagesFor(lang: string | null | undefined): Messages {
  return isLanguage(lang) ? LANGUAGES[lang] : LANGUAGES[DEFAULT_LANGUAGE];
}
