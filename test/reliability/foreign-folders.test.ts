/**
 * A build never moves or deletes a folder it did not make. Each case is a temp folder holding a
 * user's files and a log; the real CLI (`bin/activity-report.js build`, run in that folder) builds
 * twice, the second time with another title (not "up to date"). An --out that is a symbolic link,
 * the current, home or root folder, empty, a file, a folder of other files, the input, a folder
 * holding an input or one inside it, and a `.previous` or `--cache` that is not the tool's, are
 * refused with one line and exit 1, and the folder is byte for byte as it was (links included,
 * nothing left beside it). An empty folder, a report of the version before the marker file and a
 * dead build's staging name holding a user's files are built around, the user's files untouched.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {execFile} from "node:child_process";
import {createHash} from "node:crypto";
import {copyFile, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, unlink, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {FIXTURES} from "./site-snapshot.js";

const BIN = path.resolve("bin/activity-report.js");

interface Run {
  code: number;
  stderr: string;
}

/** The real CLI, in `cwd`, with HOME at `<cwd>/home`. */
function cli(cwd: string, flags: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const env = {...process.env, HOME: path.join(cwd, "home"), TZ: "UTC"};
    execFile(
      process.execPath,
      [BIN, "build", "--as-of", "2026-03-31", "--workers", "0", "--quiet", ...flags],
      {cwd, env, timeout: 120_000},
      (error, _stdout, stderr) => {
        resolve({code: error ? Number((error as {code?: number}).code) : 0, stderr});
      },
    );
  });
}

/** Every entry under `root` by relative path: a file's SHA-256, "dir", or a link's target (never followed). */
async function tree(root: string, skip: (relative: string) => boolean = () => false): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const full = path.join(dir, name);
      const relative = path.relative(root, full);
      if (skip(relative)) continue;
      const stats = await lstat(full);
      if (stats.isSymbolicLink()) entries[relative] = `-> ${await readlink(full)}`;
      else if (stats.isDirectory()) {
        entries[`${relative}/`] = "dir";
        await walk(full);
      } else
        entries[relative] = createHash("sha256")
          .update(await readFile(full))
          .digest("hex");
    }
  };
  await walk(root);
  return entries;
}

let tmp = "";

/** A case's folder: the user's files (`notes.txt`, `photos/a.jpg`) and `logs/good.csv`. */
async function userFolder(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await mkdir(path.join(dir, "photos"), {recursive: true});
  await mkdir(path.join(dir, "logs"));
  await mkdir(path.join(dir, "home"));
  await writeFile(path.join(dir, "notes.txt"), "the user's notes\n");
  await writeFile(path.join(dir, "photos", "a.jpg"), "not really a photo");
  await copyFile(path.join(FIXTURES, "good.csv"), path.join(dir, "logs", "good.csv"));
  return dir;
}

/** Builds twice in `dir`; both are refused with a line matching `message`, and `dir` is as it was. */
async function refusedTwice(dir: string, flags: string[], message: RegExp): Promise<void> {
  const before = await tree(dir);
  for (const title of ["first", "second"]) {
    const {code, stderr} = await cli(dir, [...flags, "--title", title]);
    assert.is(code, 1, `${dir}: exit code (stderr: ${stderr})`);
    assert.is(stderr.split("\n").length, 2, `one line: ${stderr}`);
    assert.match(stderr, message);
    assert.ok(stderr.startsWith("activity-report: "), stderr);
    assert.equal(await tree(dir), before, `${dir}: the user's folder changed`);
  }
}

test.before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "ar-foreign-"));
});

test.after(async () => {
  await rm(tmp, {recursive: true, force: true});
});

test("a symbolic link as --out is refused; the folder it points to keeps its files", async () => {
  const dir = await userFolder("link");
  await mkdir(path.join(dir, "target"));
  await writeFile(path.join(dir, "target", "keep.txt"), "mine");
  await symlink("target", path.join(dir, "site"));
  await refusedTwice(
    dir,
    ["--input", "logs", "--out", "site"],
    /^activity-report: --out site is a symbolic link: give the folder it points to, or a new folder/,
  );
});

test("--out . and --out '' and an empty \"out\" in a config file are refused", async () => {
  const dot = await userFolder("dot");
  await refusedTwice(dot, ["--input", "logs", "--out", "."], /^activity-report: --out \. is the current folder: choose an empty or new folder\n$/);
  const empty = await userFolder("empty-flag");
  await refusedTwice(empty, ["--input", "logs", "--out", ""], /^activity-report: --out is empty/);
  const config = await userFolder("empty-config");
  await writeFile(path.join(config, "report.json"), JSON.stringify({input: "logs", out: ""}));
  await refusedTwice(config, ["--config", "report.json"], /^activity-report: --out is empty/);
});

