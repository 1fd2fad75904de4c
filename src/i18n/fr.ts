/**
 * The French message catalogue (same shape as en.ts, checked by TypeScript). Month and weekday names
 * come from Intl in fr-FR ("mars", "janv.", "lundi"), numbers from Intl too ("1 334" with a narrow
 * no-break space, "45,7 %"). French typography: a no-break space before ":" (NBSP below).
 */
import type {Messages, Noun, VegaLocale} from "./en.js";
import {exploreFr} from "./explore-fr.js";

const NBSP = "\u00a0";
const C = `${NBSP}:`;

const names = (options: Intl.DateTimeFormatOptions, count: number, date: (i: number) => number): string[] => {
  const format = new Intl.DateTimeFormat("fr-FR", {...options, timeZone: "UTC"});
  return Array.from({length: count}, (_, i) => format.format(date(i)));
};
// 5 Jan 2026 is a Monday
const month = (i: number) => Date.UTC(2026, i, 1);
const weekday = (i: number) => Date.UTC(2026, 0, 5 + i);

const noun = (one: string, other = `${one}s`): Noun => ({one, other});

const months = names({month: "long"}, 12, month);
const monthsShort = names({month: "short"}, 12, month);
const weekdays = names({weekday: "long"}, 7, weekday);
const weekdaysShort = names({weekday: "short"}, 7, weekday);

/** d3's fr-FR locale, with the separators Intl's fr-FR gives (a narrow no-break space between thousands) */
const vegaLocale: VegaLocale = {
  number: {decimal: ",", thousands: "\u202f", grouping: [3], currency: ["", "\u00a0€"], percent: "\u202f%", minus: "\u2212"},
  time: {
    dateTime: "%A %e %B %Y à %X",
    date: "%d/%m/%Y",
    time: "%H:%M:%S",
    periods: ["AM", "PM"],
    // d3 lists days from Sunday
    days: [weekdays[6], ...weekdays.slice(0, 6)],
    shortDays: [weekdaysShort[6], ...weekdaysShort.slice(0, 6)],
    months,
    shortMonths: monthsShort,
  },
};

