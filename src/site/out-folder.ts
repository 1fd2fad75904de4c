/**
 * What a build checks on the disk before it touches anything: that the folders it may move aside
 * or delete (`--out`, `<out>.previous`) are reports it made or empty, and that neither `--out` nor
 * `--cache` is, holds or is inside an input once symbolic links are resolved (config.ts judged the
 * paths as given). It reads only; a refusal is one ConfigError line.
 */
import {readdir, realpath, stat} from "node:fs/promises";
import {homedir} from "node:os";
import path from "node:path";
import type {BuildConfig} from "../config.js";
import {isWithin, outProblem} from "../out-paths.js";
import {ConfigError} from "../errors.js";
import {lockOut} from "./out-lock.js";
import {notOurs, ownership} from "./publish.js";

/** Files a build cache folder holds (build-cache.ts's OWN_FILE, and the manifest). */
const CACHE_FILE =
  /^(?:manifest\.json(?:\.tmp-\d+)?|[\w.]+\.[0-9a-z]+\.bin|(?:rejects|duplicates)\.[0-9a-z]+\.json|activity\.[0-9a-z]+\.(?:csv|json)|columns\.bin|rejects\.json|duplicates\.json|activity\.(?:csv|json))$/;

/** `file` with its folder's symbolic links resolved (the file itself need not exist). */
async function realLocation(file: string): Promise<string> {
  const resolved = path.resolve(file);
  const real = await realpath(resolved).catch(() => undefined);
  if (real !== undefined) return real;
  const parent = path.dirname(resolved);
  return parent === resolved ? resolved : path.join(await realLocation(parent), path.basename(resolved));
}

/**
 * Throws a ConfigError naming the problem when the build of `config` would move or delete anything
 * it did not make: an `--out` (or `<out>.previous`) that is a symbolic link, a file or a folder of
 * other files; an `--out` or `--cache` that is, holds or lies in an input through a link; a
 * `--cache` folder holding files a cache does not.
 */
export async function checkOutFolder(config: BuildConfig): Promise<void> {
  const {out} = config;
  const inputs = await Promise.all(config.inputs.map(realLocation));
  const real = await realLocation(out);
  const problem = outProblem(real, inputs, {cwd: await realLocation(process.cwd()), home: await realLocation(homedir())});
  if (problem !== undefined) throw new ConfigError(problem.replace(`--out ${real}`, `--out ${out} (${real})`));
  const owner = await ownership(out);
  if (owner.kind === "link")
    throw new ConfigError(`--out ${out} is a symbolic link: give the folder it points to, or a new folder (a build replaces --out by renaming)`);
  if (owner.kind === "file" || owner.kind === "foreign") throw new ConfigError(`--out ${out} ${notOurs(owner)}: choose an empty or new folder`);
  const previous = await ownership(`${path.resolve(out)}.previous`);
  if (previous.kind === "link" || previous.kind === "file" || previous.kind === "foreign") {
    throw new ConfigError(`${out}.previous ${notOurs(previous)}: the build keeps its last report under that name; move it away`);
  }
  if (config.cache !== null) await checkCacheFolder(config.cache, inputs);
}

async function checkCacheFolder(cache: string, inputs: string[]): Promise<void> {
  const real = await realLocation(cache);
  const input = inputs.find((file) => isWithin(file, real) || isWithin(real, file));
  if (input !== undefined) throw new ConfigError(`--cache ${cache} (${real}) is, holds or is inside the input ${input}: choose an empty or new folder`);
  // a link to the cache folder is followed: a cache removes only files of its own names
  const stats = await stat(cache).catch(() => undefined);
  if (stats === undefined) return;
  if (!stats.isDirectory()) throw new ConfigError(`--cache ${cache} is a file, not a folder`);
  const names = await readdir(cache);
  // a folder with a manifest is a cache, whatever other files a later layout adds
  const others = names.includes("manifest.json") ? [] : names.filter((name) => !CACHE_FILE.test(name)).sort();
  if (others.length > 0)
    throw new ConfigError(
      `--cache ${cache} holds files that are not a build cache (${others.slice(0, 3).join(", ")}${others.length > 3 ? ", ..." : ""}): choose an empty or new folder`,
    );
}

/**
 * Everything a build does first, before it touches anything: checkOutFolder, then the lock on
 * `--out` (out-lock.ts). Resolves with the lock's release.
 */
export async function claimOut(config: BuildConfig): Promise<() => Promise<void>> {
  await checkOutFolder(config);
  return lockOut(config.out);
}
