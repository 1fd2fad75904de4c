/**
 * Runs in the page: the selection's rows (timestamp in the report's zone, action, user, target,
 * diff) as a paged, searchable table, and as the CSV of `#download-rows`, whose cells are
 * formula-safe like the period downloads' (downloads/csv.ts csvCell). The rows' instants, targets
 * and diffs are loaded on demand (rows-YYYY-MM.js). The table's words are the page's language's; the
 * CSV is the same in every language (its header is the log's column names, its times ISO 8601).
 */
import {DateTime} from "luxon";
import {csvLine} from "../../downloads/csv.js";
import {formatCount} from "../../site/figures.js";
import type {Messages} from "../../i18n/en.js";
import {drillButton, type Drill} from "./explore-charts.js";
import type {ExploreStore} from "./load-data.js";
import type {SelectionResult} from "./selection.js";

const PAGE_ROWS = 50;

/** One row as the table and the CSV show it. */
export interface RowView {
  time: string;
  action: string;
  user: string;
  dataset: string;
  page: string;
  subdomain: string;
  target: string;
  diff: string;
}

/** The selected rows [lo, hi) in time order (the selection's order); loads their months' rows files first. */
export async function selectionRows(store: ExploreStore, result: SelectionResult, lo = 0, hi = result.rowOf.length): Promise<RowView[]> {
  const months = new Set<number>();
  for (let i = lo; i < hi; i++) months.add(result.monthOf[i]);
  await store.loadRows([...months].map((m) => result.months[m]));
  const zone = store.meta.timeZone;
  const views: RowView[] = new Array(hi - lo);
  for (let i = lo; i < hi; i++) {
    const month = result.months[result.monthOf[i]];
    const row = result.rowOf[i];
    const value = (name: "action" | "user_id" | "dataset_id" | "page_id" | "subdomain_id") => month.local[name].values[month.local[name].codes[row]];
    const data = month.rowData!;
    views[i - lo] = {
      time: DateTime.fromMillis(data.time[row], {zone}).toISO({suppressMilliseconds: true}) ?? "",
      action: value("action"),
      user: value("user_id"),
      dataset: value("dataset_id"),
      page: value("page_id"),
      subdomain: value("subdomain_id"),
      target: data.target[row],
      diff: data.diff[row],
    };
  }
  return views;
}

/** The CSV of `#download-rows`. */
export function rowsCsv(rows: readonly RowView[]): string {
  const header = csvLine(["timestamp", "action", "user_id", "dataset_id", "page_id", "subdomain_id", "target", "diff"]);
  return header + rows.map((row) => csvLine([row.time, row.action, row.user, row.dataset, row.page, row.subdomain, row.target, row.diff])).join("");
}

const cell = (text: string, className = "") => Object.assign(document.createElement("td"), {textContent: text, className});

/**
 * Fills `root` with a search box, the table of the selection's rows, newest first, and its pager.
 * A page loads only the months its rows are in; a search loads every month of the selection.
 */
export function renderRowsTable(root: HTMLElement, store: ExploreStore, result: SelectionResult, drill: Drill, m: Messages): Promise<void> {
  const M = m.explore;
  const total = result.rowOf.length;
  const label = Object.assign(document.createElement("label"), {htmlFor: "rows-search", textContent: M.rowsSearch});
  const search = Object.assign(document.createElement("input"), {type: "search", id: "rows-search", autocomplete: "off"});
  const status = Object.assign(document.createElement("p"), {id: "rows-status", className: "period-meta"});
  status.setAttribute("role", "status");
  const table = document.createElement("table");
  table.id = "rows-table";
  const head = document.createElement("tr");
  for (const title of [M.columns.time, M.columns.action, M.columns.user, M.columns.target, M.columns.diff])
    head.append(Object.assign(document.createElement("th"), {scope: "col", textContent: title}));
  const body = document.createElement("tbody");
  table.append(
    Object.assign(document.createElement("caption"), {className: "visually-hidden", textContent: M.rowsTitle}),
    document.createElement("thead"),
    body,
  );
  table.tHead!.append(head);
  const previous = Object.assign(document.createElement("button"), {type: "button", id: "rows-previous", textContent: M.previousPage});
  const next = Object.assign(document.createElement("button"), {type: "button", id: "rows-next", textContent: M.nextPage});
  const pager = Object.assign(document.createElement("div"), {className: "explore-pager"});
  pager.append(previous, next);
  /** the rows a search kept (newest first), or null: every row */
  let found: RowView[] | null = null;
  let start = 0;
  let drawn = 0;
  const draw = async () => {
    const turn = ++drawn;
    const count = found?.length ?? total;
    const end = Math.min(start + PAGE_ROWS, count);
    // newest first: page rows [start, end) are selection rows [total - end, total - start), reversed
    const rows = found ? found.slice(start, end) : (await selectionRows(store, result, total - end, total - start)).reverse();
    if (turn !== drawn) return;
    body.replaceChildren(...rows.map((row) => rowElement(row, drill, m)));
    status.textContent = count === 0 ? M.noRows : M.rowsPage(formatCount(start + 1, m), formatCount(end, m), formatCount(count, m));
    previous.disabled = start === 0;
    next.disabled = end >= count;
  };
  previous.addEventListener("click", () => ((start = Math.max(0, start - PAGE_ROWS)), void draw()));
  next.addEventListener("click", () => ((start += PAGE_ROWS), void draw()));
  let every: Promise<RowView[]> | undefined;
  search.addEventListener("input", async () => {
    const query = search.value.trim().toLowerCase();
    every ??= selectionRows(store, result).then((rows) => rows.reverse());
    const rows = query === "" ? null : await every;
    if (query !== search.value.trim().toLowerCase()) return; // typed on meanwhile
    found = rows && rows.filter((row) => Object.values(row).some((value) => value.toLowerCase().includes(query)));
    start = 0;
    await draw();
  });
  const scroll = Object.assign(document.createElement("div"), {className: "table-scroll", tabIndex: 0});
  scroll.setAttribute("role", "region");
  scroll.setAttribute("aria-label", M.rowsTitle);
  scroll.append(table);
  root.replaceChildren(label, search, status, scroll, pager);
  return draw();
}

/** One row of the table; its user and its target (a dataset or a page) drill down. */
function rowElement(row: RowView, drill: Drill, m: Messages): HTMLTableRowElement {
  const tr = document.createElement("tr");
  const user = document.createElement("td");
  if (row.user) user.append(drillButton("user", row.user, drill, m));
  const target = document.createElement("td");
  const targetFilter = row.target === "" ? null : row.dataset === row.target ? "dataset" : row.page === row.target ? "page" : null;
  if (targetFilter) target.append(drillButton(targetFilter, row.target, drill, m));
  else target.textContent = row.target;
  tr.append(cell(row.time), cell(row.action), user, target, cell(row.diff, "diff"));
  return tr;
}
