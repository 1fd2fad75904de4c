import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtemp, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {actionPalette} from "../../src/charts/palette.js";
import {chartSpecs} from "../../src/charts/registry.js";
import {renderChart} from "../../src/charts/render.js";
import {chartSpecsJson} from "../../src/site/chart-specs.js";
import {renderSite} from "../../src/site/render-site.js";
import {BUSY_ACTIONS, busyMonth} from "../fixtures/charts/busy-month.js";
import {period, siteInput} from "../fixtures/site/site-input.js";

test("a busy month's page with its real charts and their inline specs stays under 400 KB of HTML", async () => {
  const out = await mkdtemp(path.join(tmpdir(), "site-weight-"));
  try {
    const indicators = busyMonth();
    const charts = await Promise.all(chartSpecs(indicators, actionPalette([...BUSY_ACTIONS].sort())).map((spec) => renderChart(spec)));
    const march = period("month", "2025-03", "month/2025-03/", "2025-03-01T00:00:00+01:00", "2025-04-01T00:00:00+02:00");
    const input = siteInput(out);
    input.pages = input.pages.filter((page) => page.period.key !== "2025-03");
    input.pages.push({
      period: march,
      indicators,
      charts,
      downloads: {csv: {href: "activity.csv", rows: 1, bytes: 1}, json: {href: "activity.json", rows: 1, bytes: 1}},
      chartSpecs: chartSpecsJson(charts),
    });
    await renderSite(input);
    const html = await readFile(path.join(out, "month/2025-03/index.html"), "utf8");
    const bytes = Buffer.byteLength(html);
    console.log(`busy month page: ${Math.round(bytes / 1000)} kB`);
    assert.is(html.split("<svg").length - 1, 8);
    assert.ok(html.includes('<script type="application/json" id="chart-specs">{"charts":'), "the specs are in the page");
    assert.ok(bytes < 400_000, `${bytes} bytes`);
  } finally {
    await rm(out, {recursive: true, force: true});
  }
});

test.run();
