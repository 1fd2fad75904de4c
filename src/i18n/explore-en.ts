/**
 * The explorer's words in English (explore/index.html and its script): the catalogue's `explore`
 * part (en.ts), in a file of its own to keep the catalogue readable. The words the explorer shares
 * with the period pages ("Period", "Show data", "All periods", "Last 30 days") are the pages'
 * entries. Functions take values already formatted (counts, days).
 */

export const exploreEn = {
  pageTitle: "Explore",
  heading: "Explore the activity",
  intro: "Pick any days and filters: every figure and chart is computed in your browser from the report's data.",
  timesIn: "Times in",
  dataUpTo: "data up to",
  /** the form's label */
  filters: "Selection",
  /** the preset choice of days picked in From and To */
  customRange: "Custom range",
  from: "From",
  to: "To",
  subdomain: "Subdomain",
  allSubdomains: "All subdomains",
  mainDomain: "Main domain (no subdomain)",
  action: "Action",
  allActions: "All actions",
  user: "User",
  dataset: "Dataset",
  page: "Page",
  /** the placeholder of the user, dataset and page filters */
  anyValue: "Any",
  clear: "Clear filters",
  apply: "Apply",
  loading: "Loading the data…",
  computing: "Computing…",
  noScript: "The explorer computes its figures in the browser: it needs JavaScript.",
  downloadFigures: "Download these figures (JSON)",
  downloadRows: "Download these rows (CSV)",
  rowsTitle: "Rows",
  rowsSearch: "Search the rows",
  showRows: "Show the rows",
  previousPage: "Previous rows",
  nextPage: "Next rows",
  showMore: "Show 20 more",
  noActivity: "No activity in this selection",
  failed: (message: string) => `The explorer could not load its data: ${message}`,
  /** e.g. "1,234 actions in this selection, 27 Feb – 3 Apr 2026." */
  status: (actions: string, days: string) => `${actions} in this selection, ${days}.`,
  rowsPage: (first: string, last: string, total: string) => `Rows ${first} to ${last} of ${total}`,
  noRows: "No row matches.",
  /** the title of a button that filters the explorer to a user, a dataset or a page */
  filterTo: {
    user: (value: string) => `Show only user ${value}`,
    dataset: (value: string) => `Show only dataset ${value}`,
    page: (value: string) => `Show only page ${value}`,
  },
  /** the rows table's headers */
  columns: {time: "Time", action: "Action", user: "User", target: "Target", diff: "Diff"},
  /** the headline figures of the selection */
  figures: {actions: "Actions", users: "Users", datasets: "Datasets", pages: "Pages", actionsPerUser: "Actions per user"},
};

/** The explorer's part of every catalogue: the English one's shape. */
export type ExploreMessages = typeof exploreEn;
