/**
 * A period's downloads extended instead of copied: the open year's, quarter's, month's and week's
 * files hold nearly the same rows each night (year 2025 is 215 MB of the 1M-row bench log), and
 * copying them out of the whole log was most of a night's downloads stage. The build cache keeps, as
 * a period's spare, the files of the report before last (links it made when that report was built;
 * cache/period-spares.ts): once that report is retired they are ours alone, and the night moves them
 * into its own period folder and writes only the rows they lack. The same as whole-log spares
 * (append.ts), for the periods whose rows reach the end of the log.
 */
import {open} from "node:fs/promises";
import path from "node:path";
import {withPath} from "../errors.js";
import {copyRange} from "./copy-range.js";
import {moveSpare, SPARE_CHECK_BYTES, spareFits} from "./spare-files.js";
import {JSON_TAIL, type SourceData} from "./whole-log.js";

/**
 * A period's downloads kept by the cache, of `csvBytes` and `jsonBytes`: they begin with rows [lo, hi)
 * of the whole log (rows no build since has moved), and may hold more rows after them (rows that
 * late rows have moved since: cut off when extended).
 */
export interface PeriodSpare {
  csvFile: string;
  jsonFile: string;
  lo: number;
  hi: number;
  csvBytes: number;
  jsonBytes: number;
}

/**
 * Moves `spare` to `dir`/activity.csv and activity.json and makes it rows [lo, hi) of `source`: what
 * follows its rows [lo, spare.hi) is cut off and rows [spare.hi, hi) copied from the whole log's
 * files, giving the bytes writePeriodSourceData writes. Resolves with the sizes of both files, or
 * undefined, touching nothing, when the spare cannot serve: other rows (another start, more rows than
 * the period), files still linked elsewhere (a report that shows them), not the size the cache
 * recorded, or not the whole log's bytes before the cut.
 */
export async function extendPeriodSpare(
  dir: string,
  source: SourceData,
  lo: number,
  hi: number,
  spare: PeriodSpare,
): Promise<{csv: number; json: number} | undefined> {
  if (spare.lo !== lo || spare.hi <= lo || spare.hi > hi) return undefined;
  const k = spare.hi;
  const header = source.csvHeader.length;
  // where the spare is cut: after its rows [lo, k), whose last bytes must be the whole log's
  const csvCut = header + source.csvStart[k] - source.csvStart[lo];
  const jsonRows = source.jsonEnd[k - 1] - source.jsonStart[lo];
  const jsonCut = 2 + jsonRows;
  if (csvCut > spare.csvBytes || jsonCut + JSON_TAIL.length > spare.jsonBytes) return undefined;
  const csvCheck = Math.min(SPARE_CHECK_BYTES, csvCut - header);
  const jsonCheck = Math.min(SPARE_CHECK_BYTES, jsonRows);
  const fits = await Promise.all([
    spareFits(spare.csvFile, spare.csvBytes, csvCut - csvCheck, source.csvFile, source.csvStart[k] - csvCheck, csvCheck),
    spareFits(spare.jsonFile, spare.jsonBytes, jsonCut - jsonCheck, source.jsonFile, source.jsonEnd[k - 1] - jsonCheck, jsonCheck),
  ]);
  if (!fits.every(Boolean)) return undefined;
  const csvFile = path.join(dir, "activity.csv");
  const jsonFile = path.join(dir, "activity.json");
  if (!(await moveSpare(spare, {csvFile, jsonFile}))) return undefined;
  const [csvOut, jsonOut, csvIn, jsonIn] = await Promise.all([
    open(csvFile, "r+"),
    open(jsonFile, "r+"),
    open(source.csvFile, "r"),
    open(source.jsonFile, "r"),
  ]);
  try {
    await copyRange(csvIn, csvOut, source.csvStart[k], source.csvStart[hi], csvCut);
    const jsonEnd = 2 + source.jsonEnd[hi - 1] - source.jsonStart[lo];
    await copyRange(jsonIn, jsonOut, source.jsonEnd[k - 1], source.jsonEnd[hi - 1], jsonCut);
    await jsonOut.write(JSON_TAIL, jsonEnd);
    const csvEnd = header + source.csvStart[hi] - source.csvStart[lo];
    await Promise.all([csvOut.truncate(csvEnd), jsonOut.truncate(jsonEnd + JSON_TAIL.length)]);
    return {csv: csvEnd, json: jsonEnd + JSON_TAIL.length};
  } catch (error) {
    throw withPath(error, csvFile);
  } finally {
    await Promise.all([csvOut.close(), jsonOut.close(), csvIn.close(), jsonIn.close()]);
  }
}
