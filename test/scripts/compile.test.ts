/**
 * What scripts/compile.mjs leaves in .build/ (made by `npm ci` through `prepare`) besides one file per
 * source: the chart renderer bundled with its libraries, and Arquero as one module that every
 * compiled file imports instead of node_modules/arquero (one copy of its classes in the process).
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {existsSync, readdirSync, readFileSync} from "node:fs";
import path from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";

const BUILD = fileURLToPath(new URL("../../.build/", import.meta.url));
const compiled = () => readdirSync(BUILD, {recursive: true}).map(String).filter((file) => file.endsWith(".js") && !file.startsWith("vendor"));

test(".build exists (npm ci runs scripts/compile.mjs)", () => {
  assert.ok(existsSync(path.join(BUILD, ".compiled")), "run `npm ci` or `npm run prepare`");
});

test("no compiled file imports node_modules/arquero: all import .build/vendor/arquero.js", () => {
  let vendored = 0;
  for (const file of compiled()) {
    const text = readFileSync(path.join(BUILD, file), "utf8");
    assert.not.match(text, /(from\s*|import\s*\(\s*)"arquero"/, file);
    if (text.includes("/vendor/arquero.js\"")) vendored++;
  }
  assert.ok(vendored >= 3, `${vendored} files import the vendored Arquero`);
});

test("the vendored Arquero is Arquero: a table, a filter, a rollup", async () => {
  const aq = await import(pathToFileURL(path.join(BUILD, "vendor", "arquero.js")).href);
  const rolled = aq.table({action: ["a", "b", "a"], n: [1, 2, 3]}).filter((d: {n: number}) => d.n > 1).groupby("action").rollup({count: aq.op.count()}).orderby("action");
  assert.equal(rolled.objects(), [{action: "a", count: 1}, {action: "b", count: 1}]);
});

test("the bundled chart renderer is there for the chart workers", () => {
  assert.ok(existsSync(path.join(BUILD, "charts", "render.bundle.js")));
});

test.run();
