import {test} from "uvu";
import * as assert from "uvu/assert";
import {chartSpecs} from "../../src/charts/registry.js";
import {actionPalette} from "../../src/charts/palette.js";
import {compileChart} from "../../src/charts/render.js";
import {INDICATORS} from "../../src/indicators/registry.js";
import {chartIdOf} from "../../src/indicators/types.js";
import {fixture, FIXTURE_ACTIONS} from "../fixtures/charts/load.js";

const palette = actionPalette(FIXTURE_ACTIONS);
const IDS = ["actions", "users", "actions-by-user", "top-users", "top-datasets", "top-pages", "distribution", "byWeekday"];

test("chartSpecs: the eight charts in page order, each with title, description and summary", () => {
  const charts = chartSpecs(fixture("week"), palette);
  assert.equal(
    charts.map((chart) => chart.id),
    IDS,
  );
  for (const chart of charts) {
    assert.ok(chart.title && chart.description && chart.summary, chart.id);
    assert.ok(chart.table.columns.length >= 2, chart.id);
  }
});

test("one entry per indicator: each chart is its indicator's, in the registry's order, with its chart id and its label as title", () => {
  for (const name of ["week", "empty"] as const) {
    const charts = chartSpecs(fixture(name), palette);
    assert.is(charts.length, INDICATORS.length, name);
    for (const [i, indicator] of INDICATORS.entries()) {
      assert.is(charts[i].id, chartIdOf(indicator), `${name}: ${indicator.id}`);
      assert.is(charts[i].title, indicator.label, `${name}: ${indicator.id}`);
    }
  }
  // the ids the pages have always had (anchors, charts.json, the email's images); a new indicator's chart takes its id
  assert.equal(INDICATORS.map(chartIdOf), IDS);
});

/**
 * every (domain entry -> colour) pair of a chart's action colour scale; a domain or a colour given
 * as a parameter ({expr: "entries"}, {expr: "entryColors[2]"}) is read from the spec's params
 */
function colourPairs(spec: any): [string, string][] {
  // on the chart, or on its bars' layer (bar charts labelled above their bars)
  const scale = (spec.encoding?.color ?? spec.layer?.find((layer: any) => layer.encoding?.color)?.encoding.color)?.scale;
  if (!scale?.domain) return [];
  const param = (name: string) => spec.params.find((p: {name: string}) => p.name === name).value;
  const resolve = (value: any) => {
    if (typeof value?.expr !== "string") return value;
    const [, name, index] = /^(\w+)(?:\[(\d+)\])?$/.exec(value.expr)!;
    return index === undefined ? param(name) : param(name)[Number(index)];
  };
  const domain: string[] = resolve(scale.domain);
  return domain.map((entry, i) => [entry.replace(/: [\d.]+%$/, ""), resolve(scale.range[i])]);
}

const actionOf = new Map(palette.actions.map((action) => [palette.label(action), action]));

test("chartSpecs: an action has the same colour on every chart of two different periods", () => {
  const seen = new Map<string, string>();
  let pairs = 0;
  for (const name of ["week", "next-week"] as const) {
    for (const chart of chartSpecs(fixture(name), palette)) {
      for (const [label, colour] of colourPairs(chart.vegaLite)) {
        // the legend shows readable names: each names exactly one action of the palette
        const action = actionOf.get(label) ?? `no action named ${label}`;
        pairs++;
        assert.is(colour, palette.color(action), `${name}/${chart.id}/${action}`);
        if (seen.has(action)) assert.is(colour, seen.get(action), `${name}/${chart.id}/${action}`);
        seen.set(action, colour);
      }
    }
  }
  assert.equal([...seen.keys()].sort(), FIXTURE_ACTIONS);
  assert.ok(pairs >= 12);
  // add_user is in both weeks: tableau10's first colour (readable as it is) both times
  assert.is(seen.get("add_user"), "#4c78a8");
});

test("chartSpecs: an empty period gives eight specs that compile", () => {
  const charts = chartSpecs(fixture("empty"), palette);
  assert.is(charts.length, 8);
  for (const chart of charts) assert.ok(compileChart(chart.vegaLite).marks, chart.id);
});

test.run();
