/**
 * The legend of a live chart whose actions can be picked (the legend-bound `actionPick` selection of
 * chart-base.ts), as HTML: one `<button aria-pressed>` per action with its colour, a "Show all
 * actions" button, and a polite live region saying what the chart shows, e.g. "Showing 1 of 6
 * actions: publish (34 actions)." vega's SVG legend cannot take the keyboard focus and its text
 * gets selected on shift-click, so the live view is parsed without it (`withoutLegend`); the baked
 * SVG keeps its own legend for pages without JavaScript, which get no buttons.
 * Enter, Space or a click picks only that action (the only one picked: all again); with Shift, Ctrl
 * or Cmd it adds or removes one; a click on the plot's empty area shows all. The buttons read and
 * write the selection's store, and follow it whatever changed it.
 * Its words come from the message catalogue of the page's language (`<html lang>`), bundled with it.
 * Runs in the page, bundled with live-charts.ts; it does not draw the chart.
 */
import type {Spec, View} from "vega";
import {en, type Messages} from "../../i18n/en.js";
import {messagesFor} from "../../i18n/languages.js";
import {countOf, formatCount} from "../../site/figures.js";

/** ACTION_SELECTION in chart-base.ts (not imported: this file runs in the page) */
const SELECTION = "actionPick";
const STORE = `${SELECTION}_store`;

/** Chart ids whose unpicked marks are hidden (opacity 0); the others dim them. */
const HIDES_UNPICKED = new Set(["actions"]);

interface ActionEntry {
  label: string;
  color: string;
  /** the sum of the chart's `count` field for this action, e.g. 34 */
  count: number;
}

/** True when the spec has the action selection and a legend to take over. */
export function hasActionPick(spec: Spec): boolean {
  return (spec.data ?? []).some((data) => data.name === STORE) && (spec.legends ?? []).length > 0;
}

/** The spec without its (top-level) legends: the HTML legend replaces them. */
export function withoutLegend(spec: Spec): Spec {
  const {legends: _replaced, ...rest} = spec;
  return rest;
}

/** Per action label, the sum of `count` over the spec's inline data (rows with `action` and `count`). */
function countsOf(spec: Spec): Map<string, number> {
  const counts = new Map<string, number>();
  for (const data of spec.data ?? []) {
    const values = (data as {values?: unknown}).values;
    if (!Array.isArray(values)) continue;
    for (const row of values as {action?: unknown; count?: unknown}[]) {
      if (typeof row?.action === "string" && typeof row.count === "number") counts.set(row.action, (counts.get(row.action) ?? 0) + row.count);
    }
  }
  return counts;
}

/** What the live region says, e.g. "Showing 1 of 6 actions: publish (34 actions)." */
export function pickSummary(entries: readonly ActionEntry[], picked: ReadonlySet<string>, hides: boolean, m: Messages = en): string {
  const all = countOf(entries.length, "action", m);
  if (picked.size === 0) return m.legend.showingAll(all);
  const shown = entries.filter((entry) => picked.has(entry.label)).map((entry) => `${entry.label} (${countOf(entry.count, "action", m)})`);
  return m.legend.showing(hides, formatCount(shown.length, m), all, shown.join(", "));
}

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ""): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
};

/**
 * Adds the HTML legend of `view` (parsed from `spec` without its legend) after `anchor` in
 * `figure`, and keeps it in step with the selection. Returns the legend's root element.
 */
export function legendButtons(figure: HTMLElement, anchor: Element, view: View, spec: Spec): HTMLElement {
  const scale = view.scale("color") as unknown as {domain(): string[]; range(): string[]};
  const counts = countsOf(spec);
  const range = scale.range();
  const entries: ActionEntry[] = scale
    .domain()
    .map((label, i) => ({label: String(label), color: range[i % range.length], count: counts.get(String(label)) ?? 0}));
  const id = figure.id || `chart-${figure.dataset.chart}`;
  const hides = HIDES_UNPICKED.has(figure.dataset.chart ?? "");
  const m = messagesFor(document.documentElement.lang);

  const root = element("div", "legend-buttons");
  const hint = element("p", "legend-hint", m.legend.hint(hides));
  hint.id = `${id}-legend-hint`;
  const group = element("div", "legend-entries");
  group.setAttribute("role", "group");
  group.setAttribute("aria-labelledby", hint.id);
  const status = element("p", "legend-status");
  status.id = `${id}-legend-status`;
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");

  const fields = view.signal(`${SELECTION}_tuple_fields`) as unknown;
  const picked = (): Set<string> => new Set((view.data(STORE) as {values: unknown[]}[]).map((tuple) => String(tuple.values[0])));
  const pick = (labels: Iterable<string>) => {
    view.data(
      STORE,
      [...labels].map((label) => ({fields, values: [label]})),
    );
    return view.runAsync();
  };

  const buttons = entries.map((entry) => {
    const button = element("button", "legend-entry");
    button.type = "button";
    button.dataset.action = entry.label;
    const swatch = element("span", "legend-swatch");
    swatch.setAttribute("aria-hidden", "true");
    swatch.dataset.color = entry.color;
    swatch.style.backgroundColor = entry.color; // CSSOM: allowed under style-src 'self'
    button.append(swatch, element("span", "legend-label", entry.label));
    button.addEventListener("click", (event) => {
      const now = picked();
      if (event.shiftKey || event.ctrlKey || event.metaKey) {
        if (!now.delete(entry.label)) now.add(entry.label);
        void pick(now);
      } else {
        void pick(now.size === 1 && now.has(entry.label) ? [] : [entry.label]);
      }
    });
    return button;
  });
  const reset = element("button", "legend-reset", m.legend.showAll);
  reset.type = "button";
  reset.addEventListener("click", () => void pick([]));
  group.append(...buttons, reset);

  const update = () => {
    const now = picked();
    for (const button of buttons) button.setAttribute("aria-pressed", String(now.has(button.dataset.action ?? "")));
    status.textContent = pickSummary(entries, now, hides, m);
  };
  view.addDataListener(STORE, update);
  // a click on the plot's empty area shows all again, as vega's legend selection did
  view.addEventListener("click", (_event, item) => {
    if (!item || !(item as {datum?: unknown}).datum) void pick([]);
  });
  update();
  root.append(hint, group, status);
  anchor.after(root);
  return root;
}
