/**
 * Content keys: the rows' digest, and the key of a period by construction: every leaf and any new
 * field of its parts (the page model included) changes it, its model is the page's as laid out,
 * and every option but the as-of day reaches it.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {pageRowsDigest, periodContentKey, rowsDigest, type PeriodKeyParts} from "../../src/cache/period-keys.js";
import {periodContentKeys, periodKeyModels, periodKeyParts, type PeriodKeyContext} from "../../src/pipeline/content-keys.js";
import {buildConfig, outputOptions} from "../../src/config.js";
import {withFrame} from "../../src/indicators/compute-indicators.js";
import type {PeriodFrame, PeriodIndicators} from "../../src/indicators/types.js";
import {ComparisonType} from "../../src/periods/comparison.js";
import {buildSiteModel} from "../../src/site/page-model.js";
import {APR, FEB, HOSTILE, MAR, siteInput, TIME_ZONE, W01, Y2025} from "../fixtures/site/site-input.js";

const rows = (pairs: [number, number][]) => ({hash: Int32Array.from(pairs, ([a]) => a), hash2: Int32Array.from(pairs, ([, b]) => b)});
const base: [number, number][] = [
  [1, 10],
  [2, 20],
  [3, 30],
  [4, 40],
];

test("rowsDigest: equal rows give equal digests, with the row count", () => {
  assert.is(rowsDigest(rows(base), 0, 4), rowsDigest(rows([...base]), 0, 4));
  assert.match(rowsDigest(rows(base), 1, 3), /^[0-9a-f]{8}:[0-9a-f]{8}:2$/);
  assert.is(
    rowsDigest(rows(base), 1, 3),
    rowsDigest(
      rows([
        [9, 9],
        [2, 20],
        [3, 30],
      ]),
      1,
      3,
    ),
    "only the range counts",
  );
});

test("rowsDigest: a changed, added, removed or reordered row changes it", () => {
  const digest = rowsDigest(rows(base), 0, 4);
  assert.is.not(
    rowsDigest(
      rows([
        [1, 10],
        [2, 20],
        [3, 31],
        [4, 40],
      ]),
      0,
      4,
    ),
    digest,
    "second hash changed only",
  );
  assert.is.not(
    rowsDigest(
      rows([
        [1, 10],
        [2, 20],
        [5, 30],
        [4, 40],
      ]),
      0,
      4,
    ),
    digest,
    "first hash changed only",
  );
  assert.is.not(rowsDigest(rows([...base, [5, 50]]), 0, 5), digest, "added");
  assert.is.not(rowsDigest(rows(base), 0, 3), digest, "removed");
  assert.is.not(
    rowsDigest(
      rows([
        [2, 20],
        [1, 10],
        [3, 30],
        [4, 40],
      ]),
      0,
      4,
    ),
    digest,
    "reordered",
  );
});

/** The fixture site's pages, each with a frame as a build sets it (MAR compared with FEB, W01's data starting inside it). */
function framedPages() {
  const {pages} = siteInput("unused");
  const frames: PeriodFrame[] = pages.map(({period}) => ({comparison: null, dataFrom: period === W01 ? "2025-01-02" : null, previousAction: null}));
  frames[pages.findIndex((page) => page.period === MAR)] = {
    comparison: {type: ComparisonType.previous, key: "2025-02", start: FEB.start, end: FEB.end, actions: 100, users: 10},
    dataFrom: null,
    previousAction: "2025-02-28T17:45:12.345Z",
  };
  return {pages: pages.map((page, i) => ({...page, indicators: withFrame(page.indicators, frames[i])})), frames};
}

const config = buildConfig({input: ["log.csv"], out: "site", tz: TIME_ZONE, "as-of": "2025-04-30", top: 5}, undefined, {cwd: "/work", home: "/home/someone"});

function context(frames: PeriodFrame[], pages: unknown[]): PeriodKeyContext {
  return {
    code: "c1",
    config,
    columns: ["timestamp", "action", "user_id"],
    actions: ["update", HOSTILE],
    title: `data.example.org ${HOSTILE}`,
    rows: pages.map((_, i) => `0000000${i}:00000000:${i}`),
    frames,
  };
}

/** Every leaf of a JSON value, by path: e.g. ["model", "up", 0, "href"]. */
function leaves(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [at];
  const entries = Array.isArray(value) ? value.map((item, i) => [i, item] as const) : Object.entries(value);
  return entries.length === 0 ? [at] : entries.flatMap(([key, item]) => leaves(item, [...at, key]));
}

/** Every object of a JSON value, by path (the value itself first). */
function objects(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [];
  const entries = Array.isArray(value) ? value.map((item, i) => [i, item] as const) : Object.entries(value);
  return [...(Array.isArray(value) ? [] : [at]), ...entries.flatMap(([key, item]) => objects(item, [...at, key]))];
}

/** A copy of `value` with the value at `path` replaced by `change(old)`. */
function changed(value: unknown, path: (string | number)[], change: (old: unknown) => unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  if (path.length === 0) return change(copy);
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = change(parent[path.at(-1)!]);
  return copy;
}

const otherValue = (old: unknown): unknown =>
  typeof old === "string"
    ? old + "x"
    : typeof old === "number"
      ? old + 1
      : typeof old === "boolean"
        ? !old
        : old === null
          ? "x"
          : Array.isArray(old)
            ? [...old, "x"]
            : {...(old as object), x: 1};