export const fr: Messages = {
  lang: "fr",
  intl: "fr-FR",
  months,
  monthsShort,
  vegaLocale,
  weekdays,
  weekdaysShort,
  nouns: {
    action: noun("action"),
    user: noun("utilisateur"),
    kind: noun("type"),
    day: noun("jour"),
    week: noun("semaine"),
    month: noun("mois", "mois"),
    row: noun("ligne"),
    blankCharacter: noun("caractère blanc", "caractères blancs"),
    otherUser: noun("autre utilisateur", "autres utilisateurs"),
    distinctUser: noun("utilisateur distinct", "utilisateurs distincts"),
    activeUser: noun("utilisateur actif", "utilisateurs actifs"),
    modifiedDataset: noun("jeu de données modifié", "jeux de données modifiés"),
    modifiedPage: noun("page modifiée", "pages modifiées"),
  },
  colon: (label, text) => `${label}${C} ${text}`,
  counted: (count, noun) => `${count} ${noun}`,
  periodNouns: {week: "la semaine", month: "le mois", quarter: "le trimestre", year: "l’année", rolling: "la période", all: "la période"},

  // as Intl's fr-FR percent style writes it: a narrow no-break space before "%"
  percent: (amount) => `${amount}\u202f%`,
  bytes: ["o", "ko", "Mo", "Go"],
  noChange: "±0",
  changeLabel: (trend, amount, previous, when) =>
    trend === "flat" ? `stable (${previous} pour ${when})` : `${trend === "up" ? "en hausse" : "en baisse"} de ${amount} (${previous} pour ${when})`,

  period: {
    typeNames: {week: "Semaines", month: "Mois", quarter: "Trimestres", year: "Années", rolling: "Périodes glissantes", all: "Toute la période"},
    week: (week, year) => `semaine ${week} de ${year}`,
    month: (month, year) => `${month} ${year}`,
    quarter: (quarter, year) => `T${quarter} ${year}`,
    allTime: "Toute la période",
    lastDays: (days) => `${days} derniers jours`,
    dayMonth: (day, month) => `${day} ${month}`,
    monthYear: (month, year) => `${month} ${year}`,
    dayFormat: "d LLL yyyy",
    dayTimeFormat: "d LLL yyyy 'à' HH:mm",
    soFarNote: (asOf, type, end) => `Chiffres provisoires, jusqu’au ${asOf}${C} ${type} se termine le ${end}.`,
    firstDays: (days, title) => `${days === 1 ? "le premier jour" : `les ${days} premiers jours`} de la période ${title}`,
    previousDays: (days) => `les ${days} jours précédents`,
    comparedWith: (phrase) => `Évolutions en comparaison avec ${phrase}.`,
    comparedWithDays: (phrase, days) => `Évolutions en comparaison avec ${phrase} (${days}).`,
    dataFromNotCompared: (day) => `Données à partir du ${day}${C} la période n’est pas comparée à une autre comme si elle était complète.`,
    previousDataFrom: (title, day) => `Pas de comparaison${C} la période ${title} n’a de données qu’à partir du ${day}.`,
    notFarEnough: `Pas de comparaison${C} les données du journal ne remontent pas assez loin.`,
    dataFrom: (day) => `données à partir du ${day}`,
  },

  page: {
    siteName: "Rapport d’activité",
    andMore: (count) => ` et ${count} autres`,
    kicker: "Rapport d’activité du back-office",
    built: "Généré le",
    dataUpTo: "données jusqu’au",
    latestAction: "dernière action",
    timesIn: "heures en",
    input: "Entrée",
    eachRejectedRow: `${C} chaque ligne rejetée avec sa raison.`,
    periods: "Périodes",
    periodTypes: "Types de période",
    period: "Période",
    actions: "Actions",
    activeUsers: "Utilisateurs actifs",
    soFar: "en cours",
    downloadWholeLog: "Télécharger tout le journal",
    everyAcceptedRow: "Chaque ligne acceptée, telle que lue en entrée.",
    indexFooter:
      "Les évolutions comparent chaque période à la précédente du même type\u00a0; une période en cours aux mêmes premiers jours de la précédente, une période glissante aux jours qui la précèdent.",
    containingPeriods: "Périodes englobantes",
    neighbouringPeriods: "Périodes voisines",
    noEarlierPeriod: "Pas de période antérieure",
    noLaterPeriod: "Pas de période postérieure",
    noActivity: "Aucune activité sur cette période",
    latestActionBefore: `Dernière action avant elle${C}`,
    noActionBefore: "Aucune action avant elle",
    showData: "Voir les données",
    dataSuffix: `${C} données`,
    seeSourceData: "Données sources",
    periodRows: "Les lignes de cette période, telles que lues dans le journal.",
    allPeriods: "Toutes les périodes",
    skipToContent: "Aller au contenu",
    atAGlance: "En bref",
    forOperators: `Pour les opérateurs${C} ce qui a été lu`,
    figureActions: "Actions",
    figureUsers: "Utilisateurs actifs",
    figureDatasets: "Jeux de données touchés",
    figurePages: "Pages touchées",
    totalActions: "Total des actions",
    actionsPerUser: (users) => `Actions par utilisateur (${users})`,
    actionsWithoutUser: "Actions sans utilisateur",
    numbersInJson: "Les chiffres de ce graphique sont dans indicators.json.",
    firstRows: (shown, all) => `Les ${shown} premières lignes sur ${all}${NBSP}; indicators.json les contient toutes.`,
    filesRead: "Fichiers lus",
    rowsRead: "Lignes lues",
    accepted: "Acceptées",
    rejected: "Rejetées",
    duplicates: "Doublons",
    rejectedRows: (file) => `Lignes rejetées (${file})`,
    exploreIndex: "Explorer d’autres jours et filtres",
    explorePeriod: "Explorer cette période",
    afterAsOf: (rows, day) => `${rows} datées après le ${day} ne comptent dans aucune période (elles font partie des lignes acceptées).`,
  },

  charts: {
    actionNames: {
      add_dataset: "Ajout de jeu de données",
      edit_dataset: "Modification de jeu de données",
      publish_dataset: "Publication de jeu de données",
      unpublish_dataset: "Dépublication de jeu de données",
      delete_dataset: "Suppression de jeu de données",
      add_page: "Ajout de page",
      edit_page: "Modification de page",
      publish_page: "Publication de page",
      unpublish_page: "Dépublication de page",
      delete_page: "Suppression de page",
      add_map: "Ajout de carte",
      edit_map: "Modification de carte",
      delete_map: "Suppression de carte",
      add_reuse: "Ajout de réutilisation",
      publish_reuse: "Publication de réutilisation",
      delete_reuse: "Suppression de réutilisation",
      add_group: "Ajout de groupe",
      edit_group: "Modification de groupe",
      delete_group: "Suppression de groupe",
      add_user_to_group: "Ajout d’utilisateur à un groupe",
      remove_user_from_group: "Retrait d’utilisateur d’un groupe",
      add_user_to_domain: "Ajout d’utilisateur au domaine",
      remove_user_from_domain: "Retrait d’utilisateur du domaine",
      edit_domain_property: "Modification de propriété du domaine",
    },
    empty: "(vide)",
    blank: (characters) => `(${characters})`,
    units: {day: "Jour", week: "Semaine", month: "Mois"},
    action: "Action",
    actionsTitle: "Actions",
    usersTitle: "Utilisateurs",
    total: "Total",
    user: "Utilisateur",
    share: "Part",
    weekday: "Jour de la semaine",
    actions: {
      title: "Actions",
      description: (unit) => `Actions d’administration par ${unit}, une ligne par action.`,
      none: (buckets) => `Aucune action sur cette période (${buckets}).`,
      summary: (actions, kinds, buckets, top, topCount, unit, busiest, busiestCount) =>
        `${actions} de ${kinds} sur ${buckets}. La plus fréquente${C} ${top} (${topCount}). ${unit === "semaine" ? "Semaine" : unit === "mois" ? "Mois" : "Jour"} le plus actif${C} ${busiest} (${busiestCount}).`,
      tip: (action, bucket, count) => `${action}, ${bucket}${C} ${count}`,
    },
    users: {
      title: "Nombre d’utilisateurs",
      description: (unit) => `Utilisateurs ayant effectué au moins une action, par ${unit}.`,
      none: (buckets) => `Aucun utilisateur actif sur cette période (${buckets}).`,
      summary: (users, buckets, unit, most, when) =>
        `${users} sur ${buckets}. Le plus d’utilisateurs ${unit === "semaine" ? "en une semaine" : `en un ${unit}`}${C} ${most} (${when}).`,
    },
    actionsByUser: {
      title: "Actions par utilisateur",
      description: (others) => `Nombre d’actions par utilisateur, le plus actif en premier${others ? `${NBSP}; les ${others} partagent une barre` : ""}.`,
      others: (users) => `autres (${users})`,
      withoutUser: (actions, one) => `${actions} de la période ${one ? "ne nomme" : "ne nomment"} aucun utilisateur.`,
      noUserNamed: (without) => `Aucun utilisateur nommé${C} ${without}`,
      none: "Aucun utilisateur n’a effectué d’action sur cette période.",
      summary: (users, actions, top, count, share) => `${users} ont effectué ${actions}. Le plus actif${C} ${top} avec ${count} (${share}).`,
    },
    top: {
      none: (noun) => `Aucun(e) ${noun} sur cette période.`,
      tip: (entry, action, count, of) => `${entry}, ${action}${C} ${count} sur ${of}`,
      users: {title: "Utilisateurs les plus actifs", description: "Les utilisateurs les plus actifs, chaque barre répartie par action.", column: "Utilisateur"},
      datasets: {
        title: "Jeux de données les plus modifiés",
        description: "Les jeux de données ayant reçu le plus d’actions, chaque barre répartie par action.",
        column: "Jeu de données",
      },
      pages: {title: "Pages les plus modifiées", description: "Les pages ayant reçu le plus d’actions, chaque barre répartie par action.", column: "Page"},
    },
    distribution: {
      title: "Répartition des actions",
      description: "Part de chaque action dans l’activité de la période.",
      none: "Aucune action sur cette période.",
    },
    byWeekday: {
      title: "Activité par jour de la semaine",
      description: "Combien d’actions ont été faites, et par combien d’utilisateurs différents, chaque jour de la semaine.",
      days: (zone) => `Jours à l’heure de ${zone}.`,
      activity: (actions, users) => `${actions} par ${users}`,
      none: "Aucune action sur cette période.",
      summary: (actions, busiest, busiestActivity, days) => `${actions}. Jour le plus actif${C} ${busiest}, ${busiestActivity}. ${days}.`,
    },
  },

  legend: {
    hint: (hides) => `Choisissez une action pour ${hides ? "n’afficher qu’elle" : "la mettre en évidence"}${NBSP}; Maj ou Ctrl en ajoute une autre.`,
    showAll: "Afficher toutes les actions",
    showingAll: (all) => `Toutes les ${all} sont affichées.`,
    showing: (hides, shown, all, list) => `${hides ? "Affichage de" : "Mise en évidence de"} ${shown} sur ${all}${C} ${list}.`,
  },

  email: {
    subject: (title, period) => `Activité du back-office · ${title} · ${period}`,
    heading: "Activité du back-office",
    versus: (change, when, previous) => `${change} (${previous} pour ${when})`,
    more: (count) => `${count} de plus`,
    soFar: (end) => `Chiffres provisoires${C} la période se termine le ${end}.`,
    noActivity: "Aucune activité sur cette période.",
    latestBefore: (when) => `Dernière action avant elle${C} ${when}.`,
    noActionBefore: "Aucune action avant elle.",
    comparedWith: (phrase) => `Évolutions en comparaison avec ${phrase}.`,
    dataFrom: (day) => `Données à partir du ${day}${C} pas de comparaison avec une autre période.`,
    actions: "Actions",
    activeUsers: "Utilisateurs actifs",
    actionsPerUser: "Actions par utilisateur",
    topUsers: "Les 5 utilisateurs les plus actifs",
    topDatasets: "Les 5 jeux de données les plus modifiés",
    topPages: "Les 5 pages les plus modifiées",
    user: "Utilisateur",
    dataset: "Jeu de données",
    page: "Page",
    share: "Part",
    footer: (built, zone) => `Généré le ${built} · dates et heures en ${zone}`,
    noneText: "  (aucun sur cette période)",
    noneHtml: "Aucun sur cette période.",
    fullReport: (link) => `Rapport complet${C} ${link}`,
    openReport: "Ouvrir le rapport complet",
    chartLine: (title, alt) => `${title}${C} ${alt}`,
  },

  explore: exploreFr,

  cli: {
    upToDate: `à jour, rien n’a été reconstruit${C} `,
    summary: (rows, accepted, rejected, duplicates, periods) =>
      `${rows} lignes${C} ${accepted} acceptées, ${rejected} rejetées, ${duplicates} doublons${NBSP}; ${periods} périodes`,
    reused: (rendered, reused) => ` (${rendered} rendues, ${reused} reprises de la construction précédente)`,
    append: `${NBSP}; seule la nouvelle entrée a été lue`,
    reexport: `${NBSP}; entrée relue, seules ses nouvelles lignes analysées`,
    took: (seconds, out) => ` en ${String(seconds).replace(".", ",")} s -> ${out}`,
    skipped: (files) => `${NBSP}; ignorés${C} ${files}`,
    emailMessage: (period, kilobytes, charts) => `${period}${C} message de ${kilobytes}${NBSP}Ko, ${charts} graphiques`,
    wrote: (file) => `écrit dans ${file}`,
    sent: (to, reply) => `envoyé à ${to} (${reply})`,
    separator: `${NBSP}; `,
  },
};
