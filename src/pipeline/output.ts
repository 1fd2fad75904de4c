/**
 * The build's output folder as one effects object: where the new report is written (a staging folder
 * beside `--out`), the folders kept from the published report (hard links), the publish (a swap of
 * folders), and the clean-up of a failed build. The rules of publishing (site/publish.ts: markers,
 * `<out>.previous`, what a killed build left) are applied here and nowhere else in the build.
 */
import {link, mkdir, readdir, writeFile} from "node:fs/promises";
import path from "node:path";
import type {BuildConfig} from "../config.js";
import {fromHere} from "../errors.js";
import {publishedFingerprint} from "../fingerprint.js";
import {createStaging, discardStaging, publishStaging, recoverInterruptedBuilds, retirePrevious} from "../site/publish.js";
import type {Runtime} from "./runtime.js";

/** What every period folder holds. */
const PERIOD_FILES = ["index.html", "indicators.json", "charts.json", "activity.csv", "activity.json"];
/** The files of a period folder that list its rows in order (written again when only that order changed). */
const DOWNLOAD_FILES = ["activity.csv", "activity.json"];

export interface Output {
  /** `--out`, resolved */
  readonly out: string;
  /** the staging folder: every file of the new report is written in it, e.g. "dist.staging-4242" */
  readonly dir: string;
  /** settles once what killed builds left is cleaned up (and `<out>` restored if one left none): before reading `<out>` */
  recovered(): Promise<void>;
  /** settles once `<out>.previous` (the build before last) is gone */
  readonly retired: Promise<void>;
  /**
   * resolves once the downloads of `<out>.previous`, which link the cache's spare copies too, are
   * gone (before the rest of that folder), or once it is retired or failed to be
   */
  readonly sparesFree: Promise<void>;
  /** the fingerprint of the published report (`<out>/.fingerprint`), if any */
  publishedFingerprint(): Promise<string | undefined>;
  /** writes a file of the report, e.g. writeFile(".fingerprint", "…") */
  writeFile(relative: string, data: string): Promise<void>;
  /**
   * hard-links a period's folder of the published report into the staging folder, when it is whole
   * (page, data, charts, downloads); false when anything is missing: then the period is rendered.
   * `withoutDownloads`: all but its activity.csv and activity.json, which the build writes again
   */
  keepPeriod(periodPath: string, withoutDownloads?: boolean): Promise<boolean>;
  /** swaps the staging folder into place; `removal` settles once the report before last is deleted */
  publish(): Promise<{removal: Promise<void>}>;
  /** removes the staging folder after a failure; a removal's trouble is logged, not thrown */
  discard(log: (message: string) => void): Promise<void>;
  /** a file of the build as the user knows it: one in the staging folder as the report's, e.g. "site/month/2025-03/activity.csv" */
  shownPath(file: string): string;
}

/** Makes the staging folder of a build of `config.out`, and starts the recovery and the retiring of `<out>.previous`. */
export async function openOutput(config: BuildConfig, run: Runtime): Promise<Output> {
  const out = path.resolve(config.out);
  // what killed builds left is cleaned up first: these few file operations waited ~0.08 s of a
  // night behind the thousands that remove <out>.previous
  const recovered = recoverInterruptedBuilds(config.out);
  recovered.catch(() => {}); // awaited by recovered() or the publish
  // the build before last's folder goes while this one works, once the recovery has decided
  // whether <out>.previous is the report to keep
  let downloadsGone = () => {};
  const sparesFree = new Promise<void>((resolve) => (downloadsGone = resolve));
  const retired = recovered.then(() => retirePrevious(config.out, process.pid, downloadsGone));
  retired.catch(() => {}); // awaited before the publish
  retired.finally(downloadsGone).catch(() => {});
  // the staging folder comes first: a cold build writes the whole log's downloads into it while it
  // reads the log (downloads/source-stream.ts)
  const dir = await run.timed("publish", () => createStaging(config.out));
  return {
    out,
    dir,
    recovered: () => run.timed("publish", () => recovered.then(() => {})),
    retired,
    sparesFree,
    publishedFingerprint: () => publishedFingerprint(config.out),
    writeFile: (relative, data) => writeFile(path.join(dir, relative), data),
    keepPeriod: async (periodPath, withoutDownloads = false) => {
      // the published report is the one the cache describes (same build fingerprint): sizes are not checked
      const from = path.join(out, periodPath);
      const entries = await readdir(from, {withFileTypes: true}).catch(() => []);
      const files = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
      if (!PERIOD_FILES.every((name) => files.includes(name))) return false;
      const to = path.join(dir, periodPath);
      await mkdir(to, {recursive: true});
      const linked = withoutDownloads ? files.filter((name) => !DOWNLOAD_FILES.includes(name)) : files;
      await Promise.all(linked.map((name) => link(path.join(from, name), path.join(to, name))));
      return true;
    },
    publish: async () => {
      await run.timed("publish", () => retired);
      return run.timed("publish", () => publishStaging(dir, config.out));
    },
    discard: (log) => discardStaging(dir).catch((cleanup: Error) => log(`${dir} not removed (${cleanup.message}): the next build removes it`)),
    shownPath: (file) => {
      const inStaging = path.relative(dir, file);
      return !inStaging.startsWith("..") && !path.isAbsolute(inStaging) ? path.join(config.out, inStaging) : fromHere(file);
    },
  };
}