test("pageRowsDigest: rows of one instant in any order give the same digest; across instants, or any other change, another", () => {
  // rows 1 and 2 share an instant, rows 0 and 3 have their own
  const time = Float64Array.from([100, 200, 200, 300]);
  const digest = pageRowsDigest(rows(base), time, 0, 4);
  assert.match(digest, /^[0-9a-f]{8}:[0-9a-f]{8}:4$/);
  assert.is(pageRowsDigest(rows([base[0], base[2], base[1], base[3]]), time, 0, 4), digest, "one instant's rows reordered");
  assert.is.not(rowsDigest(rows([base[0], base[2], base[1], base[3]]), 0, 4), rowsDigest(rows(base), 0, 4), "rowsDigest tells them apart");
  const apart = Float64Array.from([100, 200, 250, 300]);
  assert.is.not(
    pageRowsDigest(rows([base[0], base[2], base[1], base[3]]), apart, 0, 4),
    pageRowsDigest(rows(base), apart, 0, 4),
    "rows of two instants swapped",
  );
  assert.is.not(pageRowsDigest(rows([base[0], [2, 21], base[2], base[3]]), time, 0, 4), digest, "a changed row");
  assert.is.not(pageRowsDigest(rows(base), time, 0, 3), pageRowsDigest(rows(base), time, 0, 4), "a row more");
  assert.is.not(pageRowsDigest(rows(base), Float64Array.from([100, 100, 200, 300]), 0, 4), digest, "rows regrouped by instant");
});

test("periodContentKey: a hex SHA-256 of every part; any leaf changed or any field added changes it, in every part", () => {
  const {pages, frames} = framedPages();
  const all = periodKeyParts(pages, context(frames, pages));
  const key = periodContentKey(all[1]);
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.is(periodContentKey(structuredClone(all[1])), key);
  for (const parts of all) {
    const before = periodContentKey(parts);
    const paths = leaves(parts);
    assert.ok(paths.length > 40, "the model is walked, not just the parts");
    // every leaf, whatever the model holds today or will hold: no list of fields here
    for (const path of paths)
      assert.is.not(periodContentKey(changed(parts, path, otherValue) as PeriodKeyParts), before, `${parts.model.path}: ${path.join(".")} changed`);
    for (const path of objects(parts)) {
      for (const added of ["a field", 0, null, false, undefined, [], {}]) {
        const withField = changed(parts, path, (old) => ({...(old as object), newField: added}));
        assert.is.not(
          periodContentKey(withField as PeriodKeyParts),
          before,
          `${parts.model.path}: ${JSON.stringify(added)} added at ${path.join(".") || "the top"}`,
        );
      }
    }
  }
  // a value JSON would not write throws rather than vanish from the key
  // (a Set too, but vega-lite, once loaded, gives every Set a toJSON)
  assert.throws(() => periodContentKey({...all[0], model: {...all[0].model, seen: new Map([[1, 1]])} as PeriodKeyParts["model"]}), /"seen" is a Map/);
  assert.throws(() => periodContentKey({...all[0], model: {...all[0].model, label: () => "x"} as PeriodKeyParts["model"]}), /"label" is a Function/);
});

test("periodKeyParts: the key's model is the page's model as the site lays it out, but for what the charts and downloads add", () => {
  const {pages, frames} = framedPages();
  const all = periodKeyParts(pages, context(frames, pages));
  const site = buildSiteModel({report: siteInput("unused").report, pages});
  // made at render time from the rows, columns, options and palette the key covers
  const laidOutLater = ["sections", "downloads", "chartSpecs"];
  const without = (model: object) => Object.fromEntries(Object.entries(model).filter(([key]) => !laidOutLater.includes(key)));
  assert.is(site.periods.length, all.length);
  for (const [i, model] of site.periods.entries()) {
    assert.equal(without(all[i].model), without(model), model.path);
    assert.equal(all[i].frame, frames[i]);
  }
  // a kept period has only its totals and frame: the same model
  const kept = pages.map(({period, indicators}, i) => ({period, indicators: {totals: indicators.totals, ...frames[i]} as PeriodIndicators}));
  assert.equal(
    periodKeyModels(kept, all[0].model.siteTitle, "2025-04-30"),
    all.map(({model}) => model),
  );
});

test("periodContentKeys: every option that shapes the output changes every key, but the as-of day (shown through the model)", () => {
  const {pages, frames} = framedPages();
  const keys = periodContentKeys(pages, context(frames, pages));
  for (const [key, value] of Object.entries(outputOptions(config))) {
    if (key === "asOf") continue;
    const changedKeys = periodContentKeys(pages, {...context(frames, pages), config: {...config, [key]: otherValue(value ?? null)}});
    for (const [i, changedKey] of changedKeys.entries()) assert.is.not(changedKey, keys[i], `${key}: ${pages[i].period.path}`);
  }
  // the as-of day reaches only the pages that show it: a period going on past it says "so far, up to" that day
  const at = (asOf: string) => periodContentKeys(pages, {...context(frames, pages), config: {...config, asOf}});
  const changedPaths = (asOf: string) => pages.filter((_, i) => at(asOf)[i] !== keys[i]).map(({period}) => period.path);
  assert.equal(changedPaths("2025-04-15"), [APR.path, Y2025.path], "15 April: April and 2025 so far");
  assert.equal(changedPaths("2025-05-20"), [Y2025.path], "20 May: 2025 so far, up to another day");
});

test.run();
