/**
 * The English message catalogue: every string a reader sees on the pages, the charts, the email and
 * the CLI summary, and the locale its dates and numbers are written in. Other languages export the
 * same shape (`Messages`, checked by TypeScript): adding one is a new file like fr.ts and one line in
 * languages.ts. Entries that take values get them already formatted (counts, dates), except where
 * the sentence depends on a number (plurals go through `nouns` and Intl.PluralRules).
 * Error messages are not here: they stay English, for the operator and the logs.
 */

import {exploreEn} from "./explore-en.js";

/** A noun's forms for Intl.PluralRules' categories; "other" is required, e.g. {one: "row", other: "rows"}. */
export interface Noun {
  one?: string;
  other: string;
}

const noun = (one: string, other = `${one}s`): Noun => ({one, other});

/**
 * A d3 locale definition as vega's `config.locale` takes it (its formatLocale and timeFormatLocale),
 * written inline: the charts' axis numbers and any time format in the catalogue's language.
 */
export interface VegaLocale {
  number: {decimal: string; thousands: string; grouping: number[]; currency: [string, string]; percent?: string; minus?: string};
  time: {dateTime: string; date: string; time: string; periods: [string, string]; days: string[]; shortDays: string[]; months: string[]; shortMonths: string[]};
}

export const en = {
  /** the `lang` of the pages, e.g. "en" */
  lang: "en",
  /** the Intl locale of numbers and generated names, e.g. "en-US" */
  intl: "en-US",
  /** month names, January first (the English ones are written out: Intl's en-GB spells "Sept") */
  months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  /** e.g. "Mar", as dates write days ("4 Mar") */
  monthsShort: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
  /** vega's locale for the charts; null: vega's own (en-US), which the English charts have always used */
  vegaLocale: null as VegaLocale | null,
  /** ISO weekday 1 ... 7, Monday first */
  weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  /** e.g. "Mon", the weekday chart's axis */
  weekdaysShort: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
  /** nouns counted in sentences: "1 action", "3 actions" */
  nouns: {
    action: noun("action"),
    user: noun("user"),
    kind: noun("kind"),
    day: noun("day"),
    week: noun("week"),
    month: noun("month"),
    row: noun("row"),
    blankCharacter: noun("blank character"),
    otherUser: noun("other user"),
    distinctUser: noun("distinct user"),
    activeUser: noun("active user"),
    modifiedDataset: noun("modified dataset"),
    modifiedPage: noun("modified page"),
  } satisfies Record<string, Noun>,
  /** a label and what it labels, e.g. "Monday: 12 actions" */
  colon: (label: string, text: string) => `${label}: ${text}`,
  /** how a count and its noun read, e.g. ("1,234", "actions") -> "1,234 actions" */
  counted: (count: string, noun: string) => `${count} ${noun}`,
  /** the noun of a period type in a sentence, e.g. "the month ends on …" */
  periodNouns: {week: "week", month: "month", quarter: "quarter", year: "year", rolling: "rolling", all: "all"},

  /** e.g. "45.7%" from "45.7"; a share under 0.1%: "< 0.1%" */
  percent: (amount: string) => `${amount}%`,
  /** file size units, decimal (SI) */
  bytes: ["B", "kB", "MB", "GB"],
  /** the change text, e.g. "+12%", "±0" */
  noChange: "±0",
  /** e.g. "up 12% from 1,100 in February 2025" */
  changeLabel: (trend: "up" | "down" | "flat", amount: string, previous: string, when: string) =>
    trend === "flat" ? `no change from ${previous} in ${when}` : `${trend} ${amount} from ${previous} in ${when}`,

  period: {
    /** tab captions, e.g. "Months" */
    typeNames: {week: "Weeks", month: "Months", quarter: "Quarters", year: "Years", rolling: "Rolling windows", all: "All time"},
    week: (week: number, year: number) => `Week ${week}, ${year}`,
    month: (month: string, year: string) => `${month} ${year}`,
    quarter: (quarter: number, year: number) => `Q${quarter} ${year}`,
    allTime: "All time",
    lastDays: (days: string) => `Last ${days} days`,
    /** e.g. "4 Mar" */
    dayMonth: (day: number, month: string) => `${day} ${month}`,
    /** e.g. "Mar 2025" */
    monthYear: (month: string, year: string) => `${month} ${year}`,
    /** Luxon formats of a day and of a day with the time, e.g. "31 Mar 2026", "31 Mar 2026, 14:05" */
    dayFormat: "d LLL yyyy",
    dayTimeFormat: "d LLL yyyy, HH:mm",
    soFarNote: (asOf: string, type: string, end: string) => `Figures so far, up to ${asOf}: the ${type} ends on ${end}.`,
    firstDays: (days: number, title: string) => `the first ${days === 1 ? "day" : `${days} days`} of ${title}`,
    previousDays: (days: number) => `the previous ${days} days`,
    comparedWith: (phrase: string) => `Changes compare with ${phrase}.`,
    comparedWithDays: (phrase: string, days: string) => `Changes compare with ${phrase} (${days}).`,
    dataFromNotCompared: (day: string) => `Data from ${day}: the period is not compared with another as if it were whole.`,
    previousDataFrom: (title: string, day: string) => `Not compared: ${title} has data from ${day} only.`,
    notFarEnough: "Not compared: the log's data do not reach back far enough.",
    dataFrom: (day: string) => `data from ${day}`,
  },

  /** the pages' fixed text (templates) and what the page models write */
  page: {
    siteName: "Activity report",
    /** after the first three domains of a report's title */
    andMore: (count: number) => ` and ${count} more`,
    kicker: "Backoffice activity report",
    built: "Built",
    dataUpTo: "data up to",
    latestAction: "latest action",
    timesIn: "times in",
    input: "Input",
    eachRejectedRow: ": each rejected row with the reason.",
    periods: "Periods",
    periodTypes: "Period types",
    period: "Period",
    actions: "Actions",
    activeUsers: "Active users",
    soFar: "so far",
    downloadWholeLog: "Download the whole log",
    everyAcceptedRow: "Every accepted row, as read from the input.",
    indexFooter:
      "Changes compare each period with the one before it of the same type; a period so far with as many days at the start of the one before, a rolling window with the days just before it.",
    containingPeriods: "Containing periods",
    neighbouringPeriods: "Neighbouring periods",
    noEarlierPeriod: "No earlier period",
    noLaterPeriod: "No later period",
    noActivity: "No activity in this period",
    latestActionBefore: "Latest action before it:",
    noActionBefore: "No action before it",
    showData: "Show data",
    dataSuffix: ": data",
    seeSourceData: "See source data",
    periodRows: "The rows of this period, as read from the log.",
    allPeriods: "All periods",
    skipToContent: "Skip to content",
    // the stakeholders' summary at the top of the index
    atAGlance: "At a glance",
    forOperators: "For operators: what was read",
    // page models
    figureActions: "Actions",
    figureUsers: "Active users",
    figureDatasets: "Datasets touched",
    figurePages: "Pages touched",
    totalActions: "Total actions",
    actionsPerUser: (users: string) => `Actions per user (${users})`,
    actionsWithoutUser: "Actions without a user",
    numbersInJson: "This chart's numbers are in indicators.json.",
    firstRows: (shown: string, all: string) => `First ${shown} of ${all} rows; indicators.json has them all.`,
    filesRead: "Files read",
    rowsRead: "Rows read",
    accepted: "Accepted",
    rejected: "Rejected",
    duplicates: "Duplicates",
    rejectedRows: (file: string) => `Rejected rows (${file})`,
    /** the links to the explorer (explore/index.html) from the index and from a period page */
    exploreIndex: "Explore any days and filters",
    explorePeriod: "Explore this period",
    afterAsOf: (rows: string, day: string) => `${rows} dated after ${day} count in no period (they are among the accepted rows).`,
  },

  charts: {
    /** readable names of the known OpenDataSoft backoffice actions, by id */
    actionNames: {
      add_dataset: "Add dataset",
      edit_dataset: "Edit dataset",
      publish_dataset: "Publish dataset",
      unpublish_dataset: "Unpublish dataset",
      delete_dataset: "Delete dataset",
      add_page: "Add page",
      edit_page: "Edit page",
      publish_page: "Publish page",
      unpublish_page: "Unpublish page",
      delete_page: "Delete page",
      add_map: "Add map",
      edit_map: "Edit map",
      delete_map: "Delete map",
      add_reuse: "Add reuse",
      publish_reuse: "Publish reuse",
      delete_reuse: "Delete reuse",
      add_group: "Add group",
      edit_group: "Edit group",
      delete_group: "Delete group",
      add_user_to_group: "Add user to group",
      remove_user_from_group: "Remove user from group",
      add_user_to_domain: "Add user to domain",
      remove_user_from_domain: "Remove user from domain",
      edit_domain_property: "Edit domain property",
    } as Readonly<Record<string, string>>,
    empty: "(empty)",
    blank: (characters: string) => `(${characters})`,
    /** axis and tooltip title of a bucket unit */
    units: {day: "Day", week: "Week", month: "Month"},
    action: "Action",
    actionsTitle: "Actions",
    usersTitle: "Users",
    total: "Total",
    user: "User",
    share: "Share",
    weekday: "Weekday",
    actions: {
      title: "Actions",
      description: (unit: string) => `Administrative actions per ${unit}, one line per action.`,
      none: (buckets: string) => `No actions in this period (${buckets}).`,
      summary: (actions: string, kinds: string, buckets: string, top: string, topCount: string, unit: string, busiest: string, busiestCount: string) =>
        `${actions} of ${kinds} over ${buckets}. Most frequent: ${top} (${topCount}). Busiest ${unit}: ${busiest} (${busiestCount}).`,
      tip: (action: string, bucket: string, count: string) => `${action}, ${bucket}: ${count}`,
    },
    users: {
      title: "Number of users",
      description: (unit: string) => `Users who performed at least one action, per ${unit}.`,
      none: (buckets: string) => `No active users in this period (${buckets}).`,
      summary: (users: string, buckets: string, unit: string, most: string, when: string) =>
        `${users} over ${buckets}. Most users in one ${unit}: ${most} on ${when}.`,
    },
    actionsByUser: {
      title: "Actions by users",
      description: (others: string) => `Number of actions per user, most active first${others ? `; the ${others} share one bar` : ""}.`,
      others: (users: string) => `others (${users})`,
      withoutUser: (actions: string, one: boolean) => `${actions} of the period name${one ? "s" : ""} no user.`,
      noUserNamed: (without: string) => `No user is named: ${without}`,
      none: "No user performed any action in this period.",
      summary: (users: string, actions: string, top: string, count: string, share: string) =>
        `${users} performed ${actions}. Most active: ${top} with ${count} (${share}).`,
    },
    top: {
      none: (noun: string) => `No ${noun} in this period.`,
      tip: (entry: string, action: string, count: string, of: string) => `${entry}, ${action}: ${count} of ${of}`,
      users: {title: "Top users", description: "The most active users, each bar split by action.", column: "User"},
      datasets: {title: "Top modified datasets", description: "The datasets that received the most actions, each bar split by action.", column: "Dataset"},
      pages: {title: "Top modified pages", description: "The pages that received the most actions, each bar split by action.", column: "Page"},
    },
    distribution: {
      title: "Distribution of actions",
      description: "Share of each action in the period's activity.",
      none: "No actions in this period.",
    },
    byWeekday: {
      /** the indicator's label and description (indicators/by-weekday.ts) in other languages; English takes the indicator's */
      title: "Activity by weekday",
      description: "How many actions were made, and by how many different users, on each day of the week.",
      days: (zone: string) => `Days in ${zone} time.`,
      activity: (actions: string, users: string) => `${actions} by ${users}`,
      none: "No actions in this period.",
      summary: (actions: string, busiest: string, busiestActivity: string, days: string) => `${actions}. Busiest day: ${busiest}, ${busiestActivity}. ${days}.`,
    },
  },

  /** the live legend's buttons in the page (browser/legend-buttons.ts) */
  legend: {
    hint: (hides: boolean) => `Pick an action to ${hides ? "show only it" : "highlight it"}; Shift or Ctrl adds another.`,
    showAll: "Show all actions",
    showingAll: (all: string) => `Showing all ${all}.`,
    showing: (hides: boolean, shown: string, all: string, list: string) => `${hides ? "Showing" : "Highlighting"} ${shown} of ${all}: ${list}.`,
  },

  email: {
    subject: (title: string, period: string) => `Backoffice activity · ${title} · ${period}`,
    heading: "Backoffice activity",
    versus: (change: string, when: string, previous: string) => `${change} vs ${when} (${previous})`,
    more: (count: number) => `${count} more`,
    soFar: (end: string) => `Figures so far: the period ends on ${end}.`,
    noActivity: "No activity in this period.",
    latestBefore: (when: string) => `Latest action before it: ${when}.`,
    noActionBefore: "No action before it.",
    comparedWith: (phrase: string) => `Changes compare with ${phrase}.`,
    dataFrom: (day: string) => `Data from ${day}: not compared with another period.`,
    actions: "Actions",
    activeUsers: "Active users",
    actionsPerUser: "Actions per user",
    topUsers: "Top 5 users",
    topDatasets: "Top 5 datasets",
    topPages: "Top 5 pages",
    user: "User",
    dataset: "Dataset",
    page: "Page",
    share: "Share",
    footer: (built: string, zone: string) => `Built ${built} · dates and times in ${zone}`,
    noneText: "  (none in this period)",
    noneHtml: "None in this period.",
    fullReport: (link: string) => `Full report: ${link}`,
    openReport: "Open the full report",
    /** a chart in the text part: its title, then what it shows */
    chartLine: (title: string, alt: string) => `${title}: ${alt}`,
  },

  /** the explorer (explore/index.html and its script): explore-en.ts */
  explore: exploreEn,

  /** the build command's summary line (stdout) */
  cli: {
    upToDate: "up to date, nothing rebuilt: ",
    summary: (rows: number, accepted: number, rejected: number, duplicates: number, periods: number) =>
      `${rows} rows: ${accepted} accepted, ${rejected} rejected, ${duplicates} duplicates; ${periods} periods`,
    reused: (rendered: number, reused: number) => ` (${rendered} rendered, ${reused} kept from the last build)`,
    append: "; only new input read",
    reexport: "; input read again, only its new rows parsed",
    took: (seconds: number, out: string) => ` in ${seconds} s -> ${out}`,
    skipped: (files: string) => `; skipped ${files}`,
    /** the email command's line, e.g. "March 2025: 84 KB message, 2 charts; wrote out.eml; sent to a@example.org (250 OK)" */
    emailMessage: (period: string, kilobytes: number, charts: number) => `${period}: ${kilobytes} KB message, ${charts} charts`,
    wrote: (file: string) => `wrote ${file}`,
    sent: (to: string, reply: string) => `sent to ${to} (${reply})`,
    /** between the parts of the email command's line */
    separator: "; ",
  },
};

/** The shape every catalogue has: the English one's, strings widened. */
export type Messages = typeof en;
