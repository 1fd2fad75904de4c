/**
 * What the ingest needs of a CSV value still in the file's bytes (csv-bytes.ts FieldSpans): its
 * text, its length in UTF-16 code units, its code units for the row hashes, and the timestamp's
 * instant. Bytes are valid UTF-8 (read-csv-bytes checked them). Does not find fields.
 */
import {ESCAPED, NON_ASCII, QUOTED} from "./csv-bytes.js";
import {daysFromCivil, daysInMonth} from "./timestamp.js";

const QUOTE = 34;

/** The value of bytes [start, end) with `flags` (QUOTED, ESCAPED, NON_ASCII), as read-csv reads it. */
export function fieldValue(bytes: Buffer, start: number, end: number, flags: number): string {
  if (start === end) return "";
  if ((flags & ESCAPED) === 0) return decode(bytes, start, end, flags);
  // String#replaceAll('""', '"') on 600,000 values cost 4 CPU-s and 600 MB (V8 12, Node 20)
  if (unescaped.length < end - start) unescaped = Buffer.allocUnsafe(2 * (end - start));
  let length = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    unescaped[length++] = b;
    if (b === QUOTE) i++; // `""` is one quote
  }
  return decode(unescaped, 0, length, flags);
}

/**
 * Buffer's own decoders, without Buffer#toString's argument checks (a tenth of the ingest's time at
 * 1M rows, two values decoded per row); bytes ASCII unless NON_ASCII, so Latin-1 reads them as UTF-8 would.
 */
function decode(bytes: Buffer, start: number, end: number, flags: number): string {
  const decoders = bytes as Buffer & {latin1Slice(start: number, end: number): string; utf8Slice(start: number, end: number): string};
  return flags & NON_ASCII ? decoders.utf8Slice(start, end) : decoders.latin1Slice(start, end);
}

/** fieldValue's copy of a quoted value without its doubled quotes. */
let unescaped = Buffer.allocUnsafe(64 * 1024);

/** The value's length in UTF-16 code units (String#length). */
export function fieldLength(bytes: Uint8Array, start: number, end: number, flags: number): number {
  let length = end - start;
  if (flags & NON_ASCII) {
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      if ((b & 0xc0) === 0x80)
        length--; // a continuation byte
      else if (b >= 0xf0) length++; // 4 bytes: a surrogate pair
    }
  }
  if (flags & ESCAPED) for (let i = start; i < end; i++) if (bytes[i] === QUOTE) (length--, i++);
  return length;
}

/** The hash state rowHashPair keeps, [h, g], fed the value's code units by hashCodeUnits. */
export const hashState = new Int32Array(2);

/**
 * Feeds the value's UTF-16 code units into hashState as deduplicate.ts rowHashPair does with a
 * string's charCodeAt (h with FNV's multiplier, g with murmur's).
 */
export function hashCodeUnits(bytes: Uint8Array, start: number, end: number, flags: number): void {
  let h = hashState[0],
    g = hashState[1];
  if ((flags & (NON_ASCII | ESCAPED)) === 0) {
    for (let i = start; i < end; i++) {
      const code = bytes[i];
      h = Math.imul(h ^ code, 16777619);
      g = Math.imul(g ^ code, 0x5bd1e995);
    }
  } else {
    const quoted = (flags & QUOTED) !== 0;
    for (let i = start; i < end; i++) {
      let code = bytes[i];
      if (code === QUOTE && quoted)
        i++; // `""` is one quote
      else if (code >= 0x80) {
        if (code < 0xe0) code = ((code & 0x1f) << 6) | (bytes[++i] & 0x3f);
        else if (code < 0xf0) code = ((code & 0x0f) << 12) | ((bytes[++i] & 0x3f) << 6) | (bytes[++i] & 0x3f);
        else {
          const point = ((code & 0x07) << 18) | ((bytes[++i] & 0x3f) << 12) | ((bytes[++i] & 0x3f) << 6) | (bytes[++i] & 0x3f);
          const high = 0xd800 + ((point - 0x10000) >> 10);
          h = Math.imul(h ^ high, 16777619);
          g = Math.imul(g ^ high, 0x5bd1e995);
          code = 0xdc00 + ((point - 0x10000) & 0x3ff);
        }
      }
      h = Math.imul(h ^ code, 16777619);
      g = Math.imul(g ^ code, 0x5bd1e995);
    }
  }
  hashState[0] = h;
  hashState[1] = g;
}

/**
 * timestamp.ts's common `YYYY-MM-DDThh:mm:ss.sssZ` shape (exactly 24 bytes) read from bytes, as
 * epoch ms, or undefined for anything else (read-csv-bytes then reads the text).
 */
export function exactUtcMillisOfBytes(bytes: Uint8Array, start: number, end: number): number | undefined {
  const s = start;
  if (
    end - start !== 24 ||
    bytes[s + 23] !== 90 /* Z */ ||
    bytes[s + 10] !== 84 /* T */ ||
    bytes[s + 4] !== 45 ||
    bytes[s + 7] !== 45 ||
    bytes[s + 13] !== 58 ||
    bytes[s + 16] !== 58 ||
    bytes[s + 19] !== 46
  )
    return undefined;
  const year = digits(bytes, s, 4),
    month = digits(bytes, s + 5, 2),
    day = digits(bytes, s + 8, 2);
  const hour = digits(bytes, s + 11, 2),
    minute = digits(bytes, s + 14, 2),
    second = digits(bytes, s + 17, 2);
  const millisecond = digits(bytes, s + 20, 3);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || millisecond < 0)
    return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
}

function digits(bytes: Uint8Array, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const code = bytes[i];
    if (code < 48 || code > 57) return -1;
    value = value * 10 + code - 48;
  }
  return value;
}
