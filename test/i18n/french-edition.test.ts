/**
 * The French edition, end to end through the real CLI: the sample built with "lang": "fr" in its
 * config file (as of 7 Dec 2026), then mailed as .eml. Every page says `lang="fr"` and none of the
 * English catalogue's words (its strings, and the fixed parts of its sentences, where French says
 * something else); French dates and numbers; report.json records the language; the build's summary
 * and the email (subject, text and HTML) are French; the index puts "at a glance" before the periods
 * and the input accounting last. The explorer too, as written and as its script fills it in Chromium
 * (figures, charts, legend, "Show data" tables, rows table, controls), with French dates and numbers
 * and the same downloaded figures as the period's indicators.json. `--lang de` is one line and exit
 * 1. A switch of language on a cached build renders every page again.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {execFile} from "node:child_process";
import {mkdtemp, readdir, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {simpleParser} from "mailparser";
import type {Browser, Page} from "playwright-core";
import {en} from "../../src/i18n/en.js";
import {fr} from "../../src/i18n/fr.js";
import {launchBrowser, recordCspViolations, cspViolations, serveFolder, watchPage, type StaticServer} from "../browser/helpers.js";

const SAMPLE = path.resolve("data/sample-activity.csv");
const SMALL = path.resolve("test/fixtures/reliability/good.csv");
const NNBSP = "\u202f";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const cli = (args: string[]): Promise<Run> =>
  new Promise((resolve) => {
    execFile(process.execPath, ["bin/activity-report.js", ...args], {env: {...process.env, TZ: "UTC"}, maxBuffer: 1 << 24}, (error, stdout, stderr) =>
      resolve({code: error ? Number((error as {code?: number}).code ?? 1) : 0, stdout, stderr}),
    );
  });

let tmp = "";
let out = "";
let built: Run;
let mailed: Run;

test.before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "french-edition-"));
  out = path.join(tmp, "fr");
  const config = path.join(tmp, "config.json");
  await writeFile(config, JSON.stringify({input: [SAMPLE], tz: "Europe/Paris", title: "Métropole Open Data (sample)", lang: "fr"}));
  built = await cli(["build", "--config", config, "--out", out, "--as-of", "2026-12-07", "--no-cache"]);
  mailed = await cli(["email", "--report", out, "--period", "month:2026-11", "--eml", path.join(tmp, "nov.eml")]);
});

test.after(async () => {
  await rm(tmp, {recursive: true, force: true});
});

/** Every HTML page of a built folder (the explorer's too), relative path -> text. */
async function pages(dir: string): Promise<Map<string, string>> {
  const files = (await readdir(dir, {recursive: true})).filter((file) => file.endsWith(".html"));
  return new Map(await Promise.all(files.map(async (file) => [file, await readFile(path.join(dir, file), "utf8")] as const)));
}

