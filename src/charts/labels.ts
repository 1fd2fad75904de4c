/**
 * How strings from the log appear on a chart or a page. Action names, user ids and
 * dataset ids are untrusted: a label shows invisible and direction-changing characters as visible
 * code points (so "a\u202Eb" cannot reverse the text around it), never carries control characters
 * or lone surrogates into SVG/XML/HTML, shows what tells two ids apart that would look alike (a
 * space at either end, a decomposed accent), and is capped in length so one huge id cannot blow up
 * a chart's layout.
 * Markup characters (<, &, ") are left alone: vega's SVG renderer escapes them, and the tests check it.
 * The pages' data tables show visibleText (not cut); the page escapes it. Numbers are written by
 * site/figures.ts, the one set of number formats of the charts, the pages and the email.
 */
import {countOf} from "../site/figures.js";
import {en, type Messages} from "../i18n/en.js";

export {countOf} from "../site/figures.js";

/** longest label drawn on a chart, in UTF-16 code units */
export const MAX_LABEL_LENGTH = 100;

// C0/C1 controls, zero-width and bidi controls (LRM, RLM, ALM, LRE..RLO, LRI..PDI), BOM
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;
// the white space that visibleText shows as code points anywhere (INVISIBLE's): not blank on a chart
const SHOWN_WHITE_SPACE = /[\u000B\u000C\u0085\u2028\u2029\uFEFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const codePoint = (char: string): string => `[U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}]`;

const graphemes = new Intl.Segmenter("en", {granularity: "grapheme"});

/**
 * In a string that is not in Unicode's composed form (NFC), each character written the way NFC
 * would not write it, as code points after its base letter: "cafe\u0301" -> "cafe[U+0301]",
 * "\u212B" (angstrom sign) -> "[U+212B]". The composed "café" stays as it is, so the two differ.
 */
function markNotComposed(text: string): string {
  if (text.normalize("NFC") === text) return text;
  let marked = "";
  for (const {segment} of graphemes.segment(text)) {
    if (segment.normalize("NFC") === segment) {
      marked += segment;
      continue;
    }
    const [base, ...rest] = Array.from(segment);
    marked += (base.normalize("NFC") === base ? base : codePoint(base)) + rest.map(codePoint).join("");
  }
  return marked;
}

/** White space at either end of a value: a space as "␠", any other as its code point. */
function edgeSpace(spaces: string): string {
  let shown = "";
  for (const char of spaces) shown += char === " " ? "\u2420" : codePoint(char);
  return shown;
}

/**
 * A log string as text for a page or a chart that tells apart what the log tells apart, e.g.
 * "a\u202Eb" -> "a[U+202E]b", "u001 " -> "u001␠", "cafe\u0301" (decomposed) -> "cafe[U+0301]":
 * invisible, bidi and control characters (NUL, ESC...) as code points, tab and newlines inside as
 * spaces, spaces at either end as "␠" (other white space there as code points: a tab, a no-break
 * space), and in a string that is not NFC the characters NFC would change as code points. Not cut;
 * "" stays "". Never holds a control character or a lone surrogate.
 */
export function visibleText(raw: string): string {
  // trimStart and trimEnd: a regex /\s+$/ is quadratic on a long value with long inner blanks
  const rest = raw.trimStart();
  const core = rest.trimEnd();
  const lead = raw.slice(0, raw.length - rest.length);
  const tail = rest.slice(core.length);
  const middle = markNotComposed(core)
    .replace(/[\t\n\r]/g, " ")
    .replace(INVISIBLE, codePoint)
    .replace(LONE_SURROGATE, "\uFFFD");
  return lead === "" && tail === "" ? middle : edgeSpace(lead) + middle + edgeSpace(tail);
}

/**
 * The text a chart draws for a raw log string (visibleText), e.g. "a\u202Eb" -> "a[U+202E]b",
 * "u001 " -> "u001␠", "" -> "(empty)", "   " -> "(3 blank characters)", cut to MAX_LABEL_LENGTH.
 * Not injective on its own (long values are cut): use `labelMap` for a chart's set of values.
 */
export function chartLabel(raw: string, m: Messages = en): string {
  if (raw.trim() === "" && !SHOWN_WHITE_SPACE.test(raw)) return raw === "" ? m.charts.empty : m.charts.blank(countOf(raw.length, "blankCharacter", m));
  const text = visibleText(raw);
  if (text.length <= MAX_LABEL_LENGTH) return text;
  // do not cut a surrogate pair in two
  const cut = /[\uD800-\uDBFF]/.test(text[MAX_LABEL_LENGTH - 2]) ? MAX_LABEL_LENGTH - 2 : MAX_LABEL_LENGTH - 1;
  return `${text.slice(0, cut)}…`;
}

/**
 * One distinct label per distinct raw value, in first-seen order: when two values end up with the
 * same label (cut, or spelled the same once sanitised), the later one gets " (2)", " (3)"...
 */
export function labelMap(values: Iterable<string>, m: Messages = en): Map<string, string> {
  const labels = new Map<string, string>();
  const used = new Set<string>();
  for (const raw of values) {
    if (labels.has(raw)) continue;
    const base = chartLabel(raw, m);
    let label = base;
    for (let n = 2; used.has(label); n++) label = `${base} (${n})`;
    labels.set(raw, label);
    used.add(label);
  }
  return labels;
}
