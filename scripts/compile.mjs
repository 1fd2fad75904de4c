#!/usr/bin/env node
/**
 * Compiles src/**\/*.ts to plain JavaScript in .build/ (one file per source, same layout, no bundling;
 * only the chart renderer is also bundled with its libraries, as charts/render.bundle.js),
 * so that bin/activity-report.js starts without tsx: tsx's loader costs ~0.4 s at every start, which
 * is most of a nightly rerun that finds nothing new. Runs on `npm ci` / `npm install` (`prepare`).
 * bin/activity-report.js uses .build only while it is newer than every source file, else tsx.
 */
import {mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {build} from "esbuild";
import {NODE_BUNDLE, RENDERER_BUNDLE} from "./renderer-bundle.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const out = path.join(root, ".build");
const entryPoints = readdirSync(path.join(root, "src"), {recursive: true})
  .map(String)
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts") && !file.includes(`browser${path.sep}`))
  .map((file) => path.join(root, "src", file));

rmSync(out, {recursive: true, force: true});
mkdirSync(out, {recursive: true});
await build({entryPoints, outdir: out, outbase: path.join(root, "src"), format: "esm", platform: "node", target: "node20", bundle: false, logLevel: "warning"});
// the chart renderer with vega and vega-lite in one file: a chart worker imports it
// in ~0.2 CPU-s instead of ~0.55 s for the hundred-odd modules (render-worker.ts)
await build({...RENDERER_BUNDLE, outfile: path.join(out, "charts", "render.bundle.js")});
// Arquero as one module too: importing it from node_modules took 0.2-0.25 s of every build's start
// (hundreds of modules), bundled 0.06 s. The compiled files import it from there instead.
await build({...NODE_BUNDLE, stdin: {contents: 'export * from "arquero";', resolveDir: root, loader: "js"}, outfile: path.join(out, "vendor", "arquero.js")});
for (const file of readdirSync(out, {recursive: true}).map(String).filter((name) => name.endsWith(".js") && !name.startsWith(`vendor${path.sep}`))) {
  const compiled = path.join(out, file);
  const text = readFileSync(compiled, "utf8");
  const vendored = path.relative(path.dirname(compiled), path.join(out, "vendor", "arquero.js")).split(path.sep).join("/");
  const rewritten = text.replace(/(\bfrom\s*|\bimport\s*\(\s*)"arquero"/g, `$1"${vendored.startsWith(".") ? vendored : `./${vendored}`}"`);
  if (rewritten !== text) writeFileSync(compiled, rewritten);
}
// written last: the time bin/activity-report.js compares the sources with
writeFileSync(path.join(out, ".compiled"), `${entryPoints.length} files compiled from src/\n`);
