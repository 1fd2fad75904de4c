/**
 * The explorer's page, `<out>/explore/index.html`: the form, empty places for the figures, charts
 * and rows, and the scripts (the data's meta.js, then the bundled explorer). Everything the page
 * shows of the log is written by the script with textContent; the only value written here is the
 * report's title, escaped. Same CSP, stylesheet and skip link as the other pages (base.njk). Its
 * words are the catalogue's (i18n/explore-en.ts, explore-fr.ts), and `<html lang>` tells the
 * script which catalogue to take.
 */
import {escapeHtml} from "../site/escape-html.js";
import {en, type Messages} from "../i18n/en.js";

/** A labelled form control; `list` adds a datalist of that id. */
function field(id: string, label: string, control: string): string {
  return `<div class="explore-field"><label for="${id}">${label}</label>${control}</div>`;
}

const textFilter = (name: string, label: string, placeholder: string) =>
  field(
    `filter-${name}`,
    label,
    `<input id="filter-${name}" name="${name}" list="list-${name}" autocomplete="off" spellcheck="false" placeholder="${placeholder}"><datalist id="list-${name}"></datalist>`,
  );

/**
 * The page's HTML for a report titled `title`, in the language of `m`; `preload` names the month
 * files of the default selection (the last 30 days), which load alongside the script instead of after it.
 */
export function explorePage(title: string, preload: readonly string[] = [], m: Messages = en): string {
  const site = escapeHtml(title);
  const M = m.explore;
  return `<!doctype html>
<html lang="${m.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="activity-report">
<title>${M.pageTitle} · ${site}</title>
<link rel="stylesheet" href="../assets/site.css">
<link rel="stylesheet" href="../assets/explore.css">
<link rel="icon" href="../favicon.ico" sizes="any">
<script src="data/meta.js" defer></script>
${preload.map((month) => `<script src="data/${escapeHtml(month)}.js" defer></script>\n`).join("")}<script src="../assets/explore.js" defer></script>
</head>
<body class="page-explore">
<a class="skip-link" href="#main">${m.page.skipToContent}</a>
<header class="site-header">
<p class="kicker"><a class="home-link" href="../index.html">${site}</a></p>
</header>
<main id="main" class="explore" data-state="loading" aria-busy="true">
<h1 id="explore-title">${M.heading}</h1>
<p class="period-meta">${M.intro} ${M.timesIn} <span class="time-zone" id="explore-zone"></span>, ${M.dataUpTo} <span id="explore-as-of"></span>.</p>
<noscript><p>${M.noScript}</p></noscript>
<form id="explore-filters" class="explore-filters" aria-label="${M.filters}">
${field("filter-preset", m.page.period, `<select id="filter-preset" name="preset"></select>`)}
${field("filter-from", M.from, `<input type="date" id="filter-from" name="from" required>`)}
${field("filter-to", M.to, `<input type="date" id="filter-to" name="to" required>`)}
${field("filter-subdomain", M.subdomain, `<select id="filter-subdomain" name="subdomain"></select>`)}
${field("filter-action", M.action, `<select id="filter-action" name="action"></select>`)}
${textFilter("user", M.user, M.anyValue)}
${textFilter("dataset", M.dataset, M.anyValue)}
${textFilter("page", M.page, M.anyValue)}
<div class="explore-buttons"><button type="submit" id="filter-apply">${M.apply}</button> <button type="button" id="filter-clear">${M.clear}</button></div>
</form>
<p id="explore-status" class="period-meta" role="status" aria-live="polite">${M.loading}</p>
<dl id="explore-figures" class="figures headline-figures"></dl>
<p class="explore-downloads"><button type="button" id="download-figures">${M.downloadFigures}</button> <button type="button" id="download-rows">${M.downloadRows}</button></p>
<div id="explore-charts"></div>
<section class="explore-rows" id="explore-rows" aria-labelledby="explore-rows-title">
<h2 id="explore-rows-title">${M.rowsTitle}</h2>
<div id="explore-rows-body"></div>
</section>
</main>
<footer class="site-footer"><p><a href="../index.html">${m.page.allPeriods}</a></p></footer>
</body>
</html>
`;
}
