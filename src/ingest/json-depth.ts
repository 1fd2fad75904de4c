/**
 * How deeply a record's JSON text nests arrays and objects: JSON.parse reads a million levels, but
 * JSON.stringify (which turns a nested field such as a `diff` into text) overflowed the stack at
 * 5,000. One pass over text JSON.parse has accepted, strings jumped with indexOf; does not build
 * values.
 */
import {closingQuote} from "./json-records.js";

/**
 * Records nesting deeper than this are rejected. Activity logs nest a few levels (a `diff`); 1,000
 * keeps JSON.stringify far from the stack's end (3,000 levels were fine, 5,000 overflowed). Text
 * shorter than twice this cannot nest deeper, so only longer records are looked at.
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * The deepest nesting in valid JSON text, e.g. 2 for {"diff": {"a": 1}}, 0 for a string; counting
 * stops at the first level past `limit`.
 */
export function nestingDepth(text: string, limit: number): number {
  let depth = 0,
    deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34)
      i = closingQuote(text, i); // "
    else if (c === 123 || c === 91) {
      // { [
      depth++;
      if (depth > deepest) deepest = depth;
      if (depth > limit) break;
    } else if (c === 125 || c === 93) depth--; // } ]
  }
  return deepest;
}
