import {test} from "uvu";
import * as assert from "uvu/assert";
import {ACTION_NAMES, actionLabels, actionName, nameWithId} from "../../src/charts/action-names.js";
import {MAX_LABEL_LENGTH} from "../../src/charts/labels.js";

test("actionName: known OpenDataSoft actions get their catalogue name", () => {
  assert.is(actionName("publish_dataset"), "Publish dataset");
  assert.is(actionName("edit_page"), "Edit page");
  assert.is(actionName("add_user_to_domain"), "Add user to domain");
  assert.is(actionName("edit_domain_property"), "Edit domain property");
  // every name is a sentence-case phrase, none is its id
  for (const [id, name] of Object.entries(ACTION_NAMES)) {
    assert.ok(/^[A-Z][a-z]*( [a-z]+)*$/.test(name), `${id}: ${name}`);
    assert.is.not(name, id);
  }
});

test("actionName: an unknown snake_case id is humanised", () => {
  assert.is(actionName("aborting_processing_dataset"), "Aborting processing dataset");
  assert.is(actionName("archive_old_maps"), "Archive old maps");
  assert.is(actionName("export2_csv"), "Export2 csv");
  assert.is(actionName("login"), "Login");
});

test("actionName: the catalogue is looked up by own keys only", () => {
  assert.is(actionName("constructor"), "Constructor");
  assert.is(actionName("__proto__"), "__proto__");
  assert.is(actionName("toString"), "toString");
});

test("actionName: empty and odd ids are shown as the log has them, as chart labels", () => {
  assert.is(actionName(""), "(empty)");
  assert.is(actionName("   "), "(3 blank characters)");
  assert.is(actionName("Edit dataset"), "Edit dataset");
  assert.is(actionName("edit-dataset"), "edit-dataset");
  assert.is(actionName("Publish_Dataset"), "Publish_Dataset");
  assert.is(actionName("edit__dataset"), "edit__dataset");
  assert.is(actionName("_edit"), "_edit");
  assert.is(actionName("edit_"), "edit_");
  assert.is(actionName("édit_dataset"), "édit_dataset");
  assert.is(actionName("edit_dataset "), "edit_dataset\u2420");
});

test("actionName: a hostile id keeps the chart label's escaping (code points shown, length capped)", () => {
  assert.is(actionName("edit\u202E_dataset"), "edit[U+202E]_dataset");
  assert.is(actionName("edit_data\u200Bset"), "edit_data[U+200B]set");
  assert.is(actionName("a\u0000b"), "a[U+0000]b");
  assert.is(actionName("<script>alert(1)</script>"), "<script>alert(1)</script>");
  assert.is(actionName('=HYPERLINK("x")'), '=HYPERLINK("x")');
  const long = `a${"_b".repeat(200)}`;
  assert.is(actionName(long).length, MAX_LABEL_LENGTH);
  assert.ok(actionName(long).endsWith("…"));
  // a snake_case id of exactly 100 characters is still humanised
  const hundred = `a${"_b".repeat(49)}c`;
  assert.is(hundred.length, 100);
  assert.is(actionName(hundred), `A${" b".repeat(49)}c`);
});

test("actionLabels: ids that would read alike stay apart", () => {
  const labels = actionLabels(["Edit dataset", "edit_dataset", "archive_maps", "Archive maps", "Archive_maps"]);
  assert.equal([...labels.values()], ["Edit dataset", "Edit dataset (edit_dataset)", "Archive maps", "Archive maps (2)", "Archive_maps"]);
});

test("actionLabels: look-alikes and cut ids get distinct labels, duplicates one", () => {
  const long = "x".repeat(300);
  const labels = actionLabels(["publish_dataset", "publish_dataset", `${long}1`, `${long}2`, "Publish dataset"]);
  assert.is(labels.size, 4);
  assert.is(new Set(labels.values()).size, 4);
  assert.is(labels.get("publish_dataset"), "Publish dataset");
  assert.is(labels.get("Publish dataset"), "Publish dataset (2)");
  assert.is(labels.get(`${long}2`), `${labels.get(`${long}1`)} (2)`);
});

test("nameWithId: the id once, as a chart shows it", () => {
  assert.is(nameWithId("Publish dataset", "publish_dataset"), "Publish dataset (publish_dataset)");
  assert.is(nameWithId("a[U+202E]b", "a\u202Eb"), "a[U+202E]b");
  assert.is(nameWithId("Edit dataset (edit_dataset)", "edit_dataset"), "Edit dataset (edit_dataset)");
  assert.is(nameWithId("Evil", "ev\u202Eil"), "Evil (ev[U+202E]il)");
});

test.run();
