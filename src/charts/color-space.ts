/**
 * Colour arithmetic the palette needs, on "#rrggbb" strings: sRGB <-> CIELAB / LCh (D65), the
 * CIE76 colour difference, and WCAG 2 relative luminance and contrast ratio.
 * It does not choose colours (palette.ts does) nor know the page's backgrounds (chart-base.ts does).
 */

/** CIELAB coordinates: [L* 0..100, a*, b*] */
export type Lab = [number, number, number];

const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;

/** sRGB channel 0..255 -> linear light 0..1 */
const toLinear = (channel: number): number => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

const channels = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** WCAG 2 relative luminance of "#rrggbb": 0 for black, 1 for white. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map(toLinear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two "#rrggbb" colours, 1 to 21, e.g. ("#777777", "#ffffff") -> 4.48. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** "#rrggbb" -> CIELAB (D65 white). */
export function hexToLab(hex: string): Lab {
  const [r, g, b] = channels(hex).map(toLinear);
  const xyz = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883].map(
    (t) => (t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116),
  );
  return [116 * xyz[1] - 16, 500 * (xyz[0] - xyz[1]), 200 * (xyz[1] - xyz[2])];
}

/** "#rrggbb" -> [lightness, chroma, hue in degrees], CIELAB's cylindrical form (HCL). */
export function hexToLch(hex: string): [number, number, number] {
  const [l, a, b] = hexToLab(hex);
  return [l, Math.hypot(a, b), ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360];
}

/** CIE LCh -> "#rrggbb"; colours outside sRGB are clipped channel by channel. */
export function lchToHex(l: number, c: number, hueDegrees: number): string {
  const h = (hueDegrees * Math.PI) / 180;
  const fy = (l + 16) / 116;
  const fx = fy + (c * Math.cos(h)) / 500;
  const fz = fy - (c * Math.sin(h)) / 200;
  const inverse = (f: number) => (f ** 3 > EPSILON ? f ** 3 : (116 * f - 16) / KAPPA);
  const [x, y, z] = [inverse(fx) * 0.95047, inverse(fy), inverse(fz) * 1.08883];
  const rgb = [3.2406 * x - 1.5372 * y - 0.4986 * z, -0.9689 * x + 1.8758 * y + 0.0415 * z, 0.0557 * x - 0.204 * y + 1.057 * z].map((v) => {
    const s = v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
    return Math.round(Math.min(1, Math.max(0, s)) * 255);
  });
  return `#${rgb.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

/** CIE76 colour difference between two "#rrggbb" colours; about 2.3 is "just noticeable". */
export function colorDistance(a: string, b: string): number {
  const [p, q] = [hexToLab(a), hexToLab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}
