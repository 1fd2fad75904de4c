import {test} from "uvu";
import * as assert from "uvu/assert";
import {chartSpecs} from "../../src/charts/registry.js";
import {actionPalette} from "../../src/charts/palette.js";
import {parse, View, type Spec} from "vega";
import {expressionInterpreter} from "vega-interpreter";
import {chartRenderer, compileChart, renderChart, roundGeometry, shapeCompiler, withViewBox, type ParseCounts} from "../../src/charts/render.js";
import {chartSpecsJson} from "../../src/site/chart-specs.js";
import {CHART_WIDTH} from "../../src/charts/chart-base.js";
import {fixture, FIXTURE_ACTIONS} from "../fixtures/charts/load.js";
import {EXPRESSION_BREAKERS, HOSTILE, hostilePeriod} from "../fixtures/charts/hostile.js";
import {BUSY_ACTIONS, busyMonth} from "../fixtures/charts/busy-month.js";

const renderAll = (charts: Parameters<typeof renderChart>[0][]) => Promise.all(charts.map(renderChart));

test("renderChart: SVG with a viewBox matching its size, no script, compiled vega spec", async () => {
  const charts = await renderAll(chartSpecs(fixture("week"), actionPalette(FIXTURE_ACTIONS)));
  for (const chart of charts) {
    const root = /^<svg\b[^>]*>/.exec(chart.svg)?.[0] ?? "";
    const [, width, height] = /\bwidth="(\d+)" height="(\d+)"/.exec(root) ?? [];
    // one width for all, so the page scales them alike
    assert.is(width, String(CHART_WIDTH), chart.id);
    assert.match(root, `viewBox="0 0 ${width} ${height}"`, chart.id);
    assert.not.match(chart.svg, /<script/i, chart.id);
    assert.ok(Array.isArray(chart.vega.marks), chart.id);
  }
});

test("renderChart: non-empty charts render without a vega or vega-lite warning", async () => {
  const warnings: string[] = [];
  const render = chartRenderer((message) => warnings.push(message));
  for (const chart of chartSpecs(fixture("week"), actionPalette(FIXTURE_ACTIONS))) {
    if (chart.id !== "top-pages") await render(chart); // week 10 has no page: empty chart
  }
  assert.equal(warnings, []);
});

test("renderChart: hostile log strings are escaped text in every chart", async () => {
  const charts = await renderAll(chartSpecs(hostilePeriod(), actionPalette(HOSTILE)));
  const svg = charts.map((chart) => chart.svg).join("\n");
  assert.not.match(svg, /<script/i);
  assert.not.match(svg, /<img/i);
  assert.not.match(svg, /<!--/);
  assert.not.match(svg, /\u202E/);
  // every "&" starts an entity
  assert.not.match(svg, /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/);
  assert.match(svg, ">&lt;script&gt;alert(1)&lt;/script&gt;</text>");
  assert.match(svg, ">&lt;/script&gt;&lt;!--</text>");
  assert.match(svg, ">&amp;amp;</text>");
  assert.match(svg, ">evil[U+202E]txt.exe</text>");
  // in attributes (aria-label) the quote is escaped too
  assert.match(svg, /aria-label="[^"]*&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;/);
});

