import {test} from "uvu";
import * as assert from "uvu/assert";
import {chartLabel, countOf, labelMap, MAX_LABEL_LENGTH, visibleText} from "../../src/charts/labels.js";
import {formatCount, formatShare} from "../../src/site/figures.js";

test("chartLabel: plain names pass through, markup is left to the SVG renderer", () => {
  assert.is(chartLabel("edit_dataset"), "edit_dataset");
  assert.is(chartLabel("<script>alert(1)</script>"), "<script>alert(1)</script>");
});

test("chartLabel: bidi, zero-width and control characters become visible code points", () => {
  assert.is(chartLabel("abc\u202Edef"), "abc[U+202E]def");
  assert.is(chartLabel("a\u2066b\u2069"), "a[U+2066]b[U+2069]");
  assert.is(chartLabel("a\u200Bb"), "a[U+200B]b");
  assert.is(chartLabel("a\u0000b\u007F"), "a[U+0000]b[U+007F]");
  assert.is(chartLabel("two\nlines\tand tab"), "two lines and tab");
});

test("chartLabel: lone surrogates become U+FFFD, pairs stay", () => {
  assert.is(chartLabel("a\uD800b"), "a\uFFFDb");
  assert.is(chartLabel("a\uDC00"), "a\uFFFD");
  assert.is(chartLabel("😀"), "😀");
});

test("chartLabel: empty and blank values get a visible label", () => {
  assert.is(chartLabel(""), "(empty)");
  assert.is(chartLabel("   "), "(3 blank characters)");
});

test("chartLabel: long values are cut with an ellipsis, never inside a surrogate pair", () => {
  const long = chartLabel("x".repeat(5000));
  assert.is(long.length, MAX_LABEL_LENGTH);
  assert.ok(long.endsWith("…"));
  // 98 ASCII characters then emoji: the cut at 99 would split the pair at 98..99
  const emoji = chartLabel(`${"x".repeat(MAX_LABEL_LENGTH - 2)}😀😀😀`);
  assert.ok(emoji.length <= MAX_LABEL_LENGTH);
  assert.not.match(emoji, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  assert.is(chartLabel("y".repeat(MAX_LABEL_LENGTH)), "y".repeat(MAX_LABEL_LENGTH));
});

test("labelMap: values that look alike on a chart get distinct labels", () => {
  const a = `${"u".repeat(150)}-a`;
  const b = `${"u".repeat(150)}-b`;
  const map = labelMap([a, b, "x\u202E", "x[U+202E]", a]);
  assert.is(map.size, 4);
  assert.is(new Set(map.values()).size, 4);
  assert.is(map.get(b), `${map.get(a)} (2)`);
  assert.is(map.get("x[U+202E]"), "x[U+202E] (2)");
});

test("visibleText and chartLabel tell apart a space at either end, and composed from decomposed", () => {
  assert.is(chartLabel("u001 "), "u001\u2420");
  assert.is(chartLabel(" u001"), "\u2420u001");
  assert.is(chartLabel("u 001"), "u 001"); // a space inside is shown as one
  assert.is(chartLabel("u001\t"), "u001[U+0009]");
  assert.is(chartLabel("u001\u00A0"), "u001[U+00A0]");
  assert.is(chartLabel("caf\u00E9"), "caf\u00E9");
  assert.is(chartLabel("cafe\u0301"), "cafe[U+0301]");
  assert.is(chartLabel("\u212B"), "[U+212B]"); // angstrom sign, which NFC writes as U+00C5
  assert.is(chartLabel("q\u0301"), "q\u0301"); // NFC already: no composed form exists
  assert.is(visibleText("   "), "\u2420\u2420\u2420");
  assert.is(visibleText(""), "");
  assert.is(visibleText("nul\u0000x\u001B[31m"), "nul[U+0000]x[U+001B][31m");
  const looks = ["u001", "u001 ", " u001", "u001\t", "caf\u00E9", "cafe\u0301", "\u00C5", "\u212B", "A\u030A"];
  assert.is(new Set(looks.map((raw) => chartLabel(raw))).size, looks.length);
  assert.is(new Set(looks.map(visibleText)).size, looks.length);
});

test("formatCount, formatShare, countOf", () => {
  assert.is(formatCount(1234567), "1,234,567");
  assert.is(formatShare(0.71428), "71.4%");
  assert.is(formatShare(1), "100.0%");
  // a share that is not 0 never reads as 0
  assert.is(formatShare(1 / 4494), "< 0.1%");
  assert.is(formatShare(0.0005), "0.1%");
  assert.is(formatShare(0), "0.0%");
  assert.is(countOf(1, "user"), "1 user");
  assert.is(countOf(0, "user"), "0 users");
  assert.is(countOf(2500, "action"), "2,500 actions");
});

test.run();
