/**
 * The explorer in the page (bundled by write-explorer.ts): reads the selection from the URL, loads
 * the months it spans, computes its figures with the build's indicators (selection.ts) and shows
 * them as the period pages do (explore-charts.ts), with its rows (rows-table.ts). Every change of a
 * filter or a drill-down is a new history entry (pushState); Back restores the one before
 * (popstate). `data-state="ready"` on `#main` says the figures shown are the URL's selection's.
 */
import {actionPalette} from "../../charts/palette.js";
import {countOf, formatCount, formatDecimal} from "../../site/figures.js";
import {formatDay, formatDayRange, periodLabel} from "../../site/period-labels.js";
import {messagesFor, type Messages} from "../../i18n/languages.js";
import {dayKeys, parseDayKey} from "../../periods/calendar-keys.js";
import {topDatasets} from "../../indicators/top-datasets.js";
import {topPages} from "../../indicators/top-pages.js";
import {topUsers} from "../../indicators/top-users.js";
import {renderCharts, drillButton} from "./explore-charts.js";
import {ExploreStore, loadMeta} from "./load-data.js";
import {renderRowsTable, rowsCsv, selectionRows} from "./rows-table.js";
import {computeSelection, lastDays, selectionFromQuery, selectionQuery, type FilterName, type Selection, type SelectionResult} from "./selection.js";
import type {ExploreMeta} from "../data-format.js";
import type {Period} from "../../periods/types.js";

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const option = (text: string, value: string) => Object.assign(document.createElement("option"), {textContent: text, value});

/** The preset choices: the last 7, 30, 90 days and the baked periods, named as the pages name them ("March 2025"). */
function presets(meta: ExploreMeta, m: Messages): {label: string; from: string; to: string}[] {
  const rolling = [7, 30, 90].map((days) => ({label: m.period.lastDays(formatCount(days, m)), ...lastDays(meta, days)}));
  // the labels read the days from the text of start and end (period-labels.ts periodDays): the offset does not matter
  const bounds = (period: ExploreMeta["periods"][number]) => ({
    start: `${period.from}T00:00:00Z`,
    end: `${dayKeys(parseDayKey(period.to)! + 1).day}T00:00:00Z`,
  });
  const label = (period: ExploreMeta["periods"][number]) =>
    periodLabel({type: period.type as Period["type"], key: period.key, timeZone: meta.timeZone, ...bounds(period)}, m).full;
  return [...rolling, ...meta.periods.map((period) => ({label: label(period), from: period.from, to: period.to}))];
}

class Explorer {
  private readonly store: ExploreStore;
  private readonly palette;
  private readonly choices;
  /** the value of each option of the subdomain select: null for all */
  private subdomainValues: (string | null)[] = [];
  private result: SelectionResult | undefined;
  private run = 0;
  private readonly main = byId<HTMLElement>("main");

  private readonly M: Messages["explore"];

  /** `m`: the page's catalogue (its `<html lang>`'s) */
  constructor(
    readonly meta: ExploreMeta,
    private readonly m: Messages,
  ) {
    this.store = new ExploreStore(meta);
    this.palette = actionPalette(meta.actions, m);
    this.choices = presets(meta, m);
    this.M = m.explore;
  }

