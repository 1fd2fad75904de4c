/**
 * The message catalogues: French has every entry English has (TypeScript checks it when compiling;
 * this checks the objects too, nested), and the French formats come from Intl in fr-FR: "1 334" with
 * a narrow no-break space, "45,7 %", "+12 %", "mars 2025", "semaine 9 de 2025", "12 mars", French
 * plurals (0 and 1 are singular). The registry refuses unknown languages.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {en} from "../../src/i18n/en.js";
import {fr} from "../../src/i18n/fr.js";
import {isLanguage, LANGUAGE_CODES, messagesFor} from "../../src/i18n/languages.js";
import {changeFrom, countOf, formatBytes, formatCount, formatShare} from "../../src/site/figures.js";
import {formatBuiltAt, formatDay, formatDayMonth, periodLabel} from "../../src/site/period-labels.js";
import {actionName} from "../../src/charts/action-names.js";
import type {Period} from "../../src/periods/types.js";

const NNBSP = "\u202f";

/** Every path of an object's leaves, e.g. "page.kicker", "nouns.row.one". */
function paths(value: unknown, prefix = ""): string[] {
  // vegaLocale is null in English (vega's default)
  if (value === null || typeof value !== "object" || Array.isArray(value) || prefix === "vegaLocale") return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => paths(inner, prefix ? `${prefix}.${key}` : key));
}

test("French has every entry of the English catalogue, and no other", () => {
  assert.equal(paths(fr).sort(), paths(en).sort());
  assert.equal(LANGUAGE_CODES, ["en", "fr"]);
  assert.ok(isLanguage("fr") && !isLanguage("de") && !isLanguage("toString"));
  assert.is(messagesFor(undefined), en, "a report without a language is English");
  assert.is(messagesFor("fr"), fr);
});

test("French numbers are Intl's fr-FR: grouped with a narrow no-break space, decimal comma, spaced percent", () => {
  assert.is(formatCount(1334, fr), `1${NNBSP}334`);
  assert.is(formatCount(1334, fr), new Intl.NumberFormat("fr-FR").format(1334));
  assert.is(formatShare(0.4567, fr), `45,7${NNBSP}%`);
  assert.is(formatShare(0.0001, fr), `< 0,1${NNBSP}%`);
  assert.is(formatBytes(1_300_000, fr), "1,3\u00a0Mo");
  assert.is(changeFrom(112, 100, "février 2025", "percent", fr)?.text, `+12${NNBSP}%`);
  assert.is(changeFrom(97, 100, "février 2025", "absolute", fr)?.text, "\u22123");
  // the English formats are unchanged
  assert.is(formatCount(1334), "1,334");
  assert.is(formatShare(0.4567), "45.7%");
  assert.is(changeFrom(112, 100, "February 2025", "percent")?.label, "up 12% from 100 in February 2025");
});

test("French plurals: 0 and 1 take the singular; English says 0 actions", () => {
  assert.is(countOf(0, "action", fr), "0 action");
  assert.is(countOf(1, "row", fr), "1 ligne");
  assert.is(countOf(1334, "row", fr), `1${NNBSP}334 lignes`);
  assert.is(countOf(2, "modifiedDataset", fr), "2 jeux de données modifiés");
  assert.is(countOf(0, "action"), "0 actions");
});

const period = (type: Period["type"], key: string, start: string, end: string) => ({type, key, start, end, timeZone: "Europe/Paris"});

test("French dates: month and week titles, days and times", () => {
  assert.is(periodLabel(period("month", "2025-03", "2025-03-01T00:00:00+01:00", "2025-04-01T00:00:00+02:00"), fr).title, "mars 2025");
  const week = periodLabel(period("week", "2025-W09", "2025-02-24T00:00:00+01:00", "2025-03-03T00:00:00+01:00"), fr);
  assert.is(week.title, "semaine 9 de 2025");
  assert.is(week.range, "24 févr. – 2 mars");
  assert.is(
    periodLabel(period("rolling", "last-7-days", "2026-12-01T00:00:00+01:00", "2026-12-08T00:00:00+01:00"), fr).full,
    "7 derniers jours · 1–7 déc. 2026",
  );
  assert.is(formatDayMonth("2025-03-12", fr), "12 mars");
  assert.is(formatDay("2026-03-31", fr), "31 mars 2026");
  assert.is(formatBuiltAt("2026-03-31T12:05:00Z", "Europe/Paris", fr), "31 mars 2026 à 14:05");
  // the same period object keeps its English label for English pages
  assert.is(periodLabel(period("month", "2025-03", "2025-03-01T00:00:00+01:00", "2025-04-01T00:00:00+02:00")).title, "March 2025");
});

test("action names come from the catalogue of the language; unknown ids are humanised", () => {
  assert.is(actionName("publish_dataset", fr), "Publication de jeu de données");
  assert.is(actionName("publish_dataset"), "Publish dataset");
  assert.is(actionName("archive_old_maps", fr), "Archive old maps");
  assert.is(actionName("", fr), "(vide)");
});

test("vega's locale for the French charts: Intl's separators, French month and day names", () => {
  const locale = fr.vegaLocale!;
  assert.is(locale.number.thousands, NNBSP);
  assert.is(locale.number.decimal, ",");
  assert.is(locale.time.months[2], "mars");
  assert.is(locale.time.days[0], "dimanche", "d3 starts the week on Sunday");
  assert.is(en.vegaLocale, null, "English charts keep vega's default");
});

test.run();
