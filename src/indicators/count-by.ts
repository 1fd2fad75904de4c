/**
 * Row counts per combination of columns, shared by the indicators of one period. Several indicators
 * need the same counts (per bucket and user: users over time, actions by user, top users, the users
 * total; per bucket and action: actions over time, distribution), and on a million rows each count
 * is a full hashing pass, so each is computed once per rows table and remembered. Arquero tables are
 * immutable, so the cache cannot go stale; it lives as long as the rows table does.
 * Does not rank or format anything.
 */
import type {ColumnTable} from "arquero";
import {escape, op} from "arquero";

const cache = new WeakMap<ColumnTable, Map<string, ColumnTable>>();

/** Computes `make()` once per rows table and key. */
function remember(rows: ColumnTable, key: string, make: () => ColumnTable): ColumnTable {
  let tables = cache.get(rows);
  if (!tables) cache.set(rows, (tables = new Map()));
  let table = tables.get(key);
  if (!table) tables.set(key, (table = make()));
  return table;
}

export interface CountByOptions {
  /** leave out the rows where this column is "" (e.g. "user_id": rows without a user) */
  skipEmpty?: string;
}

/**
 * A table with `columns` plus `count`: one row per combination that occurs in `rows`, in order of
 * first appearance (sort it yourself). E.g. countBy(rows, ["user_id"], {skipEmpty: "user_id"}).
 */
export function countBy(rows: ColumnTable, columns: readonly string[], options: CountByOptions = {}): ColumnTable {
  const {skipEmpty} = options;
  return remember(rows, JSON.stringify(["countBy", columns, skipEmpty ?? null]), () => {
    // escape(): a plain closure, so Arquero does not parse and compile it on every call
    const source = skipEmpty === undefined ? rows : rows.filter(escape((d: Record<string, string>) => d[skipEmpty] !== ""));
    return source.groupby(...columns).count({as: "count"});
  });
}

/**
 * `user_id` and `count` for every user with at least one action, summed from the (bucket, user)
 * counts that users over time needs anyway: one hashing pass over the rows serves both.
 */
export function countPerUser(rows: ColumnTable, bucket: string): ColumnTable {
  return remember(rows, JSON.stringify(["countPerUser", bucket]), () =>
    countBy(rows, [bucket, "user_id"], {skipEmpty: "user_id"})
      .groupby("user_id")
      .rollup({count: op.sum("count")}));
}
