#!/usr/bin/env node
/**
 * Compiles src/**\/*.ts to plain JavaScript in .build/ (one file per source, same layout, no bundling;
 * only the chart renderer is also bundled with its libraries, as charts/render.bundle.js, and
 * Arquero and Eleventy as modules of their own in vendor/),
 * so that bin/activity-report.js starts without tsx: tsx's loader costs ~0.4 s at every start, which
 * is most of a nightly rerun that finds nothing new. Runs on `npm ci` / `npm install` (`prepare`).
 * bin/activity-report.js uses .build only while it is newer than every source file, else tsx.
 */
import {copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
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
// in ~0.2 CPU-s instead of ~0.55 s for the hundred-odd modules (pipeline/render-worker.ts)
await build({...RENDERER_BUNDLE, outfile: path.join(out, "charts", "render.bundle.js")});
// Arquero as one module too: importing it from node_modules took 0.2-0.25 s of every build's start
// (hundreds of modules), bundled 0.06 s. The compiled files import it from there instead.
await build({...NODE_BUNDLE, stdin: {contents: 'export * from "arquero";', resolveDir: root, loader: "js"}, outfile: path.join(out, "vendor", "arquero.js")});
// Eleventy as one module, for the page worker (render-site.ts): its import took 0.61-0.73 CPU-s from
// node_modules, 0.43-0.47 s bundled. Eleventy reads its own package.json (its version, which it
// checks) two folders above its src/Util/Require.js, so the bundle sits at that depth below a copy of
// it. Its watch mode's dev server and file watcher stay out (imported by name, never used here);
// its CommonJS dependencies (nunjucks) get a `require`.
const eleventy = path.join(out, "vendor", "eleventy");
await build({
  ...NODE_BUNDLE,
  stdin: {contents: 'export {default} from "@11ty/eleventy";', resolveDir: root, loader: "js"},
  external: ["@11ty/eleventy-dev-server", "chokidar"],
  banner: {js: 'import {createRequire as __createRequire} from "node:module"; const require = __createRequire(import.meta.url);'},
  outfile: path.join(eleventy, "src", "Util", "eleventy.js"),
});
copyFileSync(path.join(root, "node_modules", "@11ty", "eleventy", "package.json"), path.join(eleventy, "package.json"));
const VENDORED = {arquero: path.join(out, "vendor", "arquero.js"), "@11ty/eleventy": path.join(eleventy, "src", "Util", "eleventy.js")};
for (const file of readdirSync(out, {recursive: true})
  .map(String)
  .filter((name) => name.endsWith(".js") && !name.startsWith(`vendor${path.sep}`))) {
  const compiled = path.join(out, file);
  const text = readFileSync(compiled, "utf8");
  let rewritten = text;
  for (const [name, bundle] of Object.entries(VENDORED)) {
    const vendored = path.relative(path.dirname(compiled), bundle).split(path.sep).join("/");
    rewritten = rewritten.replaceAll(
      new RegExp(`(\\bfrom\\s*|\\bimport\\s*\\(\\s*)"${name}"`, "g"),
      `$1"${vendored.startsWith(".") ? vendored : `./${vendored}`}"`,
    );
  }
  if (rewritten !== text) writeFileSync(compiled, rewritten);
}
// written last: the time bin/activity-report.js compares the sources with
writeFileSync(path.join(out, ".compiled"), `${entryPoints.length} files compiled from src/\n`);
