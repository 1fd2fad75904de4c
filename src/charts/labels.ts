/**
 * How strings from the log and numbers appear on a chart. Action names, user ids and dataset ids
 * are untrusted: a label shows invisible and direction-changing characters as visible code points
 * (so "a\u202Eb" cannot reverse the text around it), never carries control characters or lone
 * surrogates into SVG/XML, and is capped in length so one huge id cannot blow up a chart's layout.
 * Markup characters (<, &, ") are left alone: vega's SVG renderer escapes them, and the tests check it.
 * Data tables keep the raw values; the page that prints them escapes them.
 */

/** longest label drawn on a chart, in UTF-16 code units */
export const MAX_LABEL_LENGTH = 100;

// C0/C1 controls, zero-width and bidi controls (LRM, RLM, ALM, LRE..RLO, LRI..PDI), BOM
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const integer = new Intl.NumberFormat("en-US", {maximumFractionDigits: 0});

/** e.g. 12345 -> "12,345" */
export const formatCount = (count: number): string => integer.format(count);

/**
 * A share as the charts, the pages and the email write it, e.g. 0.4567 -> "45.7%"; a share that is
 * not 0 never reads as 0: 0.0004 -> "< 0.1%".
 */
export const formatShare = (share: number): string => (share > 0 && share < 0.0005 ? "< 0.1%" : `${(share * 100).toFixed(1)}%`);

/** e.g. (1, "action") -> "1 action", (3, "user") -> "3 users" */
export const countOf = (count: number, noun: string): string =>
  `${formatCount(count)} ${noun}${count === 1 ? "" : "s"}`;

const codePoint = (char: string): string =>
  `[U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}]`;

/**
 * The text a chart draws for a raw log string, e.g. "a\u202Eb" -> "a[U+202E]b", "" -> "(empty)".
 * Not injective on its own (long values are cut): use `labelMap` for a chart's set of values.
 */
export function chartLabel(raw: string): string {
  const text = raw
    .replace(/[\t\n\r]/g, " ")
    .replace(INVISIBLE, codePoint)
    .replace(LONE_SURROGATE, "\uFFFD");
  if (text.trim() === "") return raw === "" ? "(empty)" : `(${countOf(raw.length, "blank character")})`;
  if (text.length <= MAX_LABEL_LENGTH) return text;
  // do not cut a surrogate pair in two
  const cut = /[\uD800-\uDBFF]/.test(text[MAX_LABEL_LENGTH - 2]) ? MAX_LABEL_LENGTH - 2 : MAX_LABEL_LENGTH - 1;
  return `${text.slice(0, cut)}…`;
}

/**
 * One distinct label per distinct raw value, in first-seen order: when two values end up with the
 * same label (cut, or spelled the same once sanitised), the later one gets " (2)", " (3)"...
 */
export function labelMap(values: Iterable<string>): Map<string, string> {
  const labels = new Map<string, string>();
  const used = new Set<string>();
  for (const raw of values) {
    if (labels.has(raw)) continue;
    const base = chartLabel(raw);
    let label = base;
    for (let n = 2; used.has(label); n++) label = `${base} (${n})`;
    labels.set(raw, label);
    used.add(label);
  }
  return labels;
}
