/**
 * The chart workers' warm-up renders the seven charts of a made-up week: they must be the seven
 * real chart builders' specs, and render (a failing warm-up would be silent, charts.ts catches it).
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {warmUpSpecs} from "../../src/charts/warm-up.js";
import {CHART_BUILDERS} from "../../src/charts/registry.js";
import {renderChart} from "../../src/charts/render.js";

test("warmUpSpecs: one spec per chart builder, each rendering to an SVG with marks", async () => {
  const specs = warmUpSpecs();
  assert.is(specs.length, CHART_BUILDERS.length);
  for (const spec of specs) {
    const {svg} = await renderChart(spec);
    assert.match(svg, /^<svg/);
    assert.match(svg, /<path|<rect|<line/, `${spec.id} drew nothing`);
  }
});

test.run();
