/**
 * Temporary folders for one test file, removed when its suite ends (uvu's `after` hook), so that a run
 * of the suite leaves nothing in the system's temp folder.
 */
import {mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import type {Test} from "uvu";

/** A maker of fresh folders named `prefix`XXXXXX under the temp folder, each removed after `suite`'s tests. */
export function tempDirs(suite: Test, prefix: string): () => Promise<string> {
  const made: string[] = [];
  suite.after(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, {recursive: true, force: true})));
  });
  return async () => {
    const dir = await mkdtemp(path.join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
