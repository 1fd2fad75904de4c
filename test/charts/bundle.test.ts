import {test} from "uvu";
import * as assert from "uvu/assert";
import {cp, mkdtemp, readFile, readdir, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {bundleKey, bundleLiveCharts, LIVE_CHARTS_SOURCE, sourcesKey} from "../../src/charts/bundle.js";

test("bundleLiveCharts: runs esbuild once, then copies the cached bundle", async () => {
  const dir = await mkdtemp(join(tmpdir(), "charts-bundle-"));
  try {
    const cacheDir = join(dir, "cache");
    const first = await bundleLiveCharts(join(dir, "a", "live-charts.js"), {cacheDir});
    const second = await bundleLiveCharts(join(dir, "b", "live-charts.js"), {cacheDir});
    assert.is(first.cached, false);
    assert.is(second.cached, true);
    assert.is(second.bytes, first.bytes);
    const [a, b] = await Promise.all([readFile(first.outFile, "utf8"), readFile(second.outFile, "utf8")]);
    assert.is(a, b);
    // one file in the cache, named by the key
    assert.equal(await readdir(cacheDir), [`live-charts-${await bundleKey()}.js`]);
    // an IIFE holding vega and the interpreter, not an ES module
    assert.ok(first.bytes > 200_000 && first.bytes < 1_000_000, `${first.bytes} bytes`);
    assert.not.match(a, /^\s*(import|export)\s/m);
    assert.match(a, "vlSelectionTest");
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
});

test("bundleKey: stable, 16 hex digits", async () => {
  const key = await bundleKey();
  assert.match(key, /^[0-9a-f]{16}$/);
  assert.is(await bundleKey(), key);
});

test("the key changes with a module the live charts import from outside browser/ (the legend's words, i18n/en.ts)", async () => {
  const src = dirname(dirname(dirname(LIVE_CHARTS_SOURCE)));
  assert.match(await readFile(join(src, "charts", "browser", "legend-buttons.ts"), "utf8"), '"../../i18n/en.js"', "the import this test is about");
  const dir = await mkdtemp(join(tmpdir(), "charts-key-"));
  try {
    await cp(src, join(dir, "src"), {recursive: true});
    const packages = ["vega", "vega-interpreter", "esbuild"];
    const before = await sourcesKey(packages, join(dir, "src"));
    assert.is(before, await bundleKey(), "the live charts' key is the sources' key of src/");
    const en = join(dir, "src", "i18n", "en.ts");
    await writeFile(en, (await readFile(en, "utf8")) + "\n// a word changed\n");
    assert.is.not(await sourcesKey(packages, join(dir, "src")), before);
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
});

test.run();
