/**
 * A chart worker run from .build/ renders with charts/render.bundle.js, render.ts bundled with its
 * libraries (scripts/compile.mjs): it must draw exactly what render.ts draws.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtemp, rm, stat} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {pathToFileURL} from "node:url";
import {build} from "esbuild";
import {chartSpecs} from "../../src/charts/registry.js";
import {actionPalette} from "../../src/charts/palette.js";
import {renderChart} from "../../src/charts/render.js";
import {warmUpSpecs} from "../../src/charts/warm-up.js";
import {fixture, FIXTURE_ACTIONS} from "../fixtures/charts/load.js";
import {busyMonth, BUSY_ACTIONS} from "../fixtures/charts/busy-month.js";
// @ts-expect-error: a plain .mjs module of the build scripts, without types
import {RENDERER_BUNDLE} from "../../scripts/renderer-bundle.mjs";

let dir = "";
let bundled: typeof import("../../src/charts/render.js");

test.before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "render-bundle-"));
  const outfile = path.join(dir, "render.bundle.mjs"); // .mjs: ESM wherever it lies
  await build({...RENDERER_BUNDLE, outfile});
  assert.ok((await stat(outfile)).size > 500_000, "vega and vega-lite are in the bundle");
  bundled = await import(pathToFileURL(outfile).href);
});

test.after(async () => {
  await rm(dir, {recursive: true, force: true});
});

test("the bundled renderer draws the same SVG and compiled spec as render.ts", async () => {
  const specs = [...warmUpSpecs(), ...chartSpecs(fixture("week"), actionPalette(FIXTURE_ACTIONS)), ...chartSpecs(busyMonth(), actionPalette(BUSY_ACTIONS))];
  for (const spec of specs) {
    const [mine, theirs] = await Promise.all([renderChart(spec), bundled.renderChart(spec)]);
    assert.is(theirs.svg, mine.svg, spec.id);
    assert.is(JSON.stringify(theirs.vega), JSON.stringify(mine.vega), spec.id); // what charts.json holds
  }
});

test.run();
