/**
 * Builds never write into the live output folder. A build writes a staging folder beside it, and only
 * a complete one is swapped into place by renames: `<out>` -> `<out>.previous`, staging -> `<out>`.
 * A build that fails or is killed leaves `<out>` as it was (at worst, killed between the two renames,
 * `<out>` is missing and `<out>.previous` holds the last good report; the next build restores it).
 */
import {mkdir, readdir, rename, rm, rmdir, stat, unlink} from "node:fs/promises";
import path from "node:path";

const exists = async (p: string): Promise<boolean> => stat(p).then(() => true, () => false);

const STAGING_MARK = ".staging-";

/** The staging folder for a build of `out`, e.g. "dist.staging-4242". */
export async function createStaging(out: string, pid: number = process.pid): Promise<string> {
  const staging = `${path.resolve(out)}${STAGING_MARK}${pid}`;
  await rm(staging, {recursive: true, force: true});
  await mkdir(staging, {recursive: true});
  return staging;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Removes staging (and half-deleted old report) folders left by builds that were killed, and puts `<out>.previous` back when a
 * killed build left no `<out>`.
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
      await rm(path.join(parent, name), {recursive: true, force: true});
      removed.push(name);
    }
  }
  if (!(await exists(target)) && (await exists(`${target}.previous`))) await rename(`${target}.previous`, target);
  return removed;
}

/**
 * Swaps a complete staging folder into place, keeping the replaced report as `<out>.previous`. The
 * report before that is renamed out of the way first and deleted afterwards: `removal` settles when
 * it is gone, so that a caller can go on meanwhile (deleting a gigabyte of downloads takes a second).
 */
export async function publishStaging(staging: string, out: string): Promise<{removal: Promise<void>}> {
  const target = path.resolve(out);
  const previous = `${target}.previous`;
  let removal = Promise.resolve();
  if (await exists(target)) {
    if (await exists(previous)) {
      const removing = `${target}${REMOVING_MARK}${process.pid}`;
      await rm(removing, {recursive: true, force: true});
      await rename(previous, removing);
      removal = removeTree(removing);
    }
    await rename(target, previous);
  }
  await rename(staging, target);
  return {removal};
}

const REMOVING_MARK = ".removing-";

/**
 * Removes `<out>.previous`, the build before last (the last one is `out` itself), so that the
 * publish need not: a build starts it and awaits it before publishing. Renamed out of the way
 * first, so that nothing half-removed is ever left under that name. Does nothing without `out`:
 * recoverInterruptedBuilds may need `.previous` then.
 */
export async function retirePrevious(out: string, pid: number = process.pid): Promise<void> {
  const target = path.resolve(out);
  if (!(await exists(`${target}.previous`)) || !(await exists(target))) return;
  const removing = `${target}${REMOVING_MARK}${pid}`;
  await rm(removing, {recursive: true, force: true});
  await rename(`${target}.previous`, removing);
  await removeTree(removing);
}

/**
 * Removes a folder and all it holds, at most `lanes` file operations at a time. fs.rm's recursive
 * removal starts one operation per entry at once: a report's thousands of files queue on libuv's
 * four threads, and the build's own reads, links and writes waited behind them (the hard links of a
 * night's kept folders took 0.24-0.37 s instead of ~0.05 s). Entries are listed first (one readdir
 * at a time), files and links unlinked (never followed), then the folders removed, deepest first.
 */
export async function removeTree(dir: string, lanes = 2): Promise<void> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true}).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (entries === undefined) return;
  const files: string[] = [];
  const folders: string[] = [];
  for (const entry of entries) (entry.isDirectory() ? folders : files).push(path.join(entry.parentPath ?? entry.path, entry.name));
  let next = 0;
  const lane = async () => {
    while (next < files.length) await unlink(files[next++]).catch(ignoreMissing);
  };
  await Promise.all(Array.from({length: Math.max(1, lanes)}, lane));
  folders.sort((a, b) => b.split(path.sep).length - a.split(path.sep).length);
  for (const folder of folders) await rmdir(folder).catch(ignoreMissing);
  // whatever appeared meanwhile goes the usual way
  await rm(dir, {recursive: true, force: true});
}

const ignoreMissing = (error: NodeJS.ErrnoException) => {
  if (error.code !== "ENOENT") throw error;
};

/** Removes a staging folder after a failed build. */
export async function discardStaging(staging: string): Promise<void> {
  await rm(staging, {recursive: true, force: true});
}
