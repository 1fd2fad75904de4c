/**
 * The ranking behind the three top lists (users, datasets, pages): the ids with the most actions,
 * each with its counts per action. Rows whose id is "" belong to no one and are left out.
 * Order everywhere: count descending, then id (or action) ascending by plain string comparison.
 */
import type {ColumnTable} from "arquero";
import {desc, op} from "arquero";
import {countBy} from "./count-by.js";
import type {ByAction} from "./types.js";

/** One ranked id, e.g. {id: "ds-1", count: 12, byAction: {update: 9, publish: 3}}. */
export interface RankedEntry {
  id: string;
  count: number;
  byAction: ByAction;
}

/**
 * The `top` values of `idColumn` in `rows` with the most rows, ties broken by id, each with its
 * count per action (keys ordered by count descending, then action).
 */
export function rankByAction(rows: ColumnTable, idColumn: string, top: number): RankedEntry[] {
  const leaders = countBy(rows, [idColumn], {skipEmpty: idColumn})
    .orderby(desc("count"), idColumn)
    .slice(0, top)
    .rename({[idColumn]: "id"})
    .objects() as {id: string; count: number}[];
  if (leaders.length === 0) return [];
  const ids = leaders.map(({id}) => id);
  // Per-action counts of the leaders only: a cheap filter, then a small groupby. Grouping on the
  // leader's rank, a number, rather than on the id: Arquero joins multi-column keys as `"a"|"b"`
  // without escaping, so ids and actions holding `"|"` could otherwise fall into one group.
  const leaderCells = rows
    .params({column: idColumn, ids})
    .filter((d: Record<string, string>, $: {column: string; ids: string[]}) => op.includes($.ids, d[$.column]))
    .derive({rank: (d: Record<string, string>, $: {column: string; ids: string[]}) => op.indexof($.ids, d[$.column])})
    .groupby("rank", "action")
    .count({as: "count"})
    .orderby("rank", desc("count"), "action")
    .objects() as {rank: number; action: string; count: number}[];
  const byAction = leaders.map((): ByAction => ({}));
  for (const {rank, action, count} of leaderCells) byAction[rank][action] = count;
  return leaders.map(({id, count}, rank) => ({id, count, byAction: byAction[rank]}));
}