test("renderChart: a 60-character action name is drawn whole in the legend", async () => {
  const long = `publish_dataset_with_a_very_long_name_${"x".repeat(22)}`;
  assert.is(long.length, 60);
  const palette = actionPalette([long, "add_user"]);
  const indicators = {
    ...fixture("next-week"),
    distribution: [
      {action: long, count: 3, share: 0.6},
      {action: "add_user", count: 2, share: 0.4},
    ],
  };
  indicators.actions = {...indicators.actions, series: [{bucket: "2025-03-11", action: long, count: 3}]};
  const [actions] = await renderAll(chartSpecs(indicators, palette).filter((chart) => chart.id === "actions"));
  const [donut] = await renderAll(chartSpecs(indicators, palette).filter((chart) => chart.id === "distribution"));
  for (const chart of [actions, donut]) {
    const texts = [...chart.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
    assert.ok(
      texts.some((text) => text.startsWith(`Publish dataset with a very long name ${"x".repeat(22)}`)),
      chart.id,
    );
    assert.not.ok(
      texts.some((text) => text.includes("…")),
      chart.id,
    );
  }
});

test("shapeCompiler: a chart of a known shape reuses its compiled spec, and equals a fresh compile", () => {
  const compile = shapeCompiler();
  const palette = actionPalette(FIXTURE_ACTIONS);
  const specs = (["week", "next-week", "empty", "week"] as const).flatMap((name) => chartSpecs(fixture(name), palette));
  const hostile = chartSpecs(hostilePeriod(), actionPalette(HOSTILE));
  const compiled = [...specs, ...hostile].map((chart) => ({chart, spec: compile(chart.vegaLite)}));
  for (const {chart, spec} of compiled) {
    // the same bytes in charts.json, the same SVG: every key in the same order
    assert.is(JSON.stringify(spec), JSON.stringify(compileChart(chart.vegaLite)), chart.id);
  }
  // the second "week" compiles nothing: its specs share their marks with the first's
  const perPage = specs.length / 4;
  const first = compiled.slice(0, perPage);
  const again = compiled.slice(3 * perPage, 4 * perPage);
  assert.equal(
    again.map(({spec}) => spec.marks),
    first.map(({spec}) => spec.marks),
  );
  again.forEach(({spec}, i) => assert.ok(spec.marks === first[i].spec.marks, `${first[i].chart.id}: shape reused`));
  // another period's data and description, in the shared shape
  assert.not.equal(again[0].spec.data, compiled[perPage].spec.data);
  // the donuts of the week, the next week and the empty period differ in their legend entries and
  // colours, which are parameters: one shape for the three, with each one's values in its signals
  const donuts = compiled.slice(0, 4 * perPage).filter(({chart}) => chart.id === "distribution");
  assert.is(donuts.length, 4);
  donuts.forEach(({spec}, i) => assert.ok(spec.marks === donuts[0].spec.marks, `donut ${i}: shape reused`));
  const entries = donuts.map(({spec}) => (spec.signals!.find((signal) => signal.name === "entries") as {value: string[]}).value);
  assert.equal(entries.slice(0, 3), [["Edit dataset: 71.4%", "Publish dataset: 21.4%", "Add user: 7.1%"], ["Edit page: 60.0%", "Add user: 40.0%"], []]);
});

test("shapeCompiler: rendering with a shared shape leaves it as compiled", async () => {
  const render = chartRenderer(() => {});
  const palette = actionPalette(FIXTURE_ACTIONS);
  const before = await Promise.all(chartSpecs(fixture("week"), palette).map(render));
  await Promise.all(chartSpecs(fixture("next-week"), palette).map(render));
  const after = await Promise.all(chartSpecs(fixture("week"), palette).map(render));
  assert.equal(
    after.map((chart) => chart.svg),
    before.map((chart) => chart.svg),
  );
  assert.equal(
    after.map((chart) => JSON.stringify(chart.vega)),
    before.map((chart) => JSON.stringify(chart.vega)),
  );
  // and as a renderer without any shape known would draw them
  const fresh = await Promise.all(chartSpecs(fixture("week"), palette).map((chart) => chartRenderer(() => {})(chart)));
  assert.equal(
    after.map((chart) => chart.svg),
    fresh.map((chart) => chart.svg),
  );
});

/** The SVG the browser's path (AST + vega-interpreter, no generated code) draws of a compiled spec. */
async function interpretedSvg(vega: Spec): Promise<string> {
  const view = new View(parse(vega, undefined, {ast: true}), {renderer: "none", expr: expressionInterpreter as never});
  try {
    return withViewBox(roundGeometry(await view.toSVG()));
  } finally {
    view.finalize();
  }
}

/** Every piece of generated expression code in vega's parse of a spec. */
function expressionCode(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) expressionCode(item, found);
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key === "code" && typeof item === "string") found.push(item);
      else expressionCode(item, found);
    }
  }
  return found;
}

const periodsToDraw = () => [
  {name: "week", charts: chartSpecs(fixture("week"), actionPalette(FIXTURE_ACTIONS)), strings: [] as readonly string[]},
  {name: "empty", charts: chartSpecs(fixture("empty"), actionPalette(FIXTURE_ACTIONS)), strings: [] as readonly string[]},
  {name: "hostile", charts: chartSpecs(hostilePeriod(), actionPalette(HOSTILE)), strings: HOSTILE},
  {name: "expression breakers", charts: chartSpecs(hostilePeriod(EXPRESSION_BREAKERS), actionPalette(EXPRESSION_BREAKERS)), strings: EXPRESSION_BREAKERS},
];

test("renderChart: the build's generated expression code draws what the browser's interpreter draws", async () => {
  for (const {name, charts} of periodsToDraw()) {
    for (const chart of await renderAll(charts)) {
      assert.is(chart.svg, await interpretedSvg(chart.vega), `${name}: ${chart.id}`);
    }
  }
});

/** Code without its string literals ("…" and '…', with their escapes). */
const outsideLiterals = (code: string) => code.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/gs, '""');

