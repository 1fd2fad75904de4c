/**
 * The email of the sample's November 2026, its HTML part shown in Chromium at a phone's width
 * (360 x 740), its chart images in place of their cid: links: each chart's smallest text comes out
 * at 9 px or more on screen (the font size vega drew it at, times the width the image is shown at
 * over the width the chart was laid out at), drawn at twice the pixels or more, and the message
 * does not scroll sideways.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {readFile} from "node:fs/promises";
import path from "node:path";
import {parse, View, type Spec} from "vega";
import {composeEmail} from "../../src/email/email-command.js";
import {emailHtml} from "../../src/email/email-html.js";
import {builtSample, launchBrowser} from "./helpers.js";

/** The width a chart's SVG is laid out at and its smallest font size, both in px, as vega draws it. */
async function chartGeometry(spec: Spec): Promise<{width: number; fontSize: number}> {
  const view = new View(parse(spec), {renderer: "none"});
  const svg = await view.toSVG();
  view.finalize();
  const sizes = [...svg.matchAll(/font-size="([\d.]+)px"/g)].map((match) => Number(match[1]));
  return {width: Number(/^<svg[^>]*\swidth="([\d.]+)"/.exec(svg)![1]), fontSize: Math.min(...sizes)};
}

test("email on a 360 px phone: chart text at 9 px or more, at 2x pixels, no sideways scrolling", async () => {
  const dir = await builtSample();
  const {content} = await composeEmail(
    {
      report: dir,
      period: {kind: "exact", type: "month", key: "2026-11"},
      asOf: undefined,
      eml: "out.eml",
      to: [],
      from: "activity-report <activity-report@localhost>",
      subject: undefined,
      baseUrl: undefined,
      attachCsv: false,
      smtpUrl: undefined,
      lang: undefined,
    },
    {readFile: (file) => readFile(file), now: () => new Date("2026-12-07T06:00:00Z")},
  );
  assert.is(content.charts.length, 2);
  const specs = JSON.parse(await readFile(path.join(dir, "month/2026-11/charts.json"), "utf8")).charts as {id: string; vega: Spec}[];
  let html = emailHtml(content);
  for (const chart of content.charts) html = html.replace(`cid:${chart.cid}`, `data:image/png;base64,${chart.image.png.toString("base64")}`);

  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({viewport: {width: 360, height: 740}});
    await page.setContent(html, {waitUntil: "load"});
    const shown = await page.$$eval("img", (images) => images.map((image) => ({width: image.getBoundingClientRect().width, natural: image.naturalWidth})));
    assert.is(shown.length, 2);
    for (const [i, chart] of content.charts.entries()) {
      const {width, fontSize} = await chartGeometry(specs.find((spec) => spec.id === chart.id)!.vega);
      const onScreen = (fontSize * shown[i].width) / width;
      assert.ok(onScreen >= 9, `${chart.id}: ${fontSize} px text of a ${width} px chart shown ${shown[i].width} px wide: ${onScreen.toFixed(1)} px`);
      assert.ok(shown[i].natural >= 2 * shown[i].width, `${chart.id}: ${shown[i].natural} px image shown ${shown[i].width} px wide`);
    }
    assert.ok(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth));
  } finally {
    await browser.close();
  }
});

test.run();