test("--out / and the home folder are refused", async () => {
  const dir = await userFolder("root");
  await refusedTwice(dir, ["--input", "logs", "--out", "/"], /^activity-report: --out \/ is the current folder or holds it/);
  await refusedTwice(dir, ["--input", "logs", "--out", path.join(dir, "home")], /is the home folder: choose an empty or new folder/);
});

test("a folder of the user's files, and a file, as --out are refused, naming a few of the files", async () => {
  const dir = await userFolder("user-files");
  await mkdir(path.join(dir, "site", "drafts"), {recursive: true});
  for (const name of ["notes.txt", "budget.ods", "todo.md"]) await writeFile(path.join(dir, "site", name), name);
  await refusedTwice(
    dir,
    ["--input", "logs", "--out", "site"],
    /^activity-report: --out site holds files that are not a report \(budget\.ods, drafts, notes\.txt, \.\.\.\): choose an empty or new folder\n$/,
  );
  await refusedTwice(
    dir,
    ["--input", "logs", "--out", "notes.txt"],
    /^activity-report: --out notes\.txt is a file, not a folder: choose an empty or new folder\n$/,
  );
});

test("the input folder, a folder holding the input, one inside it, and the input through a link are refused", async () => {
  const dir = await userFolder("inputs");
  await refusedTwice(dir, ["--input", "logs", "--out", "logs"], /^activity-report: --out logs is the input logs: choose an empty or new folder\n$/);
  await refusedTwice(dir, ["--input", "logs/good.csv", "--out", "logs"], /^activity-report: --out logs holds the input logs\/good\.csv/);
  await refusedTwice(dir, ["--input", "logs", "--out", "logs/site"], /^activity-report: --out logs\/site is inside the input folder logs/);
  await symlink("logs", path.join(dir, "logs-link"));
  await refusedTwice(dir, ["--input", "logs-link", "--out", "logs"], /^activity-report: --out logs \(.*\/inputs\/logs\) is the input .*\/inputs\/logs: choose/);
});

test("a <out>.previous or --cache folder the tool did not make is refused", async () => {
  const dir = await userFolder("previous");
  await mkdir(path.join(dir, "site.previous"));
  await writeFile(path.join(dir, "site.previous", "notes.txt"), "mine");
  await refusedTwice(
    dir,
    ["--input", "logs", "--out", "site"],
    /^activity-report: site\.previous holds files that are not a report \(notes\.txt\): the build keeps its last report under that name; move it away\n$/,
  );
  await rm(path.join(dir, "site.previous"), {recursive: true});
  await symlink("photos", path.join(dir, "site.previous"));
  await refusedTwice(dir, ["--input", "logs", "--out", "site"], /^activity-report: site\.previous is a symbolic link/);
  await unlink(path.join(dir, "site.previous"));
  await refusedTwice(
    dir,
    ["--input", "logs", "--out", "site", "--cache", "photos"],
    /^activity-report: --cache photos holds files that are not a build cache \(a\.jpg\)/,
  );
});

test("an empty --out, a report of the version before the marker and a dead build's name holding user files: built twice, the user's files untouched", async () => {
  const dir = await userFolder("built");
  await mkdir(path.join(dir, "site"));
  await mkdir(path.join(dir, "site.staging-999999999"));
  await writeFile(path.join(dir, "site.staging-999999999", "notes.txt"), "not a staging folder");
  const isReport = (relative: string) => /^site(\/|\.previous|\.cache|$)/.test(relative);
  const before = await tree(dir, isReport);
  for (const title of ["first", "second"]) {
    const {code, stderr} = await cli(dir, ["--input", "logs", "--out", "site", "--title", title]);
    assert.is(code, 0, stderr);
    assert.equal(await tree(dir, isReport), before);
  }
  assert.is(JSON.parse(await readFile(path.join(dir, "site", "report.json"), "utf8")).title, "second");
  assert.equal((await readdir(dir)).filter((name) => name.startsWith("site")).sort(), ["site", "site.cache", "site.previous", "site.staging-999999999"]);
  // the version before the marker file: a report is a folder with .fingerprint and report.json
  for (const folder of ["site", "site.previous"]) await unlink(path.join(dir, folder, ".activity-report"));
  const {code, stderr} = await cli(dir, ["--input", "logs", "--out", "site", "--title", "third"]);
  assert.is(code, 0, stderr);
  assert.is(JSON.parse(await readFile(path.join(dir, "site", "report.json"), "utf8")).title, "third");
  assert.equal(await tree(dir, isReport), before);
});

test.run();