/** What a reader sees or hears: text (SVG text too), aria-label, title, alt and placeholder attributes; no script or style. */
function visibleText(html: string): string {
  const labels = [...html.matchAll(/\s(?:aria-label|title|alt|placeholder)="([^"]*)"/g)].map((match) => match[1]);
  const text = html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ");
  return [text, ...labels]
    .join(" ")
    .replace(/&amp;/g, "&")
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

const MARK = "\u0001";

/**
 * The English catalogue's words a French page must not show: every string (names, labels) and the
 * fixed parts of every sentence (its functions called with a mark for each value, cut there), of two
 * words or more for the sentences; less what the French catalogue also says ("Actions", "Total").
 */
function englishStrings(): string[] {
  const french = new Set<string>();
  const collect = (value: unknown, into: (text: string, fromFunction: boolean) => void, fromFunction = false): void => {
    if (typeof value === "string") into(value, fromFunction);
    else if (typeof value === "function") {
      const said = String(value(...Array.from({length: value.length}, () => MARK)));
      for (const part of said.split(MARK)) into(part, true);
    } else if (Array.isArray(value)) value.forEach((item) => collect(item, into, fromFunction));
    else if (value && typeof value === "object") Object.values(value).forEach((item) => collect(item, into, fromFunction));
  };
  const {
    lang: _lang,
    intl: _intl,
    period: {dayFormat: _d, dayTimeFormat: _t, ...period},
    ...rest
  } = en;
  collect(fr, (text) => french.add(text.trim()));
  const english = new Set<string>();
  collect({...rest, period}, (text, fromFunction) => {
    // "Changes compare with" from `Changes compare with ${phrase}.`; single words only from plain strings
    const words = text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
    if (words.length < 3 || french.has(text.trim()) || french.has(words)) return;
    if (fromFunction && !/\p{L}+\s+\p{L}+/u.test(words)) return;
    english.add(words);
  });
  return [...english];
}

test('the build with "lang": "fr" in its config file succeeds and sums up in French', () => {
  assert.is(built.code, 0, built.stderr);
  assert.match(built.stdout, /^4494 lignes\u00a0: 4494 acceptées, 0 rejetées, 0 doublons\u00a0; 97 périodes en [\d,]+ s -> /);
});

/** The English catalogue's words that `html` shows. */
function englishLeft(html: string, english: readonly string[]): string[] {
  const text = visibleText(html);
  return english.filter((words) => new RegExp(`(?<![\\p{L}_-])${words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}_-])`, "u").test(text));
}

test('every page is lang="fr", and none shows a string of the English catalogue', async () => {
  const all = await pages(out);
  assert.ok(all.size > 90, `${all.size} pages`);
  assert.ok(all.has("explore/index.html"), "the explorer's page");
  const english = englishStrings();
  assert.ok(english.length > 150, `${english.length} English strings listed`);
  for (const [file, html] of all) {
    assert.match(html, /^<!doctype html>\n<html lang="fr">/, file);
    assert.equal(englishLeft(html, english), [], `${file}: English left`);
  }
});

/** The French explorer in Chromium, served on 127.0.0.1, once `#main` is data-state="ready" for `query`. */
async function openExplorer(page: Page, server: StaticServer, query: string): Promise<void> {
  await page.goto(`${server.origin}/explore/index.html${query}`);
  await page.waitForFunction((want) => document.getElementById("main")?.dataset.state === "ready" && location.search === want, query, {timeout: 30_000});
}

test("the explorer as its script fills it: no string of the English catalogue, French dates and numbers, the same figures file", async () => {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  try {
    [server, browser] = await Promise.all([serveFolder(out), launchBrowser()]);
    const context = await browser.newContext({acceptDownloads: true});
    await recordCspViolations(context);
    const page = await context.newPage();
    const problems = watchPage(page);
    const english = englishStrings();
    // all time: counts over 1 000; then November 2026 (a baked month) drilled into its most active user, with the rows table
    await openExplorer(page, server, "?from=2025-01-01&to=2026-12-07");
    assert.equal(englishLeft(await page.content(), english), [], "all time: English left");
    assert.match(
      (await page.textContent("#explore-figures"))!,
      new RegExp(`^Actions4${NNBSP}494Utilisateurs\\d+Jeux de données\\d+Pages\\d+Actions par utilisateur\\d+,\\d$`),
    );
    assert.match((await page.textContent("#explore-status"))!, new RegExp(`^4${NNBSP}494 actions dans cette sélection, 1 janv\\. 2025 – 7 déc\\. 2026\\.$`));
    assert.is(await page.textContent("#explore-as-of"), "7 déc. 2026");
    assert.is(await page.textContent("#show-rows"), `Afficher les lignes (4${NNBSP}494)`);
    assert.ok((await page.locator("#explore-charts svg text", {hasText: `1${NNBSP}000`}).count()) > 0, "vega's axis in the French locale");

    await openExplorer(page, server, "?from=2026-11-01&to=2026-11-30");
    assert.is(await page.locator("#filter-preset option:checked").textContent(), "novembre 2026");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-figures")]);
    const figures = JSON.parse(await readFile((await download.path())!, "utf8"));
    const month = JSON.parse(await readFile(path.join(out, "month/2026-11/indicators.json"), "utf8"));
    const {period: _period, comparison: _c, dataFrom: _d, previousAction: _p, ...expected} = month;
    const {selection: _selection, ...got} = figures;
    assert.equal(got, expected, "the figures file: indicators.json's shape and numbers");
    const user = (await page.locator("#more-top-users button").first().textContent())!;
    assert.is(await page.locator("#more-top-users button").first().getAttribute("title"), `N’afficher que l’utilisateur ${user}`);
    // the click filters in place (no navigation, which would abort the rows file it starts loading)
    await page.locator("#more-top-users button").first().click();
    await page.waitForFunction(
      (want) => document.getElementById("main")?.dataset.state === "ready" && new URLSearchParams(location.search).get("user") === want,
      user,
      {timeout: 30_000},
    );
    await page.waitForSelector("#rows-table tbody tr");
    assert.match((await page.textContent("#rows-status"))!, /^Lignes 1 à \d+ sur \d+$/);
    // the diffs are the log's own text (the sample's keywords say "open data"), no words of the tool's
    const withoutDiffs = (await page.content()).replace(/<td class="diff">[\s\S]*?<\/td>/g, "");
    assert.equal(englishLeft(withoutDiffs, english), [], "November, one user, its rows: English left");
    assert.equal(await cspViolations(page), []);
    assert.equal(problems, []);
  } finally {
    await browser?.close();
    await server?.close();
  }
});

test("French dates and numbers on the pages: months, weeks, days, grouped counts, spaced percents", async () => {
  const month = await readFile(path.join(out, "month/2026-11/index.html"), "utf8");
  assert.match(month, /<span class="period-title">novembre 2026<\/span>/);
  assert.match(month, /Évolutions en comparaison avec octobre 2026\./);
  assert.match(month, new RegExp(`56,4${NNBSP}%`), "a share");
  assert.match(month, new RegExp(`−28${NNBSP}%`), "a change");
  assert.match(month, />17 nov\.</, "a day on the axis");
  assert.match(month, /Modification de jeu de données/, "an action name");
  const all = await readFile(path.join(out, "all/all/index.html"), "utf8");
  assert.match(all, new RegExp(`>4${NNBSP}494<`), "the all-time count");
  assert.match(all, new RegExp(`>1${NNBSP}000</text>`), "vega's axis in the French locale");
  const index = await readFile(path.join(out, "index.html"), "utf8");
  assert.match(index, />semaine 47 de 2026</);
  assert.match(index, /données jusqu’au <time datetime="2026-12-07">7 déc\. 2026<\/time>/);
  const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8"));
  assert.is(report.lang, "fr");
});

test("the index opens with the month so far, the last 7 and 30 days; the input accounting comes last", async () => {
  const index = await readFile(path.join(out, "index.html"), "utf8");
  const at = (marker: string) => {
    const i = index.indexOf(marker);
    assert.ok(i > 0, marker);
    return i;
  };
  assert.ok(at('id="glance"') < at('id="periods"'), "at a glance before the periods");
  assert.ok(at('id="periods"') < at('id="input"'), "the accounting after the periods");
  assert.ok(at('id="glance-month"') < at('id="glance-last-7-days"') && at('id="glance-last-7-days"') < at('id="glance-last-30-days"'));
  const glance = index.slice(at('id="glance"'), at('id="periods"'));
  assert.match(glance, /<a href="month\/2026-12\/index.html">décembre 2026<\/a> <span class="so-far">en cours<\/span>/);
  assert.match(glance, /<a href="rolling\/last-30-days\/index.html">30 derniers jours<\/a>/);
  assert.match(
    glance,
    /id="glance-last-30-days-actions"><dt>Actions<\/dt><dd><span class="figure-value">148<\/span> <span class="change change-down"><span class="change-text" aria-hidden="true">−51\u202f%/,
  );
  assert.match(glance, /Évolutions en comparaison avec les 30 jours précédents \(9 oct\. – 7 nov\. 2026\)\./);
  assert.match(index.slice(at('id="input"')), /<h2 id="input-title">Pour les opérateurs\u00a0: ce qui a été lu<\/h2>/);
});

test("the email follows the report's language: subject, text and HTML in French", async () => {
  assert.is(mailed.code, 0, mailed.stderr);
  assert.match(mailed.stdout, /^novembre 2026\u00a0: message de \d+\u00a0Ko, 2 graphiques\u00a0; écrit dans .*nov\.eml\n$/);
  const mail = await simpleParser(await readFile(path.join(tmp, "nov.eml")));
  assert.is(mail.subject, "Activité du back-office · Métropole Open Data (sample) · novembre 2026");
  assert.match(mail.text ?? "", /^Activité du back-office · Métropole Open Data \(sample\)\nnovembre 2026 \(1–30 nov\. 2026\)/);
  assert.match(mail.text ?? "", /Utilisateurs actifs +20 +\+1 \(19 pour octobre 2026\)/);
  assert.match(mail.text ?? "", /Les 5 jeux de données les plus modifiés/);
  assert.match(mail.text ?? "", /\nRépartition des actions\u00a0: 220 actions\u00a0: Modification de jeu de données 56,4\u202f%/);
  assert.not.match(mail.text ?? "", /Active users|Top 5|Built /);
  assert.match(String(mail.html), /<html lang="fr">/);
  assert.match(String(mail.html), /Ouvrir le rapport complet|Part<\/th>/);
});

test("--lang de: one line naming the languages there are, exit 1, nothing built", async () => {
  const run = await cli(["build", "--input", SMALL, "--out", path.join(tmp, "de"), "--lang", "de"]);
  assert.is(run.code, 1);
  assert.is(run.stderr, 'activity-report: option --lang: "de" is not one of the available languages: en, fr\n');
});

test("a language switch on a cached build renders every page again, in the new language", async () => {
  const dir = path.join(tmp, "switch");
  const first = await cli(["build", "--input", SMALL, "--out", dir, "--as-of", "2026-03-31", "--workers", "0"]);
  assert.is(first.code, 0, first.stderr);
  const second = await cli(["build", "--input", SMALL, "--out", dir, "--as-of", "2026-03-31", "--workers", "0", "--lang", "fr"]);
  assert.is(second.code, 0, second.stderr);
  assert.not.match(second.stdout, /reprises|à jour/, second.stdout);
  for (const [file, html] of await pages(dir)) assert.match(html, /<html lang="fr">/, file);
  const back = await cli(["build", "--input", SMALL, "--out", dir, "--as-of", "2026-03-31", "--workers", "0", "--lang", "en"]);
  assert.match(back.stdout, /^\d+ rows: /);
  for (const [file, html] of await pages(dir)) assert.match(html, /<html lang="en">/, file);
});

test.run();
