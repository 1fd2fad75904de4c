/**
 * One build at a time per `--out`: `<out>.lock` beside it, holding the holder's pid and when that
 * process started. It appears whole (a hard link to a file written first, which fails if the lock
 * exists), and goes when the build ends: on success, on failure, and on SIGINT or SIGTERM. A lock
 * whose holder is gone (killed with SIGKILL, or the machine restarted and the pid is another
 * process now) is taken over. A second build does not wait: it fails with one line (for cron, the
 * next run builds). It does not guard against two machines sharing a network folder.
 */
import {readFileSync, unlinkSync} from "node:fs";
import {link, mkdir, readFile, rename, unlink, writeFile} from "node:fs/promises";
import path from "node:path";
import {EnvironmentError, fromHere} from "../errors.js";
import {isAlive} from "./publish.js";

/** What a lock file holds, e.g. {"pid":1234,"started":"2026-12-07T11:00:00.000Z","boot":"d558...","ticks":48944}. */
interface Holder {
  pid: number;
  /** when the holder started, for a person reading the file */
  started: string;
  /** Linux: the boot's id and the process's start in clock ticks since boot: a pid reused by another process has other ones */
  boot?: string;
  ticks?: number;
}

const readText = (file: string): string | undefined => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
};

/** Linux's record of when `pid` started (its id of the boot, and clock ticks since), else undefined. */
function startOf(pid: number): {boot: string; ticks: number} | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  const boot = readText("/proc/sys/kernel/random/boot_id")?.trim();
  // "16785 (cat) R 16741 ...": field 22 (starttime) is the 20th after the command's closing parenthesis
  const ticks = Number(stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
  return boot && Number.isInteger(ticks) ? {boot, ticks} : undefined;
}

/** Whether the process that wrote `holder` is still running (a pid alive with another start is not it). */
function isRunning(holder: Holder): boolean {
  if (holder.pid === process.pid) return true;
  if (!isAlive(holder.pid)) return false;
  const now = startOf(holder.pid);
  return holder.boot === undefined || now === undefined || (now.boot === holder.boot && now.ticks === holder.ticks);
}

const parseHolder = (text: string | undefined): Holder | undefined => {
  try {
    const holder = JSON.parse(text ?? "") as Holder;
    return Number.isInteger(holder.pid) && holder.pid > 0 ? holder : undefined;
  } catch {
    return undefined;
  }
};

const sameHolder = (a: Holder | undefined, b: Holder | undefined): boolean =>
  a !== undefined && b !== undefined && a.pid === b.pid && a.ticks === b.ticks && a.started === b.started;

/**
 * Locks `out` for this process: resolves with the release, or throws an EnvironmentError
 * ("another build of site is running (pid 1234)") while a running build holds it. `name`: --out as
 * the user gave it, for that message.
 */
export async function lockOut(out: string, name: string = out): Promise<() => Promise<void>> {
  const lockFile = `${path.resolve(out)}.lock`;
  const holder: Holder = {pid: process.pid, started: new Date(Date.now() - process.uptime() * 1000).toISOString(), ...startOf(process.pid)};
  const text = JSON.stringify(holder) + "\n";
  const busy = (pid: number | undefined) =>
    new EnvironmentError(`another build of ${name} is running${pid === undefined ? "" : ` (pid ${pid})`}; ${fromHere(lockFile)} is its lock`);
  await mkdir(path.dirname(lockFile), {recursive: true});
  const written = `${lockFile}.${process.pid}`;
  await writeFile(written, text).catch((error: NodeJS.ErrnoException) => {
    throw Object.assign(error, {path: lockFile}); // e.g. "read-only file system while writing site.lock"
  });
  try {
    for (let attempt = 0; ; attempt++) {
      const taken = await link(written, lockFile).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === "EEXIST") return false;
          throw error;
        },
      );
      if (taken) break;
      const current = parseHolder(await readFile(lockFile, "utf8").catch(() => undefined));
      if (attempt === 2 || (current !== undefined && isRunning(current))) throw busy(current?.pid);
      // a dead holder's lock (or one removed meanwhile, or unreadable): taken over, unless another build took it first
      const stale = `${lockFile}.stale-${process.pid}`;
      if (
        !(await rename(lockFile, stale).then(
          () => true,
          () => false,
        ))
      )
        continue;
      const moved = parseHolder(await readFile(stale, "utf8").catch(() => undefined));
      if (current !== undefined && !sameHolder(moved, current)) {
        // a build locked it between the read and the rename: its lock goes back
        await link(stale, lockFile).catch(() => {});
        await unlink(stale).catch(() => {});
        throw busy(moved?.pid);
      }
      await unlink(stale).catch(() => {});
    }
  } finally {
    await unlink(written).catch(() => {});
  }
  // a signal ends the process without `finally`: the lock goes first, then the signal does what it would have
  const release = (): void => {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    if (readText(lockFile) === text) {
      try {
        unlinkSync(lockFile);
      } catch {
        // gone already
      }
    }
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    release();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  return async () => release();
}
