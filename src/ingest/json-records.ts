/**
 * Finds the records of a JSON log without parsing it whole: where each element of the records
 * array (the top-level array, or the one under `results`) starts and ends, and its line. Then each
 * record can be parsed on its own, and the rest (the "skeleton", records replaced by 0) checked
 * once, so that a 300 MB file never exists as one tree of objects. Validates nothing itself.
 */

/** Offsets [start, end) and 1-based start line of each record, in order. */
export interface RecordSpans {
  starts: number[];
  ends: number[];
  lines: number[];
  /** the first property name of the top-level object written a second time, and where */
  repeatedKey?: {name: string; offset: number};
}

/**
 * Scans for the elements of the records array: the top-level array when `key` is undefined, else
 * the array under `key` in the top-level object (the last one, as JSON.parse keeps the last; readJson
 * refuses a repeated key, see `repeatedKey`).
 * Always terminates; on invalid JSON the spans are meaningless, and the checks that follow fail.
 */
export function recordSpans(text: string, key?: string): RecordSpans {
  let spans: RecordSpans = {starts: [], ends: [], lines: []};
  const stack: number[] = [];
  let line = 1,
    recordsDepth = -1,
    awaiting = false,
    keyNext = false,
    lastSolid = -1;
  let lastKey: string | undefined; // the last property name read in the top-level object
  const topKeys = new Set<string>();
  let repeatedKey: RecordSpans["repeatedKey"];
  const close = () => {
    if (spans.ends.length < spans.starts.length) spans.ends.push(lastSolid + 1);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (c === 10 || c === 32 || c === 13 || c === 9) continue;
    if (awaiting && stack.length === recordsDepth && c !== 93) {
      spans.starts.push(i);
      spans.lines.push(line);
      awaiting = false;
    }
    if (c === 34) {
      const end = closingQuote(text, i);
      if (keyNext && stack.length === 1) {
        lastKey = propertyName(text.slice(i, end + 1));
        if (topKeys.has(lastKey)) repeatedKey ??= {name: lastKey, offset: i};
        topKeys.add(lastKey);
      }
      keyNext = false;
      i = end;
    } else if (c === 123 || c === 91) {
      stack.push(c);
      keyNext = c === 123;
      if (c === 91 && (key === undefined ? stack.length === 1 : stack.length === 2 && lastKey === key)) {
        recordsDepth = stack.length;
        awaiting = true;
        spans = {starts: [], ends: [], lines: []};
      }
    } else if (c === 125 || c === 93) {
      if (stack.length === recordsDepth) close();
      stack.pop();
      if (stack.length < recordsDepth) recordsDepth = -1;
    } else if (c === 44) {
      if (stack.length === recordsDepth) {
        close();
        awaiting = true;
      }
      keyNext = stack[stack.length - 1] === 123;
    }
    lastSolid = i;
  }
  close();
  return repeatedKey === undefined ? spans : {...spans, repeatedKey};
}

/** The text with every record replaced by 0: small, and valid JSON exactly when the frame is. */
export function skeleton(text: string, spans: RecordSpans): string {
  const parts: string[] = [];
  let at = 0;
  for (let k = 0; k < spans.starts.length; k++) {
    parts.push(text.slice(at, spans.starts[k]), "0");
    at = spans.ends[k];
  }
  parts.push(text.slice(at));
  return parts.join("");
}

function propertyName(quoted: string): string {
  if (!quoted.includes("\\")) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted);
  } catch {
    return quoted; // invalid JSON: found out later
  }
}

/** The index of the quote closing the string opened at `open` (the text's length if none). */
export function closingQuote(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  while (end !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return text.length;
}
