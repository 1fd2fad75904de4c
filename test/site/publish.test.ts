import {test} from "uvu";
import * as assert from "uvu/assert";
import {link, mkdir, readFile, readdir, symlink, unlink, writeFile} from "node:fs/promises";
import {readdirSync, statSync} from "node:fs";
import path from "node:path";
import {createStaging, discardStaging, MARKER_FILE, publishStaging, recoverInterruptedBuilds, removeTree, retirePrevious} from "../../src/site/publish.js";
import {tempDirs} from "../temp-dirs.js";

const tmp = tempDirs(test, "ar-publish-");

/** Resolves when `run` fails with a message matching `pattern`. */
async function rejects(run: () => Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await run().then(
    () => undefined,
    (e: Error) => e,
  );
  assert.ok(error, `expected a failure matching ${pattern}`);
  assert.match(error.message, pattern);
}

const fresh = async () => path.join(await tmp(), "dist");

test("publishStaging swaps a complete build in and keeps the previous one", async () => {
  const out = await fresh();
  const first = await createStaging(out);
  await writeFile(path.join(first, "index.html"), "one");
  await publishStaging(first, out);
  const second = await createStaging(out);
  await writeFile(path.join(second, "index.html"), "two");
  await publishStaging(second, out);
  assert.is(await readFile(path.join(out, "index.html"), "utf8"), "two");
  assert.is(await readFile(`${out}.previous/index.html`, "utf8"), "one");
  assert.equal((await readdir(path.dirname(out))).sort(), ["dist", "dist.previous"]);
});

test("discardStaging leaves the published report untouched", async () => {
  const out = await fresh();
  const first = await createStaging(out);
  await writeFile(path.join(first, "index.html"), "good");
  await publishStaging(first, out);
  const failed = await createStaging(out);
  await writeFile(path.join(failed, "index.html"), "half");
  await discardStaging(failed);
  assert.is(await readFile(path.join(out, "index.html"), "utf8"), "good");
  assert.equal(await readdir(path.dirname(out)), ["dist"]);
});

test("recoverInterruptedBuilds removes dead builds' staging and restores a missing out", async () => {
  const out = await fresh();
  await mkdir(`${out}.staging-999999999`, {recursive: true});
  await writeFile(`${out}.staging-999999999/${MARKER_FILE}`, "");
  await mkdir(`${out}.previous`, {recursive: true});
  await writeFile(`${out}.previous/${MARKER_FILE}`, "");
  await writeFile(`${out}.previous/index.html`, "last good");
  const removed = await recoverInterruptedBuilds(out);
  assert.equal(removed, ["dist.staging-999999999"]);
  assert.is(await readFile(path.join(out, "index.html"), "utf8"), "last good");
});

test("retirePrevious removes <out>.previous, never out, and keeps .previous while out is missing", async () => {
  const root = await tmp();
  const out = path.join(root, "site");
  await mkdir(`${out}.previous`, {recursive: true});
  await writeFile(path.join(`${out}.previous`, MARKER_FILE), "");
  await writeFile(path.join(`${out}.previous`, "index.html"), "before last");
  // no out: .previous may be what recoverInterruptedBuilds restores
  await retirePrevious(out);
  assert.equal(await readdir(root), ["site.previous"]);
  await mkdir(out);
  await writeFile(path.join(out, MARKER_FILE), "");
  await writeFile(path.join(out, "index.html"), "last");
  await retirePrevious(out);
  assert.equal(await readdir(root), ["site"]);
  assert.is(await readFile(path.join(out, "index.html"), "utf8"), "last");
  // publishing afterwards: out becomes .previous, nothing else is left
  const staging = await createStaging(out);
  await writeFile(path.join(staging, "index.html"), "new");
  await (
    await publishStaging(staging, out)
  ).removal;
  assert.equal((await readdir(root)).sort(), ["site", "site.previous"]);
});

test("removeTree removes a report's folders and files, a few at a time, and leaves what its links point to", async () => {
  for (const lanes of [1, 3]) {
    const root = await tmp();
    const keep = path.join(root, "keep");
    await mkdir(path.join(keep, "inside"), {recursive: true});
    await writeFile(path.join(keep, "shared.csv"), "kept");
    const tree = path.join(root, "site.removing-1");
    for (let p = 0; p < 40; p++) {
      const dir = path.join(tree, "week", `2025-W${p}`);
      await mkdir(dir, {recursive: true});
      for (const name of ["index.html", "charts.json", "indicators.json"]) await writeFile(path.join(dir, name), name);
      await link(path.join(keep, "shared.csv"), path.join(dir, "activity.csv")); // a kept folder's hard link
    }
    await mkdir(path.join(tree, "empty", "deeper"), {recursive: true});
    await symlink(keep, path.join(tree, "link-to-keep"), "dir");
    await removeTree(tree, lanes);
    assert.equal(await readdir(root), ["keep"], `lanes ${lanes}`);
    assert.equal((await readdir(keep)).sort(), ["inside", "shared.csv"], "the symlink's target is not followed");
    assert.is(await readFile(path.join(keep, "shared.csv"), "utf8"), "kept");
    await removeTree(tree, lanes); // gone already: nothing to do
  }
});

