/**
 * The folders a build may never write, judged from the paths alone: --out may not be the current or
 * home folder, an input or hold one; --cache may not overlap them or --out. site/out-folder.ts checks
 * what only the disk can tell (what the folder holds, symbolic links).
 */
import path from "node:path";

/** Whether `inner` is `outer` or a path inside it (paths as given, resolved; links are not followed). */
export function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(path.resolve(outer), path.resolve(inner));
  return relative === "" || (relative !== ".." && !relative.startsWith(".." + path.sep) && !path.isAbsolute(relative));
}

/** The folders a build may never replace: where the user stands, and home. */
export interface Places {
  /** defaults to process.cwd() */
  cwd: string;
  /** defaults to os.homedir() */
  home: string;
}

/**
 * Why a build may not replace `out` (moved aside, then deleted by the next build), judged from the
 * paths alone, or undefined: an empty path, the current or home folder or one holding them (`/`),
 * an input, a folder holding an input or one inside an input folder. out-folder.ts checks what only
 * the disk can tell (what the folder holds, symbolic links).
 */
export function outProblem(out: string, inputs: string[], places: Places): string | undefined {
  if (out.trim() === "") return "--out is empty: give the folder the report goes to, e.g. dist";
  const at = (file: string) => path.resolve(places.cwd, file);
  const [target, cwd, home] = [at(out), at(places.cwd), at(places.home)];
  const name = `--out ${out}`;
  const choose = "choose an empty or new folder";
  if (isWithin(cwd, target)) return `${name} is the current folder${target === cwd ? "" : " or holds it"}: ${choose}`;
  if (isWithin(home, target)) return `${name} is the home folder${target === home ? "" : " or holds it"}: ${choose}`;
  for (const input of inputs) {
    if (isWithin(at(input), target)) return `${name} ${at(input) === target ? "is" : "holds"} the input ${input}: ${choose}`;
    if (isWithin(target, at(input))) return `${name} is inside the input folder ${input}: ${choose}`;
  }
  return undefined;
}

/** The same for the build cache (--cache), which may not be or hold an input or the report, nor be inside either. */
export function cacheProblem(cache: string, out: string, inputs: string[], places: Places): string | undefined {
  if (cache.trim() === "") return "--cache is empty: give a folder, or --no-cache";
  const at = (file: string) => path.resolve(places.cwd, file);
  const target = at(cache);
  const name = `--cache ${cache}`;
  if (isWithin(at(places.cwd), target) || isWithin(at(places.home), target))
    return `${name} is or holds the current or home folder: choose an empty or new folder`;
  if (isWithin(target, at(out)) || isWithin(at(out), target))
    return `${name} is, holds or is inside --out ${out}: keep them apart (the default is <out>.cache)`;
  for (const input of inputs) {
    if (isWithin(at(input), target) || isWithin(target, at(input))) return `${name} is, holds or is inside the input ${input}: choose an empty or new folder`;
  }
  return undefined;
}
