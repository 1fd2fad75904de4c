/**
 * The names a reader sees for the log's action ids, in English: the message catalogue of the known
 * OpenDataSoft backoffice actions ("publish_dataset" -> "Publish dataset"), and for any other id a
 * humanised form of it ("archive_old_maps" -> "Archive old maps"). The raw id stays in tooltips,
 * "Show data" tables and the downloads; this module only names. A French edition adds a catalogue
 * of the same keys (issue 24).
 */
import {chartLabel} from "./labels.js";

/** Known OpenDataSoft backoffice actions, by id. */
export const ACTION_NAMES: Readonly<Record<string, string>> = {
  add_dataset: "Add dataset",
  edit_dataset: "Edit dataset",
  publish_dataset: "Publish dataset",
  unpublish_dataset: "Unpublish dataset",
  delete_dataset: "Delete dataset",
  aborting_processing_dataset: "Abort dataset processing",
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
};

/** an id in snake_case, e.g. "archive_old_maps": humanised; anything else is shown as the log has it */
const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/**
 * What a reader sees for an action id: its catalogue name, else the id humanised ("archive_old_maps"
 * -> "Archive old maps"), else the id as a chart label shows it (chartLabel: control and invisible
 * characters made visible, long ids cut).
 */
export function actionName(id: string): string {
  if (Object.hasOwn(ACTION_NAMES, id)) return ACTION_NAMES[id];
  if (SNAKE_CASE.test(id) && id.length <= 100) return id[0].toUpperCase() + id.slice(1).replaceAll("_", " ");
  return chartLabel(id);
}
