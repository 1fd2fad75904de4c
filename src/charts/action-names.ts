/**
 * The names a reader sees for the log's action ids, in the report's language: the catalogue's names of the known
 * OpenDataSoft backoffice actions ("publish_dataset" -> "Publish dataset"), and for any other id a
 * humanised form of it ("aborting_processing_dataset" -> "Aborting processing dataset"). Ids that
 * are not plain snake_case come from the log as they are and are shown as a chart shows any log
 * string (labels.ts's chartLabel: invisible characters as code points, long ids cut).
 * This module only names: the raw id stays in tooltips, "Show data" tables and the downloads, and
 * the charts' legend selections still pick one action each (actionLabels keeps names distinct).
 * The names are the message catalogue's (i18n/en.ts, fr.ts: `charts.actionNames`).
 */
import {chartLabel} from "./labels.js";
import {en, type Messages} from "../i18n/en.js";

/** Known OpenDataSoft backoffice actions, by id, in English (the English catalogue's). */
export const ACTION_NAMES: Readonly<Record<string, string>> = en.charts.actionNames;

// e.g. "archive_old_maps": lower-case ASCII words joined by "_", nothing a reader could misread
const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
/** longest snake_case id that is humanised; longer ones are cut as chart labels */
const HUMANISED_LENGTH = 100;

/**
 * What a reader sees for an action id: its catalogue name ("edit_page" -> "Edit page"), else a
 * snake_case id of up to 100 characters humanised ("archive_old_maps" -> "Archive old maps"), else the id as
 * a chart label shows it ("a\u202Eb" -> "a[U+202E]b", "" -> "(empty)").
 */
export function actionName(id: string, m: Messages = en): string {
  const names = m.charts.actionNames;
  if (Object.hasOwn(names, id)) return names[id];
  if (id.length <= HUMANISED_LENGTH && SNAKE_CASE.test(id)) return id[0].toUpperCase() + id.slice(1).replaceAll("_", " ");
  return chartLabel(id, m);
}

/**
 * One distinct name per action, for the actions of one chart or list (in the order given): when
 * two ids would read alike ("edit_dataset" and "Edit dataset", or two long ids cut alike), the
 * later one also shows its id as a chart label, then " (2)", " (3)"...
 */
export function actionLabels(actions: Iterable<string>, m: Messages = en): Map<string, string> {
  const labels = new Map<string, string>();
  const used = new Set<string>();
  for (const action of actions) {
    if (labels.has(action)) continue;
    const base = actionName(action, m);
    const id = chartLabel(action, m);
    let label = used.has(base) && id !== base ? `${base} (${id})` : base;
    for (let n = 2; used.has(label); n++) label = `${base} (${n})`;
    labels.set(action, label);
    used.add(label);
  }
  return labels;
}

/**
 * The name with the id for a tooltip, e.g. "Publish dataset (publish_dataset)"; a name that is
 * already the id as a chart shows it is not repeated ("=HYPERLINK(\"x\")").
 */
export function nameWithId(label: string, id: string, m: Messages = en): string {
  const shown = chartLabel(id, m);
  return label === shown || label.endsWith(`(${shown})`) ? label : `${label} (${shown})`;
}
