/**
 * Bundles the browser runtime (browser/live-charts.ts + vega + vega-interpreter) into one
 * minified local script with esbuild, so pages need no CDN and no eval. The bundle is cached under
 * `node_modules/.cache/activity-report/`, keyed by the vega, vega-interpreter and esbuild versions
 * and the project's sources (every .ts file of src/), so a build only pays for esbuild (~1 s) when one of those changed.
 * It does not write the page's charts.json (write-outputs.ts) nor its chart-specs block (site/chart-specs.ts) nor the script tag.
 */
import {createHash} from "node:crypto";
import {copyFile, mkdir, readdir, readFile, rename, stat, writeFile} from "node:fs/promises";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {ReportError} from "../errors.js";

/** the runtime's entry point, next to this module */
export const LIVE_CHARTS_SOURCE = fileURLToPath(new URL("../../src/charts/browser/live-charts.ts", import.meta.url)); // also from .build/charts/

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** defaults to `<project>/node_modules/.cache/activity-report` */
export const DEFAULT_CACHE_DIR = join(PROJECT_ROOT, "node_modules", ".cache", "activity-report");

export interface BundleResult {
  outFile: string;
  bytes: number;
  /** true when the cached bundle was copied, false when esbuild ran */
  cached: boolean;
}

/** The version of an installed package, e.g. "6.4.0" (part of a bundle's cache key). */
export async function packageVersion(name: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(PROJECT_ROOT, "node_modules", name, "package.json"), "utf8"));
  return String(manifest.version);
}

/**
 * A bundle's cache key: the versions of `packages` and every .ts file of `srcDir` (src/). A bundle's
 * entry imports modules from all over src/ (the live charts' legend takes its words from i18n/), so
 * any of them counts: keyed on browser/ alone, pages got a stale script after a change to i18n/.
 */
export async function sourcesKey(packages: readonly string[], srcDir = join(PROJECT_ROOT, "src")): Promise<string> {
  const hash = createHash("sha256");
  for (const name of packages) hash.update(`${name}@${await packageVersion(name)}\n`);
  const files = (await readdir(srcDir, {recursive: true}))
    .map(String)
    .filter((file) => file.endsWith(".ts"))
    .sort();
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(await readFile(join(srcDir, file)))
      .update("\0");
  return hash.digest("hex").slice(0, 16);
}

/** The live charts' cache key: changes when vega, vega-interpreter, esbuild or a source file changes. */
export const bundleKey = (): Promise<string> => sourcesKey(["vega", "vega-interpreter", "esbuild"]);

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/**
 * Writes the live-charts script to `outFile` (e.g. "dist/assets/live-charts.js"), from the cache
 * when it holds this version, else by running esbuild and filling the cache.
 */
export async function bundleLiveCharts(outFile: string, options: {cacheDir?: string} = {}): Promise<BundleResult> {
  const {bytes, cached} = await cachedBundle(outFile, {
    entry: LIVE_CHARTS_SOURCE,
    name: "live-charts",
    what: "the live charts",
    key: await bundleKey(),
    cacheDir: options.cacheDir,
  });
  return {outFile, bytes, cached};
}

/**
 * Copies the minified browser bundle of `entry` to `outFile` from `<cacheDir>/<name>-<key>.js`,
 * running esbuild to fill that file first when it is missing (the live charts, the explorer).
 */
export async function cachedBundle(
  outFile: string,
  bundle: {entry: string; name: string; what: string; key: string; cacheDir?: string; alias?: Record<string, string>},
): Promise<{bytes: number; cached: boolean}> {
  const cacheDir = bundle.cacheDir ?? DEFAULT_CACHE_DIR;
  const cacheFile = join(cacheDir, `${bundle.name}-${bundle.key}.js`);
  await mkdir(dirname(outFile), {recursive: true});
  const cached = await exists(cacheFile);
  if (!cached) {
    let code: Uint8Array;
    try {
      // esbuild loads only when the cache misses (~0.08 s of imports otherwise on every build)
      const {build} = await import("esbuild");
      const result = await build({
        entryPoints: [bundle.entry],
        bundle: true,
        minify: true,
        format: "iife",
        platform: "browser",
        target: "es2020",
        write: false,
        logLevel: "silent",
        ...(bundle.alias ? {alias: bundle.alias} : {}),
      });
      code = result.outputFiles[0].contents;
    } catch (cause) {
      throw new ReportError(`${bundle.entry}: cannot bundle ${bundle.what}: ${(cause as Error).message}`, {cause});
    }
    await mkdir(cacheDir, {recursive: true});
    // write then rename: two builds running at once never read a half-written bundle
    const partial = `${cacheFile}.${process.pid}.tmp`;
    await writeFile(partial, code);
    await rename(partial, cacheFile);
  }
  await copyFile(cacheFile, outFile);
  return {bytes: (await stat(outFile)).size, cached};
}
