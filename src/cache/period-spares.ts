/**
 * The open periods' downloads the cache keeps for the nights after: what lets a night extend the
 * open year's, quarter's, month's and week's files instead of copying them (downloads/period-spare.ts).
 * Each build links the downloads of its calendar periods whose rows reach the end of the log into
 * the cache's folder (`CacheParts.periods`); the next build, an append, keeps those links as its
 * spares (`CacheParts.periodSpares`), and the one after takes them once the report they belong to
 * (then `<out>.previous`) is retired and they are the cache's alone. As with the whole log's spare
 * (build-cache.ts), they are checked at every step: their modification time when the cache is read,
 * their links, sizes and last bytes when taken.
 */
import {link, stat} from "node:fs/promises";
import path from "node:path";
import type {PeriodSpare} from "../downloads/period-spare.js";

/**
 * A period's downloads in the cache's folder: file names, their sizes, and the rows [lo, hi) of the
 * cached log they begin with (downloads/period-spare.ts PeriodSpare).
 */
export interface PeriodPart {
  csv: string;
  json: string;
  lo: number;
  hi: number;
  csvBytes: number;
  jsonBytes: number;
}

/** A rendered period's staged downloads that a later night may extend: rows [lo, hi) reach the end of the log. */
export interface TailPeriod {
  path: string;
  csvFile: string;
  jsonFile: string;
  lo: number;
  hi: number;
}

/**
 * Links each tail period's downloads into `dir` as `activity.<generation>p<i>.csv` (and .json), the
 * names the cache's clean-up knows as its own; their parts by period path, with their modification
 * times added to `mtimes`.
 */
export async function linkTailPeriods(
  dir: string,
  generation: string,
  tails: readonly TailPeriod[],
  mtimes: Record<string, number>,
): Promise<Record<string, PeriodPart>> {
  const parts: Record<string, PeriodPart> = {};
  await Promise.all(
    tails.map(async (tail, i) => {
      const [csv, json] = [`activity.${generation}p${i}.csv`, `activity.${generation}p${i}.json`];
      await Promise.all([link(tail.csvFile, path.join(dir, csv)), link(tail.jsonFile, path.join(dir, json))]);
      const [csvInfo, jsonInfo] = await Promise.all([stat(path.join(dir, csv)), stat(path.join(dir, json))]);
      [mtimes[csv], mtimes[json]] = [csvInfo.mtimeMs, jsonInfo.mtimeMs];
      parts[tail.path] = {csv, json, lo: tail.lo, hi: tail.hi, csvBytes: csvInfo.size, jsonBytes: jsonInfo.size};
    }),
  );
  return parts;
}

/**
 * The links of the cache an append grows, kept as the new cache's spares: the rows they begin with
 * end at `firstChanged` at the latest (the first row that moved or is new); see rowsBefore.
 */
export const carriedSpares = (links: Record<string, PeriodPart> | undefined, firstChanged: number): Record<string, PeriodPart> =>
  rowsBefore(links ?? {}, firstChanged);

/**
 * Spares (cache parts or the files they name) counted up to row `first`, the first row that moved or
 * is new since they were written: their rows from `first` on are no longer the log's; those that begin
 * there or after are left out.
 */
export function rowsBefore<T extends {lo: number; hi: number}>(spares: Record<string, T>, first: number): Record<string, T> {
  return Object.fromEntries(
    Object.entries(spares).flatMap(([periodPath, spare]) => (spare.lo < first ? [[periodPath, {...spare, hi: Math.min(spare.hi, first)}]] : [])),
  );
}

/**
 * The copies of the tail periods' downloads a build that read every input made in `dir` (`copies`,
 * downloads/period-files.ts), as the cache's spares, with their modification times added to `mtimes`;
 * those missing or elsewhere are left out.
 */
export async function copiedSpares(
  dir: string,
  tails: readonly TailPeriod[],
  copies: (periodPath: string) => {csvFile: string; jsonFile: string},
  mtimes: Record<string, number>,
): Promise<Record<string, PeriodPart>> {
  const spares: Record<string, PeriodPart> = {};
  for (const tail of tails) {
    const files = copies(tail.path);
    if (![files.csvFile, files.jsonFile].every((file) => path.dirname(path.resolve(file)) === path.resolve(dir))) continue;
    const [csv, json] = [path.basename(files.csvFile), path.basename(files.jsonFile)];
    const [csvInfo, jsonInfo] = await Promise.all([csv, json].map((name) => stat(path.join(dir, name)).catch(() => undefined)));
    if (csvInfo === undefined || jsonInfo === undefined) continue;
    [mtimes[csv], mtimes[json]] = [csvInfo.mtimeMs, jsonInfo.mtimeMs];
    spares[tail.path] = {csv, json, lo: tail.lo, hi: tail.hi, csvBytes: csvInfo.size, jsonBytes: jsonInfo.size};
  }
  return spares;
}

/** The period spares a cache in `dir` may lend, by period path: those not written to since it recorded them. */
export async function intactPeriodSpares(
  dir: string,
  spares: Record<string, PeriodPart> | undefined,
  mtimes: Record<string, number>,
): Promise<Record<string, PeriodSpare>> {
  const intact = await Promise.all(
    Object.entries(spares ?? {}).map(async ([periodPath, part]) => {
      const {lo, hi, csvBytes, jsonBytes} = part;
      const spare: PeriodSpare = {csvFile: path.join(dir, part.csv), jsonFile: path.join(dir, part.json), lo, hi, csvBytes, jsonBytes};
      return (await unwritten(dir, [part.csv, part.json], mtimes)) ? [[periodPath, spare] as const] : [];
    }),
  );
  return Object.fromEntries(intact.flat());
}

/** Whether the files `names` of `dir` are there with the modification times `mtimes` recorded: not written to since. */
export async function unwritten(dir: string, names: readonly string[], mtimes: Record<string, number>): Promise<boolean> {
  const unchanged = await Promise.all(
    names.map((name) =>
      stat(path.join(dir, name)).then(
        (info) => info.mtimeMs === mtimes[name],
        () => false,
      ),
    ),
  );
  return unchanged.every(Boolean);
}

/** The file names `parts` holds, for the cache's clean-up. */
export const periodPartFiles = (...parts: (Record<string, PeriodPart> | undefined)[]): string[] =>
  parts.flatMap((byPath) => Object.values(byPath ?? {}).flatMap((part) => [part.csv, part.json]));
