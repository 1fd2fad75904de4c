/**
 * A period's content key: a digest of everything its folder (page, charts.json, indicators.json,
 * downloads) is made from, so that a build can keep the previous build's folder when the key is
 * unchanged instead of rendering it again. It covers the period's rows (their two 30-bit hashes, in
 * order), the log's columns, the page's view model without its SVGs (labels, neighbour links,
 * change figures, download sizes, site title), the indicators, the action palette, the options
 * and the tool's own code. It does not read or write files.
 */
import {createHash} from "node:crypto";
import type {RowOrigins} from "../ingest/log-rows.js";

/**
 * A 60-bit digest of rows [lo, hi): each row's two hashes folded in order, so that a changed,
 * added, removed or reordered row changes it. E.g. "0f3a9c0e:2b77d1a4:120".
 */
export function rowsDigest(rows: Pick<RowOrigins, "hash" | "hash2">, lo: number, hi: number): string {
  let a = 0x811c9dc5 ^ (hi - lo);
  let b = 0x1b873593;
  const {hash, hash2} = rows;
  for (let row = lo; row < hi; row++) {
    a = Math.imul(a ^ hash[row], 0x01000193);
    a ^= a >>> 15;
    b = Math.imul(b ^ hash2[row], 0x5bd1e995);
    b ^= b >>> 13;
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
  return `${hex(a)}:${hex(b)}:${hi - lo}`;
}

/** What a period's folder is made from; any JSON-serialisable parts. */
export interface PeriodKeyParts {
  /** the tool's code fingerprint (fingerprint.ts) */
  code: string;
  /** the log's output columns, in order */
  columns: readonly string[];
  /** rowsDigest of the period's rows */
  rows: string;
  /** e.g. the page's view model without SVGs, the indicators, the palette, top */
  content: unknown;
}

/** The content key: a hex SHA-256 of the parts. */
export function periodContentKey(parts: PeriodKeyParts): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}