test("renderChart: a string from the log is in an expression only as a string literal", async () => {
  let expressions = 0;
  const literals = new Set<string>();
  for (const {name, charts, strings} of periodsToDraw()) {
    for (const chart of await renderAll(charts)) {
      const code = expressionCode(parse(chart.vega));
      expressions += code.length;
      for (const text of code) {
        const rest = outsideLiterals(text);
        assert.not.ok(rest.includes("alert"), `${name}: ${chart.id}: ${text}`);
        for (const value of strings) {
          assert.not.ok(rest.includes(value), `${name}: ${chart.id}: ${text}`);
          if (text.includes(JSON.stringify(value))) literals.add(value);
        }
      }
    }
  }
  assert.ok(expressions > 100, `${expressions} expressions looked at`);
  // the top lists' stack order by action (indexof([...actions], datum['action'])) holds the actions
  // as literals: the case this test is about
  // (the strings with control characters are drawn with them spelled out, "[U+202E]")
  for (const value of [HOSTILE[0], ...EXPRESSION_BREAKERS.slice(0, 5)]) assert.ok(literals.has(value), `${JSON.stringify(value)} seen as a literal`);
});

test("chartRenderer: a chart of a known shape and width reuses its parse, and draws as a fresh renderer does", async () => {
  const counts: ParseCounts = {parsed: 0, reused: 0};
  const render = chartRenderer(() => {}, counts);
  const palette = actionPalette(FIXTURE_ACTIONS);
  await Promise.all(chartSpecs(fixture("week"), palette).map(render));
  const parsedFirst = counts.parsed;
  assert.is(counts.reused, 0);
  const next = await Promise.all(chartSpecs(fixture("next-week"), palette).map(render));
  const again = await Promise.all(chartSpecs(fixture("week"), palette).map(render));
  // the week's seven charts again: every one from a kept parse
  assert.ok(counts.reused >= 7, `${counts.reused} reused`);
  assert.ok(counts.parsed < parsedFirst * 3, `${counts.parsed} parsed`);
  const fresh = (name: "week" | "next-week") => Promise.all(chartSpecs(fixture(name), palette).map((chart) => chartRenderer(() => {})(chart)));
  assert.equal(
    again.map((chart) => chart.svg),
    (await fresh("week")).map((chart) => chart.svg),
  );
  assert.equal(
    next.map((chart) => chart.svg),
    (await fresh("next-week")).map((chart) => chart.svg),
  );
});

/** The week with its top lists and users in reverse rank order: the same entries, ranked anew. */
function reranked(week: ReturnType<typeof fixture>): ReturnType<typeof fixture> {
  return {
    ...week,
    actionsByUser: [...week.actionsByUser].reverse(),
    topUsers: [...week.topUsers].reverse(),
    topDatasets: [...week.topDatasets].reverse(),
    topPages: [...week.topPages].reverse(),
  };
}

/** The week with every count multiplied: other axis ticks, the same entries. */
function scaled(week: ReturnType<typeof fixture>, by: number): ReturnType<typeof fixture> {
  const times = <T extends object>(entry: T, ...keys: string[]): T => ({
    ...entry,
    ...Object.fromEntries(keys.map((key) => [key, (entry as Record<string, number>)[key] * by])),
  });
  const scaleByAction = (byAction: Record<string, number>) => Object.fromEntries(Object.entries(byAction).map(([action, count]) => [action, count * by]));
  return {
    ...week,
    actions: {...week.actions, series: week.actions.series.map((cell) => times(cell, "count"))},
    usersOverTime: week.usersOverTime.map((point) => times(point, "users")),
    actionsByUser: week.actionsByUser.map((entry) => times(entry, "count")),
    topUsers: week.topUsers.map((entry) => ({...times(entry, "count"), byAction: scaleByAction(entry.byAction)})),
    topDatasets: week.topDatasets.map((entry) => ({...times(entry, "count"), byAction: scaleByAction(entry.byAction)})),
    topPages: week.topPages.map((entry) => ({...times(entry, "count"), byAction: scaleByAction(entry.byAction)})),
  };
}

