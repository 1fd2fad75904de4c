/**
 * Finds the fields of one CSV record in UTF-8 bytes, without making a string: where each value's
 * bytes are, whether it was quoted and holds `""` escapes or non-ASCII bytes. It reads only the
 * regular shape (read-csv's rules, which are papaparse's): quotes open a field only at its start,
 * a closing quote is followed by the separator, LF or CR LF, a CR before the LF ends an unquoted
 * last field. Anything else (text after a closing quote, a wrong field count, a line of spaces)
 * it leaves to read-csv, saying whether it at least knows where the record ends. Does not decode,
 * validate UTF-8 or look at what the fields mean.
 */

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/** FieldSpans.flags bits. */
export const QUOTED = 1;
/** the quoted value holds `""`, one quote each */
export const ESCAPED = 2;
/** a byte >= 0x80 (a multi-byte UTF-8 character) */
export const NON_ASCII = 4;

/** scanRecord results that are not a record's end. */
export const Scan = {
  /** the bytes end before the record does */
  incomplete: -1,
  /** a record read's rules do not cover (e.g. text after a closing quote): where it ends is unknown */
  unknownEnd: -2,
} as const;

/** The fields of the last record scanned: value i is bytes [starts[i], ends[i]) (inside its quotes). */
export class FieldSpans {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  /** fields found (may exceed the header's count: only the first `capacity` are kept) */
  count = 0;
  /** LF bytes inside the record's quoted fields */
  newlines = 0;
  /** false when the record is complete but read-csv must read it (wrong field count, a line of spaces...) */
  regular = true;
  /** the record is an empty line (or a lone CR), which read-csv skips */
  blank = false;

  constructor(readonly capacity: number) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }
}

/**
 * Scans the record starting at `at` (a row start, outside quotes) in `bytes[0, end)`; returns the
 * index just after its LF, or a Scan value. `fields.regular` then says whether the record has the
 * expected shape, `fields.count` fields of `capacity`.
 */
export function scanRecord(bytes: Uint8Array, at: number, end: number, separator: number, fields: FieldSpans): number {
  const {starts, ends, flags, capacity} = fields;
  let p = at;
  let count = 0;
  let newlines = 0;
  let regular = true;
  for (;;) {
    if (p >= end) return Scan.incomplete;
    let flag = 0;
    let start: number, stop: number;
    let c = bytes[p];
    if (c === QUOTE) {
      start = ++p;
      for (;;) {
        while (p < end && (c = bytes[p]) !== QUOTE) {
          flag |= c;
          if (c === LF) newlines++;
          p++;
        }
        if (p + 1 >= end) return Scan.incomplete; // the byte after the quote decides
        if (bytes[p + 1] !== QUOTE) break;
        flag |= ESCAPED << 8;
        p += 2;
      }
      stop = p++;
      c = bytes[p];
      if (c === CR) {
        if (p + 1 >= end) return Scan.incomplete;
        if (bytes[p + 1] !== LF) return Scan.unknownEnd;
        c = bytes[++p];
      } else if (c !== separator && c !== LF) return Scan.unknownEnd;
      flag = QUOTED | (flag >> 8) | (flag & 0x80 ? NON_ASCII : 0);
    } else {
      start = p;
      while (c !== separator && c !== LF) {
        flag |= c === QUOTE ? 0x100 : c;
        if (++p >= end) return Scan.incomplete;
        c = bytes[p];
      }
      stop = p;
      if (c === LF && stop > start && bytes[stop - 1] === CR) {
        stop--;
        // read-csv keeps that CR when the line ends with a quote (`..."\r`): left to it
        if (flag & 0x100) regular = false;
      }
      flag = flag & 0x80 ? NON_ASCII : 0;
    }
    if (count < capacity) {
      starts[count] = start;
      ends[count] = stop;
      flags[count] = flag;
    }
    count++;
    p++; // past the separator or LF
    if (c === LF) break;
  }
  fields.count = count;
  fields.newlines = newlines;
  fields.blank = count === 1 && ends[0] === starts[0] && (flags[0] & QUOTED) === 0;
  fields.regular = regular && count === capacity;
  return p;
}
