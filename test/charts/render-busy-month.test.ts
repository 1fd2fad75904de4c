/**
 * Size and speed of the seven charts of a busy month (31 days x 15 actions, 240 users). Prints
 * the render time per chart: a 3-year log renders ~1,500 charts, so per-chart cost matters.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {chartSpecs} from "../../src/charts/registry.js";
import {actionPalette} from "../../src/charts/palette.js";
import {renderChart} from "../../src/charts/render.js";
import type {RenderedChart} from "../../src/charts/types.js";
import {BUSY_ACTIONS, busyMonth} from "../fixtures/charts/busy-month.js";

const specs = chartSpecs(busyMonth(), actionPalette(BUSY_ACTIONS));

async function renderTimed(): Promise<{charts: RenderedChart[]; ms: Record<string, number>}> {
  const charts: RenderedChart[] = [];
  const ms: Record<string, number> = {};
  for (const spec of specs) {
    const start = performance.now();
    charts.push(await renderChart(spec));
    ms[spec.id] = Math.round(performance.now() - start);
  }
  return {charts, ms};
}

test("busy month: seven SVGs well under 300 KB in all, no chart over 120 KB", async () => {
  const {charts} = await renderTimed();
  const sizes = Object.fromEntries(charts.map((chart) => [chart.id, Buffer.byteLength(chart.svg)]));
  const total = Object.values(sizes).reduce((sum, n) => sum + n, 0);
  console.log(`  busy month SVG bytes: ${JSON.stringify(sizes)}, total ${Math.round(total / 1024)} KB`);
  assert.ok(total < 250 * 1024, `total ${total}`);
  for (const [id, bytes] of Object.entries(sizes)) assert.ok(bytes < 120 * 1024, `${id}: ${bytes}`);
});

test("busy month: marks stay aggregated (15 lines + 465 points; 21 user bars)", async () => {
  const {charts} = await renderTimed();
  const byId = new Map(charts.map((chart) => [chart.id, chart.svg]));
  const lines = (byId.get("actions")?.match(/<g class="mark-line /g) ?? []).length;
  const points = (byId.get("actions")?.match(/<g class="mark-symbol role-mark/) ?? [""])[0];
  assert.is(lines, 15);
  assert.ok(points, "point layer drawn");
  // 20 users with a bar + "others (220 users)"
  assert.match(byId.get("actions-by-user") ?? "", ">others (220 users)</text>");
  const userBars = (byId.get("actions-by-user")?.match(/role="graphics-symbol" aria-roledescription="bar"/g) ?? []).length;
  assert.is(userBars, 21);
});

test("busy month: render time per chart (warm)", async () => {
  await renderTimed(); // warm-up: first renders pay for JIT and module init
  const {ms} = await renderTimed();
  const total = Object.values(ms).reduce((sum, n) => sum + n, 0);
  console.log(`  busy month render ms: ${JSON.stringify(ms)}, total ${total} ms, ${Math.round(total / 7)} ms per chart`);
  // generous bound for a shared 2-core machine; the numbers above are the measurement
  assert.ok(total < 7 * 1000, `total ${total} ms`);
});

test.run();
