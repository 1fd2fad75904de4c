/**
 * The ranking behind the three top lists (users, datasets, pages): the ids with the most actions,
 * each with its counts per action. Order everywhere: count descending, then id (or action)
 * ascending by plain string comparison. Rows whose id is "" belong to no one and are left out.
 */
import type {ColumnTable} from "arquero";
import {desc, escape} from "arquero";
import type {ByAction} from "./types.js";

/** One ranked id, e.g. {id: "ds-1", count: 12, byAction: {update: 9, publish: 3}}. */
export interface RankedEntry {
  id: string;
  count: number;
  byAction: ByAction;
}

/**
 * The `top` ids with the highest count in `counts` (columns `idColumn` and `count`, one row per
 * non-empty id: see count-by.ts), ties broken by id, each with its count per action in `rows`
 * (keys ordered by count descending, then action).
 */
export function rankByAction(rows: ColumnTable, counts: ColumnTable, idColumn: string, top: number): RankedEntry[] {
  const leaders = counts
    .orderby(desc("count"), idColumn)
    .slice(0, top)
    .rename({[idColumn]: "id"})
    .objects() as {id: string; count: number}[];
  if (leaders.length === 0) return [];
  const rankOf = new Map(leaders.map(({id}, rank) => [id, rank]));
  // Per-action counts of the leaders only: a cheap filter, then a small groupby. Grouping on the
  // leader's rank, a number, rather than on the id: Arquero joins multi-column keys as `"a"|"b"`
  // without escaping, so ids and actions holding `"|"` could otherwise fall into one group.
  const leaderCells = rows
    .filter(escape((d: Record<string, string>) => rankOf.has(d[idColumn])))
    .derive({rank: escape((d: Record<string, string>) => rankOf.get(d[idColumn]))})
    .groupby("rank", "action")
    .count({as: "count"})
    .orderby("rank", desc("count"), "action")
    .objects() as {rank: number; action: string; count: number}[];
  const byAction = leaders.map((): ByAction => ({}));
  for (const {rank, action, count} of leaderCells) byAction[rank][action] = count;
  return leaders.map(({id, count}, rank) => ({id, count, byAction: byAction[rank]}));
}