test("chartRenderer: a View kept from the shape's last chart draws each chart as a new View does, in any order", async () => {
  const palette = actionPalette(FIXTURE_ACTIONS);
  const week = fixture("week");
  // users by day of two weeks of a 1M-row log: one plot width, but the first one's y axis ends on
  // a labelled tick (200), whose label sticks out above the plot: the two are padded differently
  const users = (counts: number[]) => ({...week, usersOverTime: week.actions.buckets.map((bucket, i) => ({bucket, users: counts[i]}))});
  const [paddedMore, paddedLess] = [users([163, 160, 184, 159, 146, 113, 78]), users([157, 173, 161, 156, 142, 105, 82])];
  // donuts of one legend entry each, the first one's label longer: the second one's legend is
  // narrower (its entry is not kept in place with the first one's width)
  const only = (action: string) => ({...week, distribution: [{action, count: 14, share: 1}]});
  // the same entries in another order, other ticks, other entries, none, and the week again
  const periods = [
    week,
    reranked(week),
    scaled(week, 37),
    paddedMore,
    paddedLess,
    fixture("next-week"),
    reranked(fixture("next-week")),
    fixture("empty"),
    only("publish_dataset"),
    only("add_user"),
    paddedMore,
    week,
  ];
  const charts = [...periods.flatMap((period) => chartSpecs(period, palette)), ...chartSpecs(busyMonth(), actionPalette(BUSY_ACTIONS))];
  // each chart drawn by a renderer of its own: a new View
  const alone = await Promise.all(charts.map((chart) => chartRenderer(() => {})(chart)));
  for (const order of ["as listed", "reversed"]) {
    const counts: ParseCounts = {parsed: 0, reused: 0};
    const render = chartRenderer(() => {}, counts);
    const listed = order === "reversed" ? [...charts.keys()].reverse() : [...charts.keys()];
    const drawn: string[] = [];
    // one at a time, and a period's charts at once as a render worker draws them
    for (const i of listed.slice(0, 14)) drawn[i] = (await render(charts[i])).svg;
    const rest = listed.slice(14);
    for (const [k, chart] of (await Promise.all(rest.map((i) => render(charts[i])))).entries()) drawn[rest[k]] = chart.svg;
    assert.ok((counts.viewsKept ?? 0) >= 30, `${order}: ${counts.viewsKept} charts drawn by a kept View`);
    for (const [i, chart] of charts.entries()) assert.is(drawn[i], alone[i].svg, `${order}: chart ${i} (${chart.id})`);
  }
});

test("withViewBox: adds a viewBox when the renderer left none, keeps an existing one", () => {
  assert.is(withViewBox('<svg width="10" height="20"><g/></svg>'), '<svg viewBox="0 0 10 20" width="10" height="20"><g/></svg>');
  const has = '<svg width="10" height="20" viewBox="0 0 10 20"></svg>';
  assert.is(withViewBox(has), has);
});

test("roundGeometry: coordinates get 2 decimals, text and labels keep theirs", () => {
  const svg = '<path transform="translate(338.7096774193549,-7.0049)" d="M2.646,0L1.5,2" aria-label="v1.23456"/><text>v1.23456</text>';
  assert.is(roundGeometry(svg), '<path transform="translate(338.71,-7)" d="M2.65,0L1.5,2" aria-label="v1.23456"/><text>v1.23456</text>');
});

test("chartSpecsJson of rendered hostile charts: no '<' survives, so the JSON can sit in a <script> block; round-trips", async () => {
  const charts = await renderAll(chartSpecs(hostilePeriod(), actionPalette(HOSTILE)).slice(0, 1));
  const text = chartSpecsJson(charts);
  assert.not.match(text, /</);
  const parsed = JSON.parse(text);
  assert.equal(parsed.charts[0].vega, JSON.parse(JSON.stringify(charts[0].vega)));
  assert.equal(Object.keys(parsed.charts[0]), ["id", "vega"]);
});

test("the top lists draw their entries in rank order, from the data's order alone", async () => {
  // ranked against the alphabet: dave first, alice last
  const week = fixture("week");
  const reversed = {...week, topUsers: [...week.topUsers].reverse()};
  const chart = chartSpecs(reversed, actionPalette(FIXTURE_ACTIONS)).find((c) => c.id === "top-users")!;
  assert.is((chart.vegaLite as any).encoding.y.sort, null);
  const {svg} = await renderChart(chart);
  const names = reversed.topUsers.map((entry) => entry.user_id);
  assert.equal(names, ["dave", "carol", "bob", "alice"]);
  const drawn = [...svg.matchAll(/>([^<>]+)<\/text>/g)].map((m) => m[1]).filter((text) => names.includes(text));
  assert.equal(drawn, names, "y axis, top to bottom");
});

test("the actions and users charts draw a period's buckets in the period's order, from the data's order alone", async () => {
  // 31 days: "10 Mar" comes after "9 Mar", not after "1 Mar" as in the alphabet
  const days = Array.from({length: 31}, (_, i) => `${i + 1} Mar`);
  for (const id of ["actions", "users"]) {
    const chart = chartSpecs(busyMonth(), actionPalette(BUSY_ACTIONS)).find((c) => c.id === id)!;
    assert.is((chart.vegaLite as any).encoding.x.sort, null);
    const {svg} = await renderChart(chart);
    const drawn = [...svg.matchAll(/>(\d+ Mar)</g)].map((m) => m[1]);
    assert.equal(drawn, days, `${id}: x axis`);
  }
});

test.run();