  start(): void {
    const {M} = this;
    byId("explore-zone").textContent = this.meta.timeZone;
    byId("explore-as-of").textContent = formatDay(this.meta.asOf, this.m);
    const preset = byId<HTMLSelectElement>("filter-preset");
    preset.append(option(M.customRange, ""), ...this.choices.map((choice, i) => option(choice.label, String(i))));
    const subdomain = byId<HTMLSelectElement>("filter-subdomain");
    this.subdomainValues = [null, "", ...this.meta.subdomains];
    subdomain.append(...this.subdomainValues.map((value, i) => option(value === null ? M.allSubdomains : value === "" ? M.mainDomain : value, String(i))));
    byId<HTMLSelectElement>("filter-action").append(
      option(M.allActions, ""),
      ...[...this.meta.actions].sort().map((action) => option(this.palette.labelWithId(action), action)),
    );
    preset.addEventListener("change", () => {
      const choice = this.choices[Number(preset.value)];
      if (preset.value === "" || !choice) return;
      this.change({...this.formSelection(), from: choice.from, to: choice.to});
    });
    const form = byId<HTMLFormElement>("explore-filters");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.change(this.formSelection());
    });
    for (const id of ["filter-from", "filter-to", "filter-subdomain", "filter-action", "filter-user", "filter-dataset", "filter-page"]) {
      byId(id).addEventListener("change", () => this.change(this.formSelection()));
    }
    byId("filter-clear").addEventListener("click", () =>
      this.change({...this.formSelection(), subdomain: null, action: null, user: null, dataset: null, page: null}),
    );
    byId("download-figures").addEventListener("click", () => this.downloadFigures());
    byId("download-rows").addEventListener("click", () => void this.downloadRows());
    window.addEventListener("popstate", () => void this.show(selectionFromQuery(location.search, this.meta)));
    const selection = selectionFromQuery(location.search, this.meta);
    history.replaceState(null, "", selectionQuery(selection));
    void this.show(selection);
  }

  /** `data-state` of the explorer's root (`#main`) and of `<html>`: loading, ready or failed. */
  private setState(state: string): void {
    this.main.dataset.state = state;
    document.documentElement.dataset.state = state;
  }

  /** The selection the form holds. */
  private formSelection(): Selection {
    const value = (id: string) => byId<HTMLInputElement>(id).value;
    const text = (name: FilterName) => value(`filter-${name}`).trim() || null;
    const from = value("filter-from") || this.result?.selection.from || this.meta.asOf;
    const to = value("filter-to") || this.result?.selection.to || this.meta.asOf;
    return {
      from,
      to,
      subdomain: this.subdomainValues[Number(value("filter-subdomain"))] ?? null,
      action: value("filter-action") || null,
      user: text("user"),
      dataset: text("dataset"),
      page: text("page"),
    };
  }

  /** A new selection: a new history entry, then its figures. */
  private change(next: Selection): void {
    const query = selectionQuery(selectionFromQuery(selectionQuery(next), this.meta));
    if (query !== location.search) history.pushState(null, "", query);
    void this.show(selectionFromQuery(query, this.meta));
  }

  private fillForm(selection: Selection): void {
    byId<HTMLInputElement>("filter-from").value = selection.from;
    byId<HTMLInputElement>("filter-to").value = selection.to;
    const preset = this.choices.findIndex((choice) => choice.from === selection.from && choice.to === selection.to);
    byId<HTMLSelectElement>("filter-preset").value = preset < 0 ? "" : String(preset);
    const subdomain = this.subdomainValues.indexOf(selection.subdomain);
    byId<HTMLSelectElement>("filter-subdomain").value = String(Math.max(0, subdomain));
    byId<HTMLSelectElement>("filter-action").value = selection.action ?? "";
    for (const name of ["user", "dataset", "page"] as const) byId<HTMLInputElement>(`filter-${name}`).value = selection[name] ?? "";
  }

  /** Loads, computes and shows `selection`; a later call supersedes it. */
  private async show(selection: Selection): Promise<void> {
    const {M, m} = this;
    const run = ++this.run;
    this.setState("loading");
    this.main.setAttribute("aria-busy", "true");
    this.fillForm(selection);
    const status = byId("explore-status");
    status.textContent = M.computing;
    try {
      // performance marks for bench/explore.ts: load, compute, figures, charts
      const mark = (name: string, since: number) => performance.measure(`explore:${name}`, {start: since, end: performance.now()});
      let t = performance.now();
      const months = await this.store.loadMonths(selection.from.slice(0, 7), selection.to.slice(0, 7));
      if (run !== this.run) return;
      mark("load", t);
      t = performance.now();
      this.fillLists();
      mark("lists", t);
      t = performance.now();
      const result = computeSelection(this.store, months, selection);
      mark("compute", t);
      t = performance.now();
      this.result = result;
      this.showFigures(result);
      status.textContent = M.status(
        countOf(result.figures.totals.actions, "action", m),
        formatDayRange(parseDayKey(selection.from)!, parseDayKey(selection.to)!, false, m),
      );
      mark("figures", t);
      performance.mark("explore:figures-shown");
      // the figures are painted before the charts take the main thread
      await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));
      if (run !== this.run) return;
      t = performance.now();
      await renderCharts(byId("explore-charts"), result.indicators, this.palette, (filter, value) => this.change({...selection, [filter]: value}), m);
      if (run !== this.run) return;
      mark("charts", t);
      this.addShowMore(result);
      await this.showRows(result, run);
      if (run !== this.run) return;
      this.setState("ready");
      this.main.removeAttribute("aria-busy");
    } catch (error) {
      if (run !== this.run) return;
      status.textContent = M.failed((error as Error).message);
      this.setState("failed");
      throw error;
    }
  }

  /** The datalists of the text filters: every value of the months loaded. */
  private fillLists(): void {
    for (const name of ["user", "dataset", "page"] as const) {
      const column = ({user: "user_id", dataset: "dataset_id", page: "page_id"} as const)[name];
      const list = byId(`list-${name}`);
      const values = this.store.dictionaries[column];
      if (list.childElementCount !== values.length - 1) list.replaceChildren(...values.slice(1).map((value) => option(value, value)));
    }
  }

  private showFigures({figures: {totals}}: SelectionResult): void {
    const {M, m} = this;
    const items: [string, string][] = [
      [M.figures.actions, formatCount(totals.actions, m)],
      [M.figures.users, formatCount(totals.users, m)],
      [M.figures.datasets, formatCount(totals.datasets, m)],
      [M.figures.pages, formatCount(totals.pages, m)],
      [M.figures.actionsPerUser, formatDecimal(totals.actionsPerUser, m)],
    ];
    byId("explore-figures").replaceChildren(
      ...items.map(([label, value]) => {
        const div = document.createElement("div");
        div.className = "figure";
        div.append(Object.assign(document.createElement("dt"), {textContent: label}), Object.assign(document.createElement("dd"), {textContent: value}));
        return div;
      }),
    );
  }

  /** "Show 20 more" under each top list: the same indicator with a larger `top`. */
  private addShowMore(result: SelectionResult): void {
    const lists = [
      {
        id: "top-users",
        filter: "user" as const,
        entries: (top: number) => topUsers.compute(result.table, {period: result.period, top}).map((e) => [e.user_id, e.count] as const),
      },
      {
        id: "top-datasets",
        filter: "dataset" as const,
        entries: (top: number) => topDatasets.compute(result.table, {period: result.period, top}).map((e) => [e.dataset_id, e.count] as const),
      },
      {
        id: "top-pages",
        filter: "page" as const,
        entries: (top: number) => topPages.compute(result.table, {period: result.period, top}).map((e) => [e.page_id, e.count] as const),
      },
    ];
    for (const list of lists) {
      const section = document.getElementById(`indicator-${list.id}`);
      if (!section) continue;
      let top = this.meta.top;
      const more = Object.assign(document.createElement("ol"), {className: "explore-more", id: `more-${list.id}`});
      const button = Object.assign(document.createElement("button"), {type: "button", id: `show-more-${list.id}`, textContent: this.M.showMore});
      const drill = (filter: FilterName, value: string) => this.change({...result.selection, [filter]: value});
      const draw = () => {
        const entries = list.entries(top);
        more.replaceChildren(
          ...entries.map(([id, count]) => {
            const li = document.createElement("li");
            li.append(drillButton(list.filter, id, drill, this.m), ` (${formatCount(count, this.m)})`);
            return li;
          }),
        );
        button.hidden = entries.length < top;
      };
      button.addEventListener("click", () => ((top += 20), draw()));
      section.append(more, button);
      draw();
    }
  }

  /** The rows table: at once when a user, dataset or page is picked, else behind a button. */
  private async showRows(result: SelectionResult, run: number): Promise<void> {
    const body = byId("explore-rows-body");
    const drill = (filter: FilterName, value: string) => this.change({...result.selection, [filter]: value});
    const draw = async () => {
      if (run === this.run) await renderRowsTable(body, this.store, result, drill, this.m);
    };
    if (result.selection.user !== null || result.selection.dataset !== null || result.selection.page !== null) return draw();
    const button = Object.assign(document.createElement("button"), {
      type: "button",
      id: "show-rows",
      textContent: `${this.M.showRows} (${formatCount(result.rowOf.length, this.m)})`,
    });
    button.addEventListener("click", () => void draw());
    body.replaceChildren(button);
  }

  private downloadFigures(): void {
    if (!this.result) return;
    const {selection, figures} = this.result;
    save(`figures-${selection.from}-${selection.to}.json`, JSON.stringify(figures, null, 2) + "\n", "application/json");
  }

  private async downloadRows(): Promise<void> {
    if (!this.result) return;
    const result = this.result;
    const rows = await selectionRows(this.store, result);
    save(`rows-${result.selection.from}-${result.selection.to}.csv`, rowsCsv(rows), "text/csv");
  }
}

/** Hands `text` to the browser as a download named `name`. */
function save(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const link = Object.assign(document.createElement("a"), {href: url, download: name});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function main(): Promise<void> {
  // the report's language, as the page says it (explore-page.ts); the live legend reads it too
  const m = messagesFor(document.documentElement.lang);
  try {
    new Explorer(await loadMeta(), m).start();
  } catch (error) {
    byId("explore-status").textContent = m.explore.failed((error as Error).message);
    byId("main").dataset.state = "failed";
    throw error;
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => void main());
else void main();
