/**
 * The action palette: one colour per action of the whole log, the same on every chart and page.
 * The first colours are vega's tableau10 scheme (what readers of Vega-Lite charts know), then the
 * tableau20 colours that are not near-copies of those, then colours generated around the CIELAB
 * hue circle (golden-angle steps, three lightness levels), each kept only when it is far enough
 * (CIE76 distance) from every colour already taken. A colour depends only on the sorted, distinct
 * list of actions: the same log gives the same colours on every build.
 * It does not choose which actions a chart shows, nor their order in a legend.
 */
import {scheme} from "vega";
import type {ActionPalette} from "./types.js";
import {chartLabel, labelMap} from "./labels.js";

/** what `color()` returns for an action that is not in the log (a caller's bug, drawn grey) */
export const UNKNOWN_ACTION_COLOR = "#888888";

/** the smallest CIE76 distance between two palette colours while the hue circle still has room */
const MIN_DISTANCE = 18;

type Lab = [number, number, number];

function hexToLab(hex: string): Lab {
  const linear = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const [r, g, b] = linear;
  const xyz = [
    (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
    0.2126 * r + 0.7152 * g + 0.0722 * b,
    (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
  ].map((t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116));
  return [116 * xyz[1] - 16, 500 * (xyz[0] - xyz[1]), 200 * (xyz[1] - xyz[2])];
}

function lchToHex(l: number, c: number, hueDegrees: number): string {
  const h = (hueDegrees * Math.PI) / 180;
  const fy = (l + 16) / 116;
  const fx = fy + (c * Math.cos(h)) / 500;
  const fz = fy - (c * Math.sin(h)) / 200;
  const inverse = (f: number) => (f ** 3 > 216 / 24389 ? f ** 3 : (116 * f - 16) / (24389 / 27));
  const [x, y, z] = [inverse(fx) * 0.95047, inverse(fy), inverse(fz) * 1.08883];
  const rgb = [
    3.2406 * x - 1.5372 * y - 0.4986 * z,
    -0.9689 * x + 1.8758 * y + 0.0415 * z,
    0.0557 * x - 0.204 * y + 1.057 * z,
  ].map((v) => {
    const s = v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
    return Math.round(Math.min(1, Math.max(0, s)) * 255);
  });
  return `#${rgb.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

/** CIE76 colour difference between two "#rrggbb" colours; about 2.3 is "just noticeable" */
export function colorDistance(a: string, b: string): number {
  const [p, q] = [hexToLab(a), hexToLab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** The first `count` palette colours, e.g. paletteColors(3) -> ["#4c78a8", "#f58518", "#e45756"]. */
export function paletteColors(count: number): string[] {
  const colors: string[] = [];
  let minDistance = MIN_DISTANCE;
  const tryAdd = (hex: string) => {
    if (colors.length < count && colors.every((taken) => colorDistance(taken, hex) >= minDistance)) colors.push(hex);
  };
  for (const hex of [...scheme("tableau10"), ...scheme("tableau20")] as string[]) tryAdd(hex);
  let rejectedInARow = 0;
  for (let i = 0; colors.length < count; i++) {
    const before = colors.length;
    tryAdd(lchToHex([58, 72, 44][i % 3], 48, (i * 137.508) % 360));
    rejectedInARow = colors.length > before ? 0 : rejectedInARow + 1;
    // the circle is full at this distance: accept closer colours rather than loop forever
    if (rejectedInARow > 60) [minDistance, rejectedInARow] = [minDistance * 0.8, 0];
  }
  return colors;
}

/** The palette of a log, from all its actions (any order, duplicates allowed). */
export function actionPalette(actions: string[]): ActionPalette {
  const sorted = [...new Set(actions)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const colors = paletteColors(sorted.length);
  const byAction = new Map(sorted.map((action, i) => [action, colors[i]]));
  const labels = labelMap(sorted);
  return {
    actions: sorted,
    color: (action) => byAction.get(action) ?? UNKNOWN_ACTION_COLOR,
    label: (action) => labels.get(action) ?? chartLabel(action),
  };
}
