/**
 * Row counts per combination of columns, shared by the indicators of one period. Several indicators
 * need the same counts (per user: actions by user, top users, the users total; per bucket and
 * action: actions over time, distribution), and on a million rows each count is a full hashing pass,
 * so each is computed once per rows table and remembered. Arquero tables are immutable, so the
 * cache cannot go stale; it lives as long as the rows table does. Does not rank or format anything.
 */
import type {ColumnTable} from "arquero";

const cache = new WeakMap<ColumnTable, Map<string, ColumnTable>>();

export interface CountByOptions {
  /** leave out the rows where this column is "" (e.g. "user_id": rows without a user) */
  skipEmpty?: string;
}

/**
 * A table with `columns` plus `count`: one row per combination that occurs in `rows`, in order of
 * first appearance (sort it yourself). E.g. countBy(rows, ["user_id"], {skipEmpty: "user_id"}).
 */
export function countBy(rows: ColumnTable, columns: readonly string[], options: CountByOptions = {}): ColumnTable {
  const key = JSON.stringify([columns, options.skipEmpty ?? null]);
  let counts = cache.get(rows);
  if (!counts) cache.set(rows, (counts = new Map()));
  const cached = counts.get(key);
  if (cached) return cached;
  const source = options.skipEmpty === undefined
    ? rows
    : rows.params({column: options.skipEmpty}).filter((d: Record<string, string>, $: {column: string}) => d[$.column] !== "");
  const table = source.groupby(...columns).count({as: "count"});
  counts.set(key, table);
  return table;
}
