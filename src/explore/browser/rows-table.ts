/**
 * Runs in the page: the selection's rows (timestamp in the report's zone, action, user, target,
 * diff) as a paged, searchable table, and as the CSV of `#download-rows`, whose cells are
 * formula-safe like the period downloads' (site/downloads.ts csvCell). The rows' instants, targets
 * and diffs are loaded on demand (rows-YYYY-MM.js).
 */
import {DateTime} from "luxon";
import {csvLine} from "../../site/downloads.js";
import {formatCount} from "../../site/figures.js";
import {EXPLORE_MESSAGES as M} from "../messages.js";
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

/** The selection's rows, in time order; loads their months' rows files first. */
export async function selectionRows(store: ExploreStore, result: SelectionResult): Promise<RowView[]> {
  await store.loadRows(result.months);
  const zone = store.meta.timeZone;
  const views: RowView[] = new Array(result.rowOf.length);
  for (let i = 0; i < result.rowOf.length; i++) {
    const month = result.months[result.monthOf[i]];
    const row = result.rowOf[i];
    const value = (name: "action" | "user_id" | "dataset_id" | "page_id" | "subdomain_id") => month.local[name].values[month.local[name].codes[row]];
    const data = month.rowData!;
    views[i] = {
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

/** Fills `root` with a search box, the table of `rows` and its pager. */
export function renderRowsTable(root: HTMLElement, rows: readonly RowView[], drill: Drill): void {
  const label = Object.assign(document.createElement("label"), {htmlFor: "rows-search", textContent: M.rowsSearch});
  const search = Object.assign(document.createElement("input"), {type: "search", id: "rows-search", autocomplete: "off"});
  const status = Object.assign(document.createElement("p"), {id: "rows-status", className: "period-meta"});
  status.setAttribute("role", "status");
  const table = document.createElement("table");
  table.id = "rows-table";
  const head = document.createElement("tr");
  for (const title of [M.columns.time, M.columns.action, M.columns.user, M.columns.target, M.columns.diff]) head.append(Object.assign(document.createElement("th"), {scope: "col", textContent: title}));
  const body = document.createElement("tbody");
  table.append(Object.assign(document.createElement("caption"), {className: "visually-hidden", textContent: M.rowsTitle}), Object.assign(document.createElement("thead"), {}), body);
  table.tHead!.append(head);
  const previous = Object.assign(document.createElement("button"), {type: "button", id: "rows-previous", textContent: M.previousPage});
  const next = Object.assign(document.createElement("button"), {type: "button", id: "rows-next", textContent: M.nextPage});
  const pager = Object.assign(document.createElement("div"), {className: "explore-pager"});
  pager.append(previous, next);
  let shown: readonly RowView[] = rows;
  let start = 0;
  const draw = () => {
    body.replaceChildren(...shown.slice(start, start + PAGE_ROWS).map((row) => {
      const tr = document.createElement("tr");
      const user = document.createElement("td");
      if (row.user) user.append(drillButton("user", row.user, drill));
      const target = document.createElement("td");
      const targetFilter = row.dataset === row.target && row.target ? "dataset" : row.page === row.target && row.target ? "page" : null;
      if (targetFilter) target.append(drillButton(targetFilter, row.target, drill));
      else target.textContent = row.target;
      tr.append(cell(row.time), cell(row.action), user, target, cell(row.diff, "diff"));
      return tr;
    }));
    status.textContent = shown.length === 0 ? M.noRows : M.rowsPage(formatCount(start + 1), formatCount(Math.min(start + PAGE_ROWS, shown.length)), formatCount(shown.length));
    previous.disabled = start === 0;
    next.disabled = start + PAGE_ROWS >= shown.length;
  };
  previous.addEventListener("click", () => ((start = Math.max(0, start - PAGE_ROWS)), draw()));
  next.addEventListener("click", () => ((start += PAGE_ROWS), draw()));
  search.addEventListener("input", () => {
    const query = search.value.trim().toLowerCase();
    shown = query === "" ? rows : rows.filter((row) => Object.values(row).some((value) => value.toLowerCase().includes(query)));
    start = 0;
    draw();
  });
  const scroll = Object.assign(document.createElement("div"), {className: "table-scroll", tabIndex: 0});
  scroll.setAttribute("role", "region");
  scroll.setAttribute("aria-label", M.rowsTitle);
  scroll.append(table);
  root.replaceChildren(label, search, status, scroll, pager);
  draw();
}
