import {test} from "uvu";
import * as assert from "uvu/assert";
import {changeFrom, formatBytes, formatCell, formatCount, formatDecimal} from "../../src/site/figures.js";

const NBSP = "\u00a0";

test("counts, decimals and cells", () => {
  assert.is(formatCount(1234567), "1,234,567");
  assert.is(formatDecimal(178.5714), "178.6");
  assert.is(formatCell(1234), "1,234");
  assert.is(formatCell(0.1234), "0.123");
  assert.is(formatCell("<b>"), "<b>");
});

test("sizes in decimal units", () => {
  assert.is(formatBytes(512), `512${NBSP}B`);
  assert.is(formatBytes(40960), `41${NBSP}kB`);
  assert.is(formatBytes(1_300_000), `1.3${NBSP}MB`);
});

test("a relative change with a sentence for screen readers", () => {
  assert.equal(changeFrom(112, 100, "February 2025", "percent"), {text: "+12%", label: "up 12% from 100 in February 2025", trend: "up"});
  assert.equal(changeFrom(97, 100, "February 2025", "percent"), {text: "\u22123%", label: "down 3% from 100 in February 2025", trend: "down"});
  // under 1%: one decimal, so a small change does not read as none
  assert.is(changeFrom(1001, 1000, "W1", "percent")?.text, "+0.1%");
});

test("an absolute change", () => {
  assert.equal(changeFrom(7, 10, "February 2025", "absolute"), {text: "\u22123", label: "down 3 from 10 in February 2025", trend: "down"});
});

test("from zero the change is the difference, not an infinite percentage", () => {
  assert.equal(changeFrom(12, 0, "April 2025", "percent"), {text: "+12", label: "up 12 from 0 in April 2025", trend: "up"});
  assert.equal(changeFrom(0, 0, "April 2025", "percent"), {text: "±0", label: "no change from 0 in April 2025", trend: "flat"});
});

test("no previous period, no change", () => {
  assert.is(changeFrom(5, undefined, "", "percent"), null);
});

test.run();
