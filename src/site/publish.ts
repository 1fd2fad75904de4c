/**
 * Builds never write into the live output folder. A build writes a staging folder beside it, and only
 * a complete one is swapped into place by renames: `<out>` -> `<out>.previous`, staging -> `<out>`.
 * A build that fails or is killed leaves `<out>` as it was (at worst, killed between the two renames,
 * `<out>` is missing and `<out>.previous` holds the last good report; the next build restores it).
 * Only folders a build made are ever renamed or deleted: each holds the marker file from its first
 * moment (MARKER_FILE); anything else (a user's folder, a file, a symbolic link, which is never
 * followed) is refused or left alone. It does not check --out against the inputs (out-folder.ts).
 */
import {lstat, mkdir, readdir, rename, rm, rmdir, unlink, writeFile} from "node:fs/promises";
import path from "node:path";
import {EnvironmentError} from "../errors.js";
import {FINGERPRINT_FILE} from "../fingerprint.js";

/** lstat: a symbolic link exists, whatever it points to. */
const exists = async (p: string): Promise<boolean> =>
  lstat(p).then(
    () => true,
    () => false,
  );

const STAGING_MARK = ".staging-";

/** The file in every folder a build makes (staging, then `<out>`, `.previous`, `.removing-*`). */
export const MARKER_FILE = ".activity-report";

const MARKER_TEXT = "This folder was made by activity-report: a build may replace or delete it.\n";

/**
 * What `dir` is to a build: missing; empty; ours (it holds the marker, or is a report of a version
 * before the marker: `.fingerprint` and `report.json`); or not ours: a symbolic link, a file, or a
 * folder of other files (`names`, sorted).
 */
export type Ownership = {kind: "missing" | "empty" | "ours" | "link" | "file"} | {kind: "foreign"; names: string[]};

/** Whether `dir` is a folder a build made (see Ownership). Never follows a symbolic link. */
export async function ownership(dir: string): Promise<Ownership> {
  const stats = await lstat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (stats === undefined) return {kind: "missing"};
  if (stats.isSymbolicLink()) return {kind: "link"};
  if (!stats.isDirectory()) return {kind: "file"};
  const names = await readdir(dir);
  if (names.length === 0) return {kind: "empty"};
  if (names.includes(MARKER_FILE) || (names.includes(FINGERPRINT_FILE) && names.includes("report.json"))) return {kind: "ours"};
  return {kind: "foreign", names: names.sort()};
}

/** Why a folder is not ours, in a few words, e.g. "holds files that are not a report (notes.txt, ...)". */
export function notOurs(owner: Ownership): string {
  if (owner.kind === "link") return "is a symbolic link";
  if (owner.kind === "file") return "is a file, not a folder";
  if (owner.kind !== "foreign") return "is a report";
  const shown = owner.names.slice(0, 3).join(", ") + (owner.names.length > 3 ? ", ..." : "");
  return `holds files that are not a report (${shown})`;
}

/**
 * Removes `dir` when a build made it (or it is empty); refuses anything else with an error, and
 * never follows a symbolic link. Nothing to do when it is missing.
 */
export async function removeOwnFolder(dir: string, lanes?: number): Promise<void> {
  const owner = await ownership(dir);
  if (owner.kind === "missing") return;
  if (owner.kind === "empty") return rmdir(dir).catch(ignoreMissing);
  if (owner.kind !== "ours") throw new EnvironmentError(`${dir} ${notOurs(owner)}: not removed (only folders a build made are)`);
  await removeTree(dir, lanes);
}

/** The staging folder for a build of `out`, e.g. "dist.staging-4242". */
export async function createStaging(out: string, pid: number = process.pid): Promise<string> {
  const staging = `${path.resolve(out)}${STAGING_MARK}${pid}`;
  // left by a killed build that had this pid before
  await removeOwnFolder(staging);
  await mkdir(path.dirname(staging), {recursive: true});
  await mkdir(staging);
  // first: whatever happens next, the folder is one a later build may remove
  await writeFile(path.join(staging, MARKER_FILE), MARKER_TEXT);
  return staging;
}

/** Whether a process of this pid runs (another user's counts: EPERM). */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Removes staging (and half-deleted old report) folders left by builds that were killed, and puts `<out>.previous` back when a
 * killed build left no `<out>`. A folder of such a name that a build did not make (see ownership) is left alone.
 */
export async function recoverInterruptedBuilds(out: string): Promise<string[]> {
  const target = path.resolve(out);
  const parent = path.dirname(target);
  const prefix = path.basename(target) + STAGING_MARK;
  const removed: string[] = [];
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(name.slice(prefix.length));
    const removing = name.startsWith(path.basename(target) + REMOVING_MARK);
    const ownerPid = removing ? Number(name.slice(path.basename(target).length + REMOVING_MARK.length)) : pid;
    if ((name.startsWith(prefix) || removing) && Number.isInteger(ownerPid) && ownerPid !== process.pid && !isAlive(ownerPid)) {
      const owner = await ownership(path.join(parent, name));
      if (owner.kind !== "ours" && owner.kind !== "empty") continue;
      await removeOwnFolder(path.join(parent, name));
      removed.push(name);
    }
  }
  if (!(await exists(target)) && (await ownership(`${target}.previous`)).kind === "ours") await rename(`${target}.previous`, target);
  return removed;
}

