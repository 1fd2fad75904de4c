/**
 * view-reuse.ts, the one module that reaches into vega's internals: a chart drawn from a reused
 * parse, by a new View or by a kept one, is the SVG a plain `new View(parse(spec)).toSVG()` draws,
 * for every chart of a month page, drawn in order and again.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {parse, View, type Spec} from "vega";
import {chartSpecs} from "../../src/charts/registry.js";
import {actionPalette} from "../../src/charts/palette.js";
import {chartRenderer, roundGeometry, withViewBox, type ParseCounts} from "../../src/charts/render.js";
import {drawReused, reusableParse, type ReuseCounts} from "../../src/charts/view-reuse.js";
import {BUSY_ACTIONS, busyMonth} from "../fixtures/charts/busy-month.js";

/** The SVG of a plain View of `spec`, as vega draws it. */
async function plainSvg(spec: Spec): Promise<string> {
  const view = new View(parse(spec), {renderer: "none"});
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const quiet = {level: () => quiet, error: () => {}, warn: () => {}, info: () => {}, debug: () => {}} as never;

/** The chart's values with every number multiplied: other bars, ticks and labels, the same shape. */
const scaledValues = (values: unknown[], by: number) =>
  values.map((row) => Object.fromEntries(Object.entries(row as object).map(([key, value]) => [key, typeof value === "number" ? value * by : value])));

test("drawReused: every chart of a month page from a reused parse, by a new View and by kept Views between other values, is a plain View's SVG", async () => {
  const charts = await Promise.all(chartSpecs(busyMonth(), actionPalette(BUSY_ACTIONS)).map(chartRenderer(() => {})));
  assert.is(charts.length, 8);
  const counts: ReuseCounts = {};
  let reused = 0;
  for (const chart of charts) {
    const spec = chart.vega;
    const source = (spec.data ?? []).findIndex((entry) => "values" in entry);
    const entry = spec.data![source] as {name: string; values: unknown[]};
    const withValues = (values: unknown[], description: string) =>
      ({...spec, description, data: spec.data!.map((other, i) => (i === source ? {...other, values} : other))}) as Spec;
    // the chart's shape: its spec with the values out (its parameters keep their values)
    const shape = withValues([], "-");
    const parsed = reusableParse(shape, shape.data![source] as {name: string; values: unknown[]}, []);
    if (parsed === null) continue;
    reused++;
    const charted = [
      {values: entry.values, description: spec.description ?? ""},
      {values: scaledValues(entry.values, 7), description: "seven times as many"},
      {values: [], description: "none"},
    ];
    const plain = await Promise.all(charted.map(({values, description}) => plainSvg(withValues(values, description))));
    // the parse's first chart, a View to keep, then kept Views, each emptied of the chart before
    for (const [pass, k] of [0, 1, 0, 2, 1, 1, 0].entries()) {
      assert.is(await drawReused(parsed, {...charted[k], params: []}, true, quiet, counts), plain[k], `${chart.id}: pass ${pass}, values ${k}`);
    }
    assert.is(await drawReused(parsed, {...charted[1], params: []}, false, quiet, counts), plain[1], `${chart.id}: a View of its own`);
  }
  assert.is(reused, 8, "every chart's parse is reusable");
  assert.is(counts.viewsKept, 8 * 5, "five charts of each drawn by a kept View");
});

test("chartRenderer: every chart of a month page, rendered twice and among another month's, is a plain View's SVG of its spec", async () => {
  const counts: ParseCounts = {parsed: 0, reused: 0};
  const render = chartRenderer(() => {}, counts);
  const palette = actionPalette(BUSY_ACTIONS);
  const month = chartSpecs(busyMonth(), palette);
  const drawn = [];
  for (const chart of [...month, ...month]) drawn.push(await render(chart));
  // a period's charts at once, as a render worker draws them
  drawn.push(...(await Promise.all(month.map(render))));
  assert.ok(counts.reused >= 16, `${counts.reused} charts from a kept parse`);
  assert.ok((counts.viewsKept ?? 0) >= 8, `${counts.viewsKept} charts by a kept View`);
  for (const [i, chart] of drawn.entries()) assert.is(chart.svg, withViewBox(roundGeometry(await plainSvg(chart.vega))), `${chart.id} (${i})`);
});

test.run();
