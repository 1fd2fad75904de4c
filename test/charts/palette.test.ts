import {test} from "uvu";
import * as assert from "uvu/assert";
import {readFileSync} from "node:fs";
import {actionPalette, CHART_BACKGROUNDS, colorDistance, fitContrast, paletteColors, UNKNOWN_ACTION_COLOR} from "../../src/charts/palette.js";
import {NEUTRAL_COLOR, OTHERS_COLOR} from "../../src/charts/chart-base.js";
import {contrastRatio, hexToLch} from "../../src/charts/color-space.js";

// vega's tableau10, in order: the colours every palette starts from
const TABLEAU10 = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"];

const actions30 = Array.from({length: 30}, (_, i) => `action_${String(i).padStart(2, "0")}`);

/** the light and dark values of --bg and --surface in the site's stylesheet, e.g. ["#fbfbfa", ...] */
function siteBackgrounds(): string[] {
  const css = readFileSync(new URL("../../src/site/assets/site.css", import.meta.url), "utf8");
  const light = css.slice(css.indexOf(":root {"), css.indexOf("@media (prefers-color-scheme: dark)"));
  const dark = css.slice(css.indexOf("@media (prefers-color-scheme: dark)"), css.indexOf("*, *::before"));
  const value = (block: string, name: string) => new RegExp(`${name}:\\s*(#[0-9a-f]{6});`).exec(block)?.[1] ?? `no ${name}`;
  return [light, dark].flatMap((block) => [value(block, "--bg"), value(block, "--surface")]);
}

const closestPair = (colors: string[]): number => {
  let closest = Infinity;
  for (let i = 0; i < colors.length; i++) {
    for (let j = 0; j < i; j++) closest = Math.min(closest, colorDistance(colors[i], colors[j]));
  }
  return closest;
};

const worstContrast = (color: string, backgrounds: readonly string[]) => Math.min(...backgrounds.map((background) => contrastRatio(color, background)));

test("contrastRatio: WCAG's reference values", () => {
  assert.is(contrastRatio("#000000", "#ffffff"), 21);
  assert.is(contrastRatio("#ffffff", "#000000"), 21);
  assert.is(contrastRatio("#4c78a8", "#4c78a8"), 1);
  // #777777 on white is the classic "just fails 4.5:1" grey
  assert.is(contrastRatio("#777777", "#ffffff").toFixed(2), "4.48");
});

test("CHART_BACKGROUNDS: the page and card backgrounds of both schemes in site.css, and white", () => {
  const site = siteBackgrounds();
  assert.is(site.length, 4);
  for (const background of site) assert.ok(CHART_BACKGROUNDS.includes(background as never), `${background} from site.css`);
  assert.ok(CHART_BACKGROUNDS.includes("#ffffff"));
});

test("paletteColors: every colour of a 30-action palette is at least 3:1 on every background", () => {
  const backgrounds = [...new Set([...siteBackgrounds(), "#ffffff"])];
  const palette = actionPalette(actions30);
  for (const action of actions30) {
    const color = palette.color(action);
    const worst = worstContrast(color, backgrounds);
    assert.ok(worst >= 3, `${action} ${color}: ${worst.toFixed(2)}:1`);
  }
});

test("paletteColors: 120 colours, all distinct and all at least 3:1 on every background", () => {
  const colors = paletteColors(120);
  assert.is(colors.length, 120);
  assert.is(new Set(colors).size, 120);
  for (const color of colors) assert.ok(worstContrast(color, CHART_BACKGROUNDS) >= 3, color);
});

test("paletteColors: tableau10's readable colours kept as they are, pale ones darkened in place", () => {
  const colors = paletteColors(10);
  // 3:1 on white and on #1d2125 by hand: blue 4.61/3.52, red 3.62/4.47, green 3.16/5.13
  assert.is(colors[0], "#4c78a8");
  assert.is(colors[2], "#e45756");
  assert.is(colors[4], "#54a24b");
  // tableau10's orange is 2.55:1 on white: the second colour is an orange, darker, still readable
  assert.ok(contrastRatio("#f58518", "#ffffff") < 3);
  const [orange, original] = [hexToLch(colors[1]), hexToLch(TABLEAU10[1])];
  assert.ok(Math.abs(orange[2] - original[2]) < 6, `hue ${orange[2].toFixed(1)} vs ${original[2].toFixed(1)}`);
  assert.ok(orange[0] < original[0]);
  assert.ok(worstContrast(colors[1], CHART_BACKGROUNDS) >= 3);
});

test("fitContrast: a readable colour is left alone; a pale or a near-black one is moved into the band", () => {
  assert.is(fitContrast(...hexToLch("#4c78a8")), "#4c78a8");
  for (const color of ["#fcbfd2", "#9ecae9", "#eeca3b", "#101820"]) {
    const fitted = fitContrast(...hexToLch(color));
    assert.ok(fitted !== null && worstContrast(fitted, CHART_BACKGROUNDS) >= 3, `${color} -> ${fitted}`);
  }
});

test("actionPalette: colours follow the sorted action list", () => {
  const palette = actionPalette(["publish_dataset", "add_user", "edit_dataset"]);
  const first = paletteColors(3);
  assert.equal(palette.actions, ["add_user", "edit_dataset", "publish_dataset"]);
  assert.is(palette.color("add_user"), first[0]);
  assert.is(palette.color("edit_dataset"), first[1]);
  assert.is(palette.color("publish_dataset"), first[2]);
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
  // tableau10's own closest pair is about 14 apart; 10 is well above "just noticeable" (2.3)
  const closest = closestPair(colors);
  assert.ok(closest >= 10, `closest pair is ${closest.toFixed(1)} apart`);
});

test("colorDistance: black and white are 100 apart, a colour 0 from itself", () => {
  assert.ok(Math.abs(colorDistance("#000000", "#ffffff") - 100) < 0.01);
  assert.is(colorDistance("#4c78a8", "#4c78a8"), 0);
});

test("chart colours that are not actions' read on every background too", () => {
  for (const color of [NEUTRAL_COLOR, OTHERS_COLOR, UNKNOWN_ACTION_COLOR]) {
    const worst = worstContrast(color, CHART_BACKGROUNDS);
    assert.ok(worst >= 3, `${color}: ${worst.toFixed(2)}:1`);
  }
  // the "others" bar stays apart from the users' bars
  assert.ok(colorDistance(NEUTRAL_COLOR, OTHERS_COLOR) >= 15);
});

test("actionPalette: unknown action is grey; labels are sanitised and distinct", () => {
  const palette = actionPalette(["a\u202Eb", "a[U+202E]b"]);
  assert.is(palette.color("never_seen"), UNKNOWN_ACTION_COLOR);
  const labels = palette.actions.map((action) => palette.label(action));
  assert.is(new Set(labels).size, 2);
  assert.ok(labels.every((label) => !label.includes("\u202E")));
  assert.is(palette.label("x\u202Ey"), "x[U+202E]y");
});

test("TABLEAU10 is vega's tableau10 scheme, colour for colour", async () => {
  const {scheme} = await import("vega");
  const {TABLEAU10} = await import("../../src/charts/palette.js");
  assert.equal(TABLEAU10, scheme("tableau10"));
});

test.run();