/**
 * Swaps a complete staging folder into place, keeping the replaced report as `<out>.previous`. The
 * report before that is renamed out of the way first and deleted afterwards: `removal` settles when
 * it is gone, so that a caller can go on meanwhile (deleting a gigabyte of downloads takes a second).
 * An empty `<out>` is removed; one that a build did not make is refused, and so is such a `.previous`.
 */
export async function publishStaging(staging: string, out: string): Promise<{removal: Promise<void>}> {
  const target = path.resolve(out);
  const previous = `${target}.previous`;
  let removal = Promise.resolve();
  const owner = await ownership(target);
  if (owner.kind === "empty") await rmdir(target);
  else if (owner.kind === "ours") {
    if (await exists(previous)) removal = removeTree(await moveAside(previous, out));
    await rename(target, previous);
  } else if (owner.kind !== "missing") throw new EnvironmentError(`--out ${out} ${notOurs(owner)}: not replaced`);
  await rename(staging, target);
  return {removal};
}

/**
 * Renames `<out>.previous`, when a build made it, to `<out>.removing-<pid>` (whatever a build of
 * this pid left there removed first) and returns that name; refuses a `.previous` it did not make.
 */
async function moveAside(previous: string, out: string, pid: number = process.pid): Promise<string> {
  const owner = await ownership(previous);
  if (owner.kind !== "ours" && owner.kind !== "empty")
    throw new EnvironmentError(`${out}.previous ${notOurs(owner)}: not removed (only folders a build made are)`);
  const removing = `${path.resolve(out)}${REMOVING_MARK}${pid}`;
  await removeOwnFolder(removing);
  await rename(previous, removing);
  return removing;
}

const REMOVING_MARK = ".removing-";

/**
 * Removes `<out>.previous`, the build before last (the last one is `out` itself), so that the
 * publish need not: a build starts it and awaits it before publishing. Renamed out of the way
 * first, so that nothing half-removed is ever left under that name. Does nothing without `out`:
 * recoverInterruptedBuilds may need `.previous` then.
 */
export async function retirePrevious(out: string, pid: number = process.pid, downloadsGone?: () => void): Promise<void> {
  const target = path.resolve(out);
  if (!(await exists(`${target}.previous`)) || !(await exists(target))) return;
  await removeTree(await moveAside(`${target}.previous`, out, pid), undefined, downloadsGone);
}

/**
 * Removes a folder and all it holds, at most `lanes` file operations at a time. fs.rm's recursive
 * removal starts one operation per entry at once: a report's thousands of files queue on libuv's
 * four threads, and the build's own reads, links and writes waited behind them (the hard links of a
 * night's kept folders took 0.24-0.37 s instead of ~0.05 s). Entries are listed first (one readdir
 * at a time), files and links unlinked (never followed), then the folders removed, deepest first.
 * The downloads (activity.csv and activity.json) go first and `downloadsGone` is called then: the
 * build cache's spare copies are links of a retired report's downloads, free to take once those go,
 * without waiting for the thousands of other files. `dir` itself, when a symbolic link, is unlinked,
 * not followed.
 */
export async function removeTree(dir: string, lanes = 2, downloadsGone?: () => void): Promise<void> {
  if ((await lstat(dir).catch(() => undefined))?.isSymbolicLink()) return unlink(dir).catch(ignoreMissing);
  const entries = await readdir(dir, {recursive: true, withFileTypes: true}).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (entries === undefined) return;
  const downloads: string[] = [];
  const files: string[] = [];
  const folders: string[] = [];
  for (const entry of entries) {
    const list = entry.isDirectory() ? folders : DOWNLOAD_NAMES.has(entry.name) ? downloads : files;
    list.push(path.join(entry.parentPath ?? entry.path, entry.name));
  }
  const unlinkAll = async (list: string[]) => {
    let next = 0;
    const lane = async () => {
      while (next < list.length) await unlink(list[next++]).catch(ignoreMissing);
    };
    await Promise.all(Array.from({length: Math.max(1, lanes)}, lane));
  };
  await unlinkAll(downloads);
  downloadsGone?.();
  await unlinkAll(files);
  folders.sort((a, b) => b.split(path.sep).length - a.split(path.sep).length);
  for (const folder of folders) await rmdir(folder).catch(ignoreMissing);
  // whatever appeared meanwhile goes the usual way
  await rm(dir, {recursive: true, force: true});
}

/** A report's downloads, every period's and the whole log's (downloads/period-files.ts). */
const DOWNLOAD_NAMES = new Set(["activity.csv", "activity.json"]);

const ignoreMissing = (error: NodeJS.ErrnoException) => {
  if (error.code !== "ENOENT") throw error;
};

/**
 * Removes a staging folder after a failed build. A write still landing in it (a worker stopping)
 * makes a removal fail with ENOTEMPTY: it is tried again a few times.
 */
export async function discardStaging(staging: string): Promise<void> {
  if ((await ownership(staging)).kind !== "ours") return removeOwnFolder(staging);
  await rm(staging, {recursive: true, force: true, maxRetries: 3, retryDelay: 50});
}
