/**
 * A period's content key: a digest of everything its folder (page, charts.json, indicators.json,
 * downloads) is made from, so that a build can keep the previous build's folder when the key is
 * unchanged instead of rendering it again. It is made by construction, not from a list of fields:
 * the period's page model as buildPeriodModel lays it out (every field, whatever is added to it),
 * its frame (indicators.json's comparison, dataFrom, previousAction), every option that shapes the
 * output but the as-of day (config.ts outputOptions), the tool's code (templates included), the
 * log's columns, the action palette and the period's rows (their two 30-bit hashes, in order).
 * What a page is given only once its charts are drawn and its downloads written (its chart
 * sections, the downloads' sizes, its inline chart specs) follows from those rows, columns,
 * options, palette and code, so the model is laid out with none: computing the charts and
 * downloads of every period to digest them would cost what keeping a period saves. It does not
 * read or write files. The parts are put together by pipeline/content-keys.ts.
 */
import {createHash} from "node:crypto";
import type {OutputOptions} from "../config.js";
import type {RowOrigins} from "../ingest/log-rows.js";
import type {PeriodFrame} from "../indicators/types.js";

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

/**
 * rowsDigest for what a period's page shows (its page, charts.json, indicators.json): the rows of
 * one instant (`time`, the rows' epoch ms) count as a set, in any order. A cold read orders them
 * as the file does, so a re-export in another order reorders them; the page only counts rows, while
 * the downloads, which list them, follow rowsDigest. E.g. "5d0e19a2:0c4f7b31:120".
 */
export function pageRowsDigest(rows: Pick<RowOrigins, "hash" | "hash2">, time: Float64Array, lo: number, hi: number): string {
  let a = 0x811c9dc5 ^ (hi - lo);
  let b = 0x1b873593;
  const {hash, hash2} = rows;
  for (let row = lo; row < hi;) {
    // the instant's rows summed (order-free), each hash mixed first so that sums of alike hashes spread
    let sumA = 0;
    let sumB = 0;
    const instant = time[row];
    do {
      sumA = (sumA + Math.imul(hash[row] ^ (hash[row] >>> 16), 0x85ebca6b)) | 0;
      sumB = (sumB + Math.imul(hash2[row] ^ (hash2[row] >>> 13), 0xc2b2ae35)) | 0;
      row++;
    } while (row < hi && time[row] === instant);
    a = Math.imul(a ^ sumA, 0x01000193);
    a ^= a >>> 15;
    b = Math.imul(b ^ sumB, 0x5bd1e995);
    b ^= b >>> 13;
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
  return `${hex(a)}:${hex(b)}:${hi - lo}`;
}

/** What a period's folder is made from; JSON-serialisable parts. */
export interface PeriodKeyParts {
  /** the tool's code fingerprint (fingerprint.ts: sources, templates, lock file) */
  code: string;
  /** the log's output columns, in order */
  columns: readonly string[];
  /** pageRowsDigest of the period's rows (the downloads, which list them in order, are checked by rowsDigest) */
  rows: string;
  /** the options that shape the output, but the as-of day (shown through `model` and `frame`) */
  options: Omit<OutputOptions, "asOf">;
  /** every action of the log, in the palette's order (the palette's colours and names follow from them) */
  actions: readonly string[];
  /** where the period stands among the others: what indicators.json adds to what its rows give */
  frame: PeriodFrame;
  /** the page model, laid out with no chart and empty downloads (periodKeyModel) */
  model: object;
}

/**
 * The content key: a hex SHA-256 of the parts' JSON. A value JSON would drop or write as `{}` (a
 * Map, a Set, a function) throws rather than leave a field out of the key; an undefined field is
 * written as such.
 */
export function periodContentKey(parts: PeriodKeyParts): string {
  return createHash("sha256").update(JSON.stringify(parts, jsonOnly)).digest("hex");
}

function jsonOnly(key: string, value: unknown): unknown {
  if (value === undefined) return "\u0000undefined";
  if (typeof value === "function" || typeof value === "bigint" || value instanceof Map || value instanceof Set) {
    throw new TypeError(`content key: "${key}" is a ${value?.constructor?.name ?? typeof value}, which JSON would not write`);
  }
  return value;
}
