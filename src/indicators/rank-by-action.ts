/**
 * The rankings of the indicators: codes by count descending, then by code ascending, which is id
 * (or action) ascending by plain string comparison since dictionaries are sorted (coded-rows.ts);
 * and the three top lists (users, datasets, pages): the ids with the most actions, each with its
 * counts per action. Rows whose id is "" belong to no one and are left out of the top lists.
 */
import type {ColumnTable} from "arquero";
import {EMPTY_CODE} from "../ingest/coded-column.js";
import {codedColumn} from "./coded-rows.js";
import {countPerCode} from "./count-by.js";
import type {ByAction} from "./types.js";

/** One ranked id, e.g. {id: "ds-1", count: 12, byAction: {update: 9, publish: 3}}. */
export interface RankedEntry {
  id: string;
  count: number;
  byAction: ByAction;
}

// below this many entries a top list is kept by insertion; above it, by a full sort
const INSERTION_LIMIT = 32;

/**
 * The codes from `first` up (1 leaves out EMPTY_CODE) whose count is not 0, by count descending
 * then code ascending, at most `limit` of them. E.g. rankCodes([4, 2, 5, 2], 1) is [2, 1, 3].
 */
export function rankCodes(counts: ArrayLike<number>, first: number, limit = Infinity): number[] {
  const byRank = (x: number, y: number) => counts[y] - counts[x] || x - y;
  if (limit > INSERTION_LIMIT) {
    const codes: number[] = [];
    for (let code = first; code < counts.length; code++) if (counts[code] !== 0) codes.push(code);
    return codes.sort(byRank).slice(0, limit);
  }
  const ranked: number[] = [];
  for (let code = first; code < counts.length; code++) {
    const count = counts[code];
    // codes come in ascending order, so on equal counts the one already kept stays ahead
    if (count === 0 || (ranked.length === limit && count <= counts[ranked[limit - 1]])) continue;
    let at = ranked.length;
    while (at > 0 && counts[ranked[at - 1]] < count) at--;
    ranked.splice(at, 0, code);
    if (ranked.length > limit) ranked.pop();
  }
  return ranked;
}

/**
 * Counts per action (indexed by action code) as a ByAction object, keys by count descending then
 * action. Built from an ordered entry list with Object.fromEntries, so an action named "__proto__"
 * is an own key like any other; integer-like actions ("2024") still come first (see ByAction).
 */
export function byActionOf(counts: ArrayLike<number>, actions: readonly string[]): ByAction {
  return Object.fromEntries(rankCodes(counts, 0).map((code) => [actions[code], counts[code]]));
}

/**
 * The `top` non-empty values of `idColumn` with the most rows, ties broken by id, each with its
 * count per action. One pass over the rows for the leaders' actions, on codes.
 */
export function rankByAction(rows: ColumnTable, idColumn: string, top: number): RankedEntry[] {
  const counts = countPerCode(rows, idColumn);
  const leaders = rankCodes(counts, EMPTY_CODE + 1, top);
  if (leaders.length === 0) return [];
  const ids = codedColumn(rows, idColumn);
  const actions = codedColumn(rows, "action");
  const width = actions.dictionary.length;
  const rankOf = new Int32Array(ids.dictionary.length).fill(-1);
  leaders.forEach((code, rank) => (rankOf[code] = rank));
  const cells = new Int32Array(leaders.length * width); // cells[rank * width + action code]
  const idCodes = ids.codes;
  const actionCodes = actions.codes;
  for (let row = 0; row < idCodes.length; row++) {
    const rank = rankOf[idCodes[row]];
    if (rank >= 0) cells[rank * width + actionCodes[row]]++;
  }
  return leaders.map((code, rank) => ({
    id: ids.dictionary[code],
    count: counts[code],
    byAction: byActionOf(cells.subarray(rank * width, (rank + 1) * width), actions.dictionary),
  }));
}
