/**
 * Turns a compiled Vega spec (from charts.json) into a PNG for an email: vega's headless View
 * draws SVG, resvg rasterises it at twice the width it is shown at, with the DejaVu fonts that ship
 * with the project (no system fonts: the same pixels on every machine, and no 25 ms font scan).
 * White background, so a chart reads the same in a dark mail client. It loads nothing: a report's
 * charts carry their data, and a URL in a tampered charts.json must not make the email fetch a
 * page or read a local file (read-report.ts refuses such specs first). It does not choose charts.
 */
import {createRequire} from "node:module";
import path from "node:path";
import {Resvg} from "@resvg/resvg-js";
import {loader, parse, View, type Loader, type Spec} from "vega";

/** A chart as a PNG, with the size (CSS px) the email shows it at. */
export interface ChartPng {
  png: Buffer;
  /** width and height to show it at, in CSS px (the PNG holds twice as many pixels) */
  width: number;
  height: number;
  /** time spent in vega and resvg, ms */
  renderMs: number;
}

const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
const FONT = {
  fontFiles: [path.join(fontDir, "DejaVuSans.ttf"), path.join(fontDir, "DejaVuSans-Bold.ttf")],
  loadSystemFonts: false,
  defaultFontFamily: "DejaVu Sans",
  // vega's default font is "sans-serif": map the generic family to the shipped font too
  sansSerifFamily: "DejaVu Sans",
};

/** A vega loader that refuses every load: data URLs, image URLs, files, http. */
export function refusingLoader(): Loader {
  const refuse = async (uri: unknown): Promise<never> => {
    throw new Error(`the email loads nothing from outside the report (asked for ${JSON.stringify(String(uri).slice(0, 100))})`);
  };
  return Object.assign(loader(), {load: refuse, sanitize: refuse, http: refuse, file: refuse});
}

/** True when the spec sizes itself to a container (`width: "container"`), which Node does not have. */
function hasContainerWidth(spec: Spec): boolean {
  return (spec.signals ?? []).some((signal) => signal.name === "width" && "init" in signal && String(signal.init).includes("containerSize"));
}

/**
 * How much larger than its layout a chart is shown where the email has room: the report's charts
 * are laid out a phone's width (360 px, charts/chart-base.ts), so their 11 px text reads at about
 * 9 px in a 360 px phone's column (304 px), and at 14 px in a 600 px one, 450 px wide.
 */
export const EMAIL_CHART_SCALE = 1.25;

/**
 * Renders one chart, to be shown EMAIL_CHART_SCALE times its size, or `maxWidth` wide if that is
 * less (the email's `<img>` shrinks it further to a phone's column); a chart sized to a container
 * gets `maxWidth` as its width.
 * @param maxWidth the width of the email's content column in CSS px, e.g. 600
 */
export async function renderChartPng(spec: Spec, maxWidth: number): Promise<ChartPng> {
  const started = performance.now();
  const view = new View(parse(spec), {renderer: "none", loader: refusingLoader()});
  let svg: string;
  try {
    if (hasContainerWidth(spec)) {
      await view.runAsync();
      view.width(maxWidth);
    }
    view.background("white");
    await view.runAsync();
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  const svgWidth = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? maxWidth);
  const width = Math.min(Math.round(svgWidth * EMAIL_CHART_SCALE), maxWidth);
  const image = new Resvg(svg, {fitTo: {mode: "width", value: width * 2}, background: "white", font: FONT}).render();
  return {png: image.asPng(), width, height: Math.round(image.height / 2), renderMs: performance.now() - started};
}
