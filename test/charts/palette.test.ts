import {test} from "uvu";
import * as assert from "uvu/assert";
import {actionPalette, colorDistance, paletteColors, UNKNOWN_ACTION_COLOR} from "../../src/charts/palette.js";

// vega's tableau10, in order: the first colours every palette starts with
const TABLEAU10 = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"];

const actions30 = Array.from({length: 30}, (_, i) => `action_${String(i).padStart(2, "0")}`);

test("actionPalette: colours follow the sorted action list, starting with tableau10", () => {
  const palette = actionPalette(["publish_dataset", "add_user", "edit_dataset"]);
  assert.equal(palette.actions, ["add_user", "edit_dataset", "publish_dataset"]);
  assert.is(palette.color("add_user"), TABLEAU10[0]);
  assert.is(palette.color("edit_dataset"), TABLEAU10[1]);
  assert.is(palette.color("publish_dataset"), TABLEAU10[2]);
});

test("actionPalette: order and duplicates of the input do not change a colour", () => {
  const a = actionPalette(actions30);
  const b = actionPalette([...actions30].reverse().concat(actions30.slice(0, 5)));
  assert.equal(b.actions, a.actions);
  for (const action of actions30) assert.is(b.color(action), a.color(action));
});

test("actionPalette: 30 actions get 30 distinct, clearly different colours", () => {
  const palette = actionPalette(actions30);
  const colors = actions30.map((action) => palette.color(action));
  assert.is(new Set(colors).size, 30);
  for (const color of colors) assert.match(color, /^#[0-9a-f]{6}$/);
  let closest = Infinity;
  for (let i = 0; i < colors.length; i++) {
    for (let j = 0; j < i; j++) closest = Math.min(closest, colorDistance(colors[i], colors[j]));
  }
  // tableau10's own closest pair is about 14 apart; 10 is well above "just noticeable" (2.3)
  assert.ok(closest >= 10, `closest pair is ${closest.toFixed(1)} apart`);
});

test("paletteColors: 120 colours stay distinct (the generator relaxes, never loops)", () => {
  const colors = paletteColors(120);
  assert.is(colors.length, 120);
  assert.is(new Set(colors).size, 120);
  assert.equal(colors.slice(0, 10), TABLEAU10);
});

test("colorDistance: black and white are 100 apart, a colour 0 from itself", () => {
  assert.ok(Math.abs(colorDistance("#000000", "#ffffff") - 100) < 0.01);
  assert.is(colorDistance("#4c78a8", "#4c78a8"), 0);
});

test("actionPalette: unknown action is grey; labels are sanitised and distinct", () => {
  const palette = actionPalette(["a\u202Eb", "a[U+202E]b"]);
  assert.is(palette.color("never_seen"), UNKNOWN_ACTION_COLOR);
  const labels = palette.actions.map((action) => palette.label(action));
  assert.is(new Set(labels).size, 2);
  assert.ok(labels.every((label) => !label.includes("\u202E")));
  assert.is(palette.label("x\u202Ey"), "x[U+202E]y");
});

test.run();
