/**
 * The esbuild options of .build/charts/render.bundle.js (scripts/compile.mjs): src/charts/render.ts
 * with vega, vega-lite and vega-interpreter in one ES module, which a chart worker loads in one read
 * and one parse. test/charts/render-bundle.test.ts bundles it the same way and compares its charts.
 */
import {fileURLToPath} from "node:url";

export const RENDERER_BUNDLE = {
  entryPoints: [fileURLToPath(new URL("../src/charts/render.ts", import.meta.url))],
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
};
