/**
 * Writes one CSV record the way spreadsheet tools and OpenDataSoft exports do (RFC 4180): a field is
 * quoted only when it holds the separator, a quote or a line break, and quotes inside are doubled.
 * It does not read CSV.
 */

/** One field, quoted if needed: `{"a":1}` -> `"{""a"":1}"`. */
export function csvField(value: string, separator: string): string {
  if (value.includes('"') || value.includes(separator) || value.includes("\n") || value.includes("\r")) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}

/** One record followed by "\n". */
export function csvLine(values: readonly string[], separator: string): string {
  return values.map((value) => csvField(value, separator)).join(separator) + "\n";
}
