import {test} from "uvu";
import * as assert from "uvu/assert";
// Eleventy's own configuration object, as the page worker's Eleventy makes it
// @ts-expect-error -- Eleventy ships JSDoc, no declarations; src/site/eleventy.d.ts covers its main module only
import UserConfig from "../../node_modules/@11ty/eleventy/src/UserConfig.js";
import {siteConfig} from "../../src/site/eleventy-config.js";
import type {SiteModel} from "../../src/site/page-model.js";

/** What a slow benchmark of the configuration prints through console.warn once finished (60 ms of 100). */
function warningsOfASlowBenchmark(config: {
  benchmarkManager: {get(name: string): {get(type: string): {before(): void; after(): void}; finish(label: string, total: number): void}};
}): string[] {
  const group = config.benchmarkManager.get("Configuration");
  const benchmark = group.get("slow transform");
  benchmark.before();
  const until = performance.now() + 60;
  while (performance.now() < until);
  benchmark.after();
  const warned: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warned.push(args.join(" "));
  try {
    group.finish("Configuration", 100);
  } finally {
    console.warn = warn;
  }
  return warned;
}

test("the site's Eleventy configuration silences the configuration's benchmarks: a slow one prints nothing", () => {
  const Config = UserConfig as unknown as new () => Parameters<typeof warningsOfASlowBenchmark>[0];
  assert.ok(
    warningsOfASlowBenchmark(new Config()).some((line) => line.includes("Benchmark")),
    "Eleventy alone warns",
  );
  const config = new Config();
  siteConfig({} as SiteModel)(config as never);
  assert.equal(warningsOfASlowBenchmark(config), []);
});

test.run();
