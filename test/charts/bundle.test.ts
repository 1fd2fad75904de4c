import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtemp, readFile, readdir, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {bundleKey, bundleLiveCharts} from "../../src/charts/bundle.js";

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

test.run();
