/**
 * The esbuild options of .build/charts/render.bundle.js (scripts/compile.mjs): src/charts/render.ts
 * with vega and vega-lite in one ES module, which a chart worker loads in one read
 * and one parse. test/charts/render-bundle.test.ts bundles it the same way and compares its charts.
 */
import {fileURLToPath} from "node:url";

/** How scripts/compile.mjs bundles a module with its libraries for Node (the renderer, Arquero). */
export const NODE_BUNDLE = {bundle: true, format: "esm", platform: "node", target: "node20", logLevel: "warning"};

export const RENDERER_BUNDLE = {...NODE_BUNDLE, entryPoints: [fileURLToPath(new URL("../src/charts/render.ts", import.meta.url))]};
