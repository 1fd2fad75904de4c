/** Reads an explorer data file as the page does, in Node: runs the script, then inflates and unpacks a packed file. */
import {inflateSync} from "node:zlib";
import {DATA_GLOBAL, unpackFile, type ExploreFile, type ExploreMeta, type MonthData, type MonthRows} from "../../src/explore/data-format.js";

/** The value the script pushes. */
export function pushed(text: string): ExploreFile {
  const self: Record<string, ExploreFile[]> = {};
  new Function("self", text)(self);
  assert1(self[DATA_GLOBAL]?.length === 1, "one value pushed");
  return self[DATA_GLOBAL][0];
}

function assert1(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

/** The value a data file holds, unpacked. */
export function readDataFile(text: string): ExploreMeta | MonthData | MonthRows {
  const value = pushed(text);
  return value.kind === "packed" ? unpackFile(value, inflateSync(Buffer.from(value.data, "base64"))) : value;
}

/** A coded column's text per row. */
export const texts = ({values, codes}: {values: string[]; codes: Int32Array}): string[] => Array.from(codes, (code) => values[code]);
