/**
 * Says where JSON text stops being valid, for error messages: JSON.parse validates, but does not
 * always say where. A strict RFC 8259 checker without recursion (100,000 nested arrays are fine).
 * Used only once JSON.parse has failed; does not build values.
 */

/** The first syntax error: its offset in the text and what was expected. */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

const enum Expect {
  value,
  firstValue,
  key,
  firstKey,
  colon,
  after,
}

/** The first syntax error in `text`, or undefined if it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: number[] = []; // 123 "{" or 91 "["
  let expect = Expect.value;
  let i = skipSpace(text, 0);
  const fail = (offset: number, message: string) => ({offset, message});
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (expect === Expect.after) {
      if (top === undefined) return fail(i, "unexpected text after the end of the JSON value");
      if (c === 44) {
        // ,
        expect = top === 123 ? Expect.key : Expect.value;
        i = skipSpace(text, i + 1);
        continue;
      }
      if (c === (top === 123 ? 125 : 93)) {
        // } or ]
        stack.pop();
        i = skipSpace(text, i + 1);
        continue;
      }
      return fail(i, `expected "," or "${top === 123 ? "}" : "]"}", found ${shown(text, i)}`);
    }
    if (expect === Expect.colon) {
      if (c !== 58) return fail(i, `expected ":", found ${shown(text, i)}`);
      expect = Expect.value;
      i = skipSpace(text, i + 1);
      continue;
    }
    if (expect === Expect.key || expect === Expect.firstKey) {
      if (c === 125 && expect === Expect.firstKey) {
        stack.pop();
        expect = Expect.after;
        i = skipSpace(text, i + 1);
        continue;
      }
      if (c !== 34) return fail(i, `expected a property name in double quotes, found ${shown(text, i)}`);
      const end = stringEnd(text, i);
      if (typeof end !== "number") return end;
      expect = Expect.colon;
      i = skipSpace(text, end);
      continue;
    }
    // a value (or "]" right after "[")
    if (c === 93 && expect === Expect.firstValue) {
      stack.pop();
      expect = Expect.after;
      i = skipSpace(text, i + 1);
      continue;
    }
    let end: number | JsonSyntaxError;
    if (c === 123 || c === 91) {
      stack.push(c);
      expect = c === 123 ? Expect.firstKey : Expect.firstValue;
      i = skipSpace(text, i + 1);
      continue;
    } else if (c === 34) end = stringEnd(text, i);
    else if (c === 45 || (c >= 48 && c <= 57)) end = numberEnd(text, i);
    else end = literalEnd(text, i);
    if (typeof end !== "number") return end;
    expect = Expect.after;
    i = skipSpace(text, end);
  }
  if (expect !== Expect.after || stack.length > 0) return fail(text.length, "unexpected end of the JSON text");
  return undefined;
}

/** 1-based line and column (in characters) of an offset. */
export function lineColumn(text: string, offset: number): {line: number; column: number} {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return {line, column: offset - text.lastIndexOf("\n", offset - 1)};
}

function skipSpace(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
  }
  return i;
}

function stringEnd(text: string, start: number): number | JsonSyntaxError {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c < 32) return {offset: i, message: "control character in a string (escape it)"};
    if (c !== 92) continue;
    const e = text[i + 1];
    if (e === "u") {
      if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return {offset: i, message: "invalid \\u escape"};
      i += 5;
    } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
    else return {offset: i, message: "invalid escape in a string"};
  }
  return {offset: start, message: "string not closed before the end of the text"};
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function numberEnd(text: string, start: number): number | JsonSyntaxError {
  NUMBER.lastIndex = start;
  const match = NUMBER.exec(text);
  const end = match ? start + match[0].length : start;
  const next = text.charCodeAt(end);
  // "01", "1.", "-", "1e": a number must end at a delimiter
  if (!match || (next >= 48 && next <= 57) || next === 46 || next === 101 || next === 69) {
    return {offset: start, message: `invalid number ${shown(text, start)}`};
  }
  return end;
}

function literalEnd(text: string, start: number): number | JsonSyntaxError {
  for (const word of ["true", "false", "null"]) {
    if (text.startsWith(word, start)) return start + word.length;
  }
  return {offset: start, message: `expected a value, found ${shown(text, start)}`};
}

function shown(text: string, i: number): string {
  if (i >= text.length) return "the end of the text";
  const code = text.codePointAt(i) ?? 0;
  return code < 32 || code === 0x7f ? `character U+${code.toString(16).padStart(4, "0").toUpperCase()}` : `"${String.fromCodePoint(code)}"`;
}
