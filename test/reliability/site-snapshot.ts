/**
 * Helpers for the "last good report survives" tests: a fingerprint of a folder (every file's
 * SHA-256 and every sub-folder, by relative path), the in-process build of a fixture log with a
 * fixed clock, and the paths a build leaves beside its output folder. Does not build anything by
 * itself.
 */
import {createHash} from "node:crypto";
import {readdir, readFile} from "node:fs/promises";
import path from "node:path";
import {build, type BuildEffects, type BuildSummary} from "../../src/build.js";
import {buildConfig} from "../../src/config.js";

export const FIXTURES = path.resolve("test/fixtures/reliability");

/** A fixed clock and no output, as the brief of every build test asks. */
export const quietEffects: BuildEffects = {now: () => new Date("2026-04-01T06:00:00Z"), log: () => {}, progress: () => {}};

/** Builds `input` into `out` in this process (charts on the main thread), as of 2026-03-31. */
export function buildInProcess(input: string, out: string, flags: Record<string, unknown> = {}): Promise<BuildSummary> {
  const config = buildConfig({input: [input], out, "as-of": "2026-03-31", workers: "0", quiet: true, ...flags});
  return build(config, quietEffects);
}

/** Every file (with its SHA-256) and folder under `root`, by path relative to it, sorted. */
export async function snapshot(root: string): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, {withFileTypes: true})) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full);
      if (entry.isDirectory()) {
        entries[`${relative}/`] = "dir";
        await walk(full);
      } else {
        entries[relative] = createHash("sha256")
          .update(await readFile(full))
          .digest("hex");
      }
    }
  };
  await walk(root);
  return Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The names beside `out` that a build of it may leave: "site.previous", "site.staging-123". */
export async function leftovers(out: string): Promise<string[]> {
  const base = path.basename(out);
  const names = await readdir(path.dirname(out));
  // `<out>.cache` is the build cache, meant to stay (see src/cache/build-cache.ts)
  return names.filter((name) => name.startsWith(`${base}.`) && name !== `${base}.cache`).sort();
}
