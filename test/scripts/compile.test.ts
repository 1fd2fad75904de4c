/**
 * What scripts/compile.mjs leaves in .build/ (made by `npm ci` through `prepare`) besides one file per
 * source: the chart renderer bundled with its libraries, Arquero as one module that every compiled
 * file imports instead of node_modules/arquero (one copy of its classes in the process), and Eleventy
 * as one module for the page worker.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {mkdtemp, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {renderSite} from "../../src/site/render-site.js";
import {siteInput} from "../fixtures/site/site-input.js";

const BUILD = fileURLToPath(new URL("../../.build/", import.meta.url));
const compiled = () =>
  readdirSync(BUILD, {recursive: true})
    .map(String)
    .filter((file) => file.endsWith(".js") && !file.startsWith("vendor"));

test(".build exists (npm ci runs scripts/compile.mjs)", () => {
  assert.ok(existsSync(path.join(BUILD, ".compiled")), "run `npm ci` or `npm run prepare`");
});

test("no compiled file imports node_modules/arquero: all import .build/vendor/arquero.js", () => {
  let vendored = 0;
  for (const file of compiled()) {
    const text = readFileSync(path.join(BUILD, file), "utf8");
    assert.not.match(text, /(from\s*|import\s*\(\s*)"arquero"/, file);
    if (text.includes('/vendor/arquero.js"')) vendored++;
  }
  assert.ok(vendored >= 3, `${vendored} files import the vendored Arquero`);
});

test("the vendored Arquero is Arquero: a table, a filter, a rollup", async () => {
  const aq = await import(pathToFileURL(path.join(BUILD, "vendor", "arquero.js")).href);
  const rolled = aq
    .table({action: ["a", "b", "a"], n: [1, 2, 3]})
    .filter((d: {n: number}) => d.n > 1)
    .groupby("action")
    .rollup({count: aq.op.count()})
    .orderby("action");
  assert.equal(rolled.objects(), [
    {action: "a", count: 1},
    {action: "b", count: 1},
  ]);
});

test("the compiled page renderer imports the vendored Eleventy, not node_modules/@11ty/eleventy", () => {
  for (const file of compiled()) assert.not.match(readFileSync(path.join(BUILD, file), "utf8"), /(from\s*|import\s*\(\s*)"@11ty\/eleventy"/, file);
  assert.match(readFileSync(path.join(BUILD, "site", "render-site.js"), "utf8"), /from "\.\.\/vendor\/eleventy\/src\/Util\/eleventy\.js"/);
});

test("the vendored Eleventy writes the same files, byte for byte, as node_modules' Eleventy", async () => {
  // the compiled renderSite (vendored Eleventy) against the source one (node_modules, through tsx)
  const compiledSite = (await import(pathToFileURL(path.join(BUILD, "site", "render-site.js")).href)) as {renderSite: typeof renderSite};
  const root = await mkdtemp(path.join(tmpdir(), "vendored-eleventy-"));
  try {
    const [vendored, modules] = [path.join(root, "vendored"), path.join(root, "modules")];
    await compiledSite.renderSite(siteInput(vendored));
    await renderSite(siteInput(modules));
    const files = (dir: string) =>
      readdirSync(dir, {recursive: true})
        .map(String)
        .filter((file) => file.includes("."))
        .sort();
    assert.equal(files(vendored), files(modules));
    assert.ok(files(vendored).filter((file) => file.endsWith("index.html")).length >= 10, "pages written");
    for (const file of files(modules)) assert.ok((await readFile(path.join(vendored, file))).equals(await readFile(path.join(modules, file))), file);
  } finally {
    await rm(root, {recursive: true, force: true});
  }
});

test("the bundled chart renderer is there for the chart workers", () => {
  assert.ok(existsSync(path.join(BUILD, "charts", "render.bundle.js")));
});

test.run();
