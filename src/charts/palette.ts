/**
 * The action palette: one colour per action of the whole log, the same on every chart and page.
 * Every colour stands out at least 3:1 (WCAG 1.4.11, graphical objects) from the light and the dark
 * page and card backgrounds, so it sits in a band of mid lightness. The first colours are vega's
 * tableau10 scheme (what readers of Vega-Lite charts know), those too pale or too dark moved in
 * lightness (hue kept) into that band; then colours generated around the CIELAB hue circle
 * (golden-angle steps, three lightness and two chroma levels), each moved into the band and kept
 * only when it is far enough (CIE76 distance) from every colour already taken. A colour depends
 * only on the sorted, distinct list of actions: the same log gives the same colours on every build.
 * It does not choose which actions a chart shows, nor their order in a legend.
 */
import type {ActionPalette} from "./types.js";
import {actionLabels, actionName, nameWithId} from "./action-names.js";
import {colorDistance, contrastRatio, hexToLch, lchToHex} from "./color-space.js";
import {en, type Messages} from "../i18n/en.js";

export {colorDistance} from "./color-space.js";

/** what `color()` returns for an action that is not in the log (a caller's bug, drawn grey) */
/**
 * Vega's "tableau10" scheme, as `scheme("tableau10")` returns it (vega 6): written out so that the
 * build does not load vega (half a second) just for ten colours; a test checks they still agree.
 */
export const TABLEAU10 = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"];

export const UNKNOWN_ACTION_COLOR = "#888888";

/**
 * The backgrounds a chart is drawn on (site.css: light --surface and --bg, dark --surface and
 * --bg; white is also the email's and the print's), which every palette colour must stand out from.
 */
export const CHART_BACKGROUNDS = ["#ffffff", "#fbfbfa", "#1d2125", "#15181b"] as const;

/** WCAG 1.4.11: graphical objects need 3:1 against what is next to them */
export const MIN_CONTRAST = 3;

/** the smallest CIE76 distance between two palette colours while the hue circle still has room */
const MIN_DISTANCE = 18;

/** lightness and chroma levels of generated colours, cycled through (CIELAB L*, C*) */
const LIGHTNESS = [52, 58, 47];
const CHROMA = [55, 35];

/** true when `hex` has at least 3:1 contrast against every chart background */
export const readsOnEveryBackground = (hex: string): boolean => CHART_BACKGROUNDS.every((background) => contrastRatio(hex, background) >= MIN_CONTRAST);

/**
 * The colour of hue `hue` nearest to (l, c) that reads on every background: lightness moved in
 * half steps up or down (then chroma lowered, for hues like yellow that have no dark saturated
 * form), e.g. tableau10's orange "#f58518" (2.6:1 on white) -> "#e07400". Null if none is found.
 */
export function fitContrast(l: number, c: number, hue: number): string | null {
  for (const chroma of [c, c * 0.8, c * 0.6, c * 0.4]) {
    for (let step = 0; step <= 200; step++) {
      for (const shift of step === 0 ? [0] : [-step / 2, step / 2]) {
        const hex = lchToHex(l + shift, chroma, hue);
        if (readsOnEveryBackground(hex)) return hex;
      }
    }
  }
  return null;
}

/** tableau10, each colour moved into the readable band */
const seedColors = (): string[] =>
  TABLEAU10.map((hex) => (readsOnEveryBackground(hex) ? hex : fitContrast(...hexToLch(hex)))).filter((hex): hex is string => hex !== null);

/** The first `count` palette colours, e.g. paletteColors(3) -> ["#4c78a8", "#e07400", "#e45756"]. */
export function paletteColors(count: number): string[] {
  const colors: string[] = [];
  let minDistance = MIN_DISTANCE;
  const tryAdd = (hex: string | null) => {
    if (hex && colors.length < count && colors.every((taken) => colorDistance(taken, hex) >= minDistance)) colors.push(hex);
  };
  for (const hex of seedColors()) tryAdd(hex);
  let rejectedInARow = 0;
  for (let i = 0; colors.length < count; i++) {
    const before = colors.length;
    tryAdd(fitContrast(LIGHTNESS[i % LIGHTNESS.length], CHROMA[i % CHROMA.length], (i * 137.508) % 360));
    rejectedInARow = colors.length > before ? 0 : rejectedInARow + 1;
    // the circle is full at this distance: accept closer colours rather than loop forever
    if (rejectedInARow > 60) [minDistance, rejectedInARow] = [minDistance * 0.8, 0];
  }
  return colors;
}

/** The palette of a log, from all its actions (any order, duplicates allowed). */
export function actionPalette(actions: string[], m: Messages = en): ActionPalette {
  const sorted = [...new Set(actions)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const colors = paletteColors(sorted.length);
  const byAction = new Map(sorted.map((action, i) => [action, colors[i]]));
  const labels = actionLabels(sorted, m);
  const label = (action: string) => labels.get(action) ?? actionName(action, m);
  return {
    actions: sorted,
    color: (action) => byAction.get(action) ?? UNKNOWN_ACTION_COLOR,
    label,
    labelWithId: (action) => nameWithId(label(action), action, m),
  };
}
