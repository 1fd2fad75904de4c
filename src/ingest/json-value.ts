/**
 * A JSON log's values kept as written. Every stage holds a field's value as one string (the row
 * store, the hashes, the duplicate check, the build cache); a JSON value that is not a string (a
 * number, true, false, null, an object or an array) is held as its JSON text after RAW_MARK:
 * `12345678901234567890` -> "\uDFFF12345678901234567890" (the number as written, not as a double),
 * `null` -> "\uDFFFnull", `{"a": 1e400}` -> "\uDFFF{\"a\":1e400}". So 1 and "1", null and "" are
 * different values (two rows, not a duplicate), and the JSON download writes each as it was.
 * RAW_MARK is a lone surrogate, which no CSV value holds (its text is checked UTF-8); a JSON string
 * that starts with one (only an escape can write it) is held with the mark doubled.
 *
 * fieldText gives what the indicators, the pages and the CSV download read (null -> "", a number's
 * text as written); fieldJson what the JSON download writes. Parses nothing whole: JSON.parse has
 * validated the text these functions slice.
 */

/** Starts a value that is the JSON text of a number, true, false, null, an object or an array. */
export const RAW_MARK = "\uDFFF";
const MARK_CODE = 0xdfff;

/** The value of a JSON string as held. */
export function heldString(value: string): string {
  return value.charCodeAt(0) === MARK_CODE ? RAW_MARK + value : value;
}

/** The text a value reads as: a string as it is, null as "", any other JSON value as its JSON text. */
export function fieldText(value: string): string {
  if (value.charCodeAt(0) !== MARK_CODE) return value;
  if (value.charCodeAt(1) === MARK_CODE) return value.slice(1);
  return value === NULL ? "" : value.slice(1);
}

/** The JSON text of a value as held: a string quoted, any other value as written. */
export function fieldJson(value: string): string {
  if (value.charCodeAt(0) !== MARK_CODE) return JSON.stringify(value);
  if (value.charCodeAt(1) === MARK_CODE) return JSON.stringify(value.slice(1));
  return value.slice(1);
}

const NULL = `${RAW_MARK}null`;

/**
 * A parsed JSON record's field values as held, in `names` order. `source` is the record's text (an
 * object, valid JSON): numbers, objects and arrays are taken from it as written; it is scanned only
 * when the record holds one.
 */
export function heldValues(record: Record<string, unknown>, names: readonly string[], source: string): string[] {
  let members: Map<string, string> | undefined;
  return names.map((name) => {
    const value = record[name];
    if (typeof value === "string") return heldString(value);
    if (value === null || value === undefined) return NULL;
    if (typeof value === "boolean") return RAW_MARK + String(value);
    members ??= memberTexts(source);
    const text = members.get(name) ?? JSON.stringify(value); // not expected: the name is a member
    return RAW_MARK + (typeof value === "number" ? text : compactJson(text));
  });
}

/**
 * The text of each member's value in an object's JSON text, by name (decoded); a name given twice
 * keeps its last value, as JSON.parse does.
 */
export function memberTexts(text: string): Map<string, string> {
  const members = new Map<string, string>();
  let i = skipSpace(text, text.indexOf("{") + 1);
  while (i < text.length && text.charCodeAt(i) === 34) {
    const nameEnd = stringEnd(text, i);
    const quoted = text.slice(i, nameEnd);
    const name = quoted.includes("\\") ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
    i = skipSpace(text, skipSpace(text, nameEnd) + 1); // past ":"
    const end = valueEnd(text, i);
    members.set(name, text.slice(i, end));
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== 44) break; // ","
    i = skipSpace(text, i + 1);
  }
  return members;
}

/**
 * A JSON value's text without white space between tokens, strings written as JSON.stringify writes
 * them, numbers as written: `{ "a": [1.50, "\u00e9"] }` -> `{"a":[1.50,"é"]}`. Members stay in
 * their order (JSON.stringify would put integer-like names first).
 */
export function compactJson(text: string): string {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const end = stringEnd(text, i);
      const token = text.slice(i, end);
      parts.push(token.includes("\\") ? JSON.stringify(JSON.parse(token)) : token);
      i = end;
    } else if (isSpace(c)) i++;
    else {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34 && !isSpace(text.charCodeAt(j))) j++;
      parts.push(text.slice(i, j));
      i = j;
    }
  }
  return parts.join("");
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The index after the string that opens at `open`. */
function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92)
      i++; // "\": skip the escaped character
    else if (c === 34) return i + 1;
  }
  return text.length;
}

/** The index after the value that starts at `start` (iterative: any depth). */
function valueEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === 34) return stringEnd(text, start);
  if (first !== 123 && first !== 91) {
    let j = start;
    // a number or a literal ends at a delimiter
    while (j < text.length && !isSpace(text.charCodeAt(j)) && ![44, 93, 125].includes(text.charCodeAt(j))) j++;
    return j;
  }
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = stringEnd(text, i) - 1;
    else if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth === 0) return i + 1;
  }
  return text.length;
}