test("removeTree removes the downloads first and says so: the cache's spares, their links, are free before the other files go", async () => {
  const root = await tmp();
  const tree = path.join(root, "site.removing-1");
  for (let p = 0; p < 20; p++) {
    const dir = path.join(tree, "week", `2025-W${p}`);
    await mkdir(dir, {recursive: true});
    for (const name of ["index.html", "charts.json", "indicators.json", "activity.csv", "activity.json"]) await writeFile(path.join(dir, name), name);
  }
  await writeFile(path.join(tree, "activity.csv"), "whole log");
  const spare = path.join(root, "spare.csv");
  await link(path.join(tree, "activity.csv"), spare);
  let seen: {downloads: string[]; others: number; spareLinks: number} | undefined;
  await removeTree(tree, 1, () => {
    const names = readdirSync(tree, {recursive: true})
      .map(String)
      .filter((name) => /\.(?:csv|json|html)$/.test(name));
    const downloads = names.filter((name) => /activity\.(?:csv|json)$/.test(name));
    seen = {downloads, others: names.length - downloads.length, spareLinks: statSync(spare).nlink};
  });
  assert.ok(seen, "downloadsGone was called");
  assert.equal(seen!.downloads, [], "no download left when called");
  assert.is(seen!.others, 60, "every other file still there: the downloads went first");
  assert.ok(seen, "downloadsGone was called");
  assert.is(seen!.spareLinks, 1, "the spare's other link, the retired report's download, was gone when called");
  assert.equal(await readdir(root), ["spare.csv"], "then everything else went");
});

test("a staging folder carries the marker from the start, and so does the report it becomes", async () => {
  const out = await fresh();
  const staging = await createStaging(out);
  assert.equal(await readdir(staging), [MARKER_FILE]);
  await publishStaging(staging, out);
  assert.equal(await readdir(out), [MARKER_FILE]);
});

test("a <out>.previous linking to a user's folder is refused, never followed: the folder keeps its files", async () => {
  const root = await tmp();
  const out = path.join(root, "site");
  await mkdir(path.join(root, "mine"));
  await writeFile(path.join(root, "mine", "notes.txt"), "mine");
  await mkdir(out);
  await writeFile(path.join(out, MARKER_FILE), "");
  await symlink("mine", `${out}.previous`);
  await rejects(() => retirePrevious(out), /site\.previous is a symbolic link: not removed/);
  const staging = await createStaging(out);
  await rejects(() => publishStaging(staging, out), /site\.previous is a symbolic link: not removed/);
  assert.equal(await readdir(path.join(root, "mine")), ["notes.txt"]);
  // the same for a removing folder, were it a link: unlinked, not emptied
  await symlink("mine", `${out}.removing-1`);
  await removeTree(`${out}.removing-1`);
  assert.equal(await readdir(path.join(root, "mine")), ["notes.txt"]);
});

test("publishStaging refuses an <out> the tool did not make, and removes an empty one", async () => {
  const out = await fresh();
  await mkdir(out);
  await writeFile(path.join(out, "notes.txt"), "mine");
  await rejects(
    () => createStaging(out).then((staging) => publishStaging(staging, out)),
    /--out .*dist holds files that are not a report \(notes\.txt\): not replaced/,
  );
  assert.equal(await readdir(out), ["notes.txt"]);
  await unlink(path.join(out, "notes.txt"));
  const staging = await createStaging(out);
  await publishStaging(staging, out);
  assert.equal((await readdir(path.dirname(out))).sort(), ["dist"], "no .previous for an empty folder");
});

test("recoverInterruptedBuilds leaves what a build did not make under a dead build's name, and a .previous that is not a report", async () => {
  const out = await fresh();
  await mkdir(`${out}.staging-999999999`, {recursive: true});
  await writeFile(`${out}.staging-999999999/notes.txt`, "mine");
  await mkdir(`${out}.removing-999999998`);
  await writeFile(`${out}.removing-999999998/notes.txt`, "mine too");
  await mkdir(`${out}.previous`);
  await writeFile(`${out}.previous/notes.txt`, "not a report");
  assert.equal(await recoverInterruptedBuilds(out), []);
  assert.equal((await readdir(path.dirname(out))).sort(), ["dist.previous", "dist.removing-999999998", "dist.staging-999999999"]);
});

test.run();
