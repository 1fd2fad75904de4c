/**
 * Finds where CSV rows end by looking only at quotes (indexOf jumps, no per-character loop), with
 * papaparse's rules: a quote opens a field only at the field's start, `""` inside a quoted field is
 * a quote, and a closing quote may be followed by spaces, then the separator, the newline or the end
 * of the input. Anything else after a closing quote (`"edit"x`) is malformed: papaparse would read
 * on to the next quote anywhere in the file, so read-csv cuts such a row at its next newline
 * instead. Does not split fields or unescape values.
 */

/** What a scan of CSV text, from a row start, found. */
export interface QuoteScan {
  /**
   * Where the text stops being complete rows: the start of a row left unfinished (a quoted field
   * still open, or no newline yet), or the text's length when it ends with a newline (or is final).
   */
  pendingStart: number;
  /** the first row with a malformed closing quote: where it starts, its field's quotes */
  malformed?: {rowStart: number; openQuote: number; closeQuote: number};
  /** set when the text ends inside a quoted field: where that field's quote is */
  openQuote?: number;
}

const QUOTE = 34; // "
const SPACE = /\s/; // what String#trim() drops: papaparse allows it between a closing quote and a separator

/**
 * Scans `text` from `from` (a row start, outside quotes) to its end or its first malformed quote.
 * `final` says no more text follows: a quote at the very end then closes its field.
 */
export function scanQuotes(text: string, from: number, separator: string, newline: string, final: boolean): QuoteScan {
  const separatorCode = separator.charCodeAt(0);
  let rowStart = from;
  let nextNewline = text.indexOf(newline, from);
  let at = from; // outside quotes
  for (;;) {
    const open = text.indexOf('"', at);
    const stretchEnd = open === -1 ? text.length : open;
    if (nextNewline !== -1 && nextNewline < at) nextNewline = text.indexOf(newline, at);
    while (nextNewline !== -1 && nextNewline < stretchEnd) {
      rowStart = nextNewline + newline.length;
      nextNewline = text.indexOf(newline, rowStart);
    }
    if (open === -1) return {pendingStart: final ? text.length : rowStart};
    if (open !== rowStart && text.charCodeAt(open - 1) !== separatorCode) {
      at = open + 1; // a quote inside an unquoted field is text
      continue;
    }
    let close = open;
    for (;;) {
      close = text.indexOf('"', close + 1);
      if (close === -1) return {pendingStart: rowStart, openQuote: open};
      if (text.charCodeAt(close + 1) !== QUOTE) break;
      close++; // `""`: an escaped quote
    }
    if (close + 1 === text.length) return {pendingStart: final ? text.length : rowStart};
    // the usual case first: the separator right after the closing quote
    if (text.charCodeAt(close + 1) === separatorCode) {
      at = close + 2;
      continue;
    }
    const after = afterClosingQuote(text, close + 1, separator, newline, final);
    if (after === UNDECIDED) return {pendingStart: rowStart};
    if (after === MALFORMED) return {pendingStart: rowStart, malformed: {rowStart, openQuote: open, closeQuote: close}};
    if (after.rowEnds) rowStart = after.next;
    at = after.next;
  }
}

const UNDECIDED = 0;
const MALFORMED = 1;

/** Where parsing goes on after a closing quote, or whether what follows it is malformed. */
function afterClosingQuote(
  text: string,
  from: number,
  separator: string,
  newline: string,
  final: boolean,
): {next: number; rowEnds: boolean} | typeof UNDECIDED | typeof MALFORMED {
  for (let i = from; i < text.length; i++) {
    if (text[i] === separator) return {next: i + 1, rowEnds: false};
    if (text.startsWith(newline, i)) return {next: i + newline.length, rowEnds: true};
    if (!SPACE.test(text[i])) return MALFORMED;
  }
  // only spaces up to the end: papaparse finds no closing quote there, and neither do we
  return final ? MALFORMED : UNDECIDED;
}
