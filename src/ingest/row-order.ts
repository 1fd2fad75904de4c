/**
 * The order of a log's rows in every build (RowKeys), and the permutation that sorts rows read into
 * it (rowOrder): the table's order, the whole-log downloads' order (downloads/source-stream.ts sorts
 * each instant's rows as it posts them) and the order an append merges late rows in
 * (cache/merge-rows.ts). Pure.
 */
/**
 * What orders a log's rows in every build: time, then, among rows of one instant, the two hashes of
 * their values (deduplicate.ts rowHashPair), so that the order does not depend on the order of the
 * input: a log exported again in another order gives the same report, and a row read late goes
 * where a full read puts it (cache/merge-rows.ts). Rows of one instant and the same hashes (the
 * same values: only duplicates, which are not kept, or a 60-bit collision) keep input order.
 */
export interface RowKeys {
  time: ArrayLike<number>;
  hash: ArrayLike<number>;
  hash2: ArrayLike<number>;
}

/** Row i of `a` against row j of `b` in RowKeys order: negative when it comes first. */
export const compareRowKeys = (a: RowKeys, i: number, b: RowKeys, j: number): number =>
  a.time[i] - b.time[j] || a.hash[i] - b.hash[j] || a.hash2[i] - b.hash2[j];

/** Row numbers in RowKeys order, ties in input order; undefined when already in order. */
export function rowOrder(keys: RowKeys): number[] | undefined {
  const {time} = keys;
  let ascending = true,
    descending = true;
  for (let i = 1; i < time.length && (ascending || descending); i++) {
    if (time[i - 1] > time[i]) ascending = false;
    else if (time[i - 1] < time[i]) descending = false;
  }
  // in time order (oldest or newest first, as logs and exports often are): only the rows of each
  // instant may need sorting, not the whole log
  if (ascending) return sortInstants(keys, undefined);
  if (descending) return sortInstants(keys, newestFirstReversed(time));
  const order = Array.from({length: time.length}, (_, i) => i);
  // Array.prototype.sort is stable, and the tie-break on row number makes that explicit
  return order.sort((a, b) => compareRowKeys(keys, a, keys, b) || a - b);
}

/** `order` (rows in time order, each instant's in input order; undefined: as they are) with each instant's rows sorted by their hashes. */
export function sortInstants(keys: RowKeys, order: number[] | undefined): number[] | undefined {
  const {time, hash, hash2} = keys;
  const n = time.length;
  const at = (i: number) => (order === undefined ? i : order[i]);
  for (let end = 1, start = 0; end <= n; end++) {
    if (end < n && time[at(end)] === time[at(start)]) continue;
    // rows [start, end) of the order are one instant's
    let sorted = true;
    for (let i = start + 1; i < end && sorted; i++) {
      const a = at(i - 1),
        b = at(i);
      if ((hash[a] - hash[b] || hash2[a] - hash2[b] || a - b) > 0) sorted = false;
    }
    if (!sorted) {
      order ??= Array.from({length: n}, (_, i) => i);
      const run = order.slice(start, end).sort((a, b) => compareRowKeys(keys, a, keys, b) || a - b);
      for (let i = start; i < end; i++) order[i] = run[i - start];
    }
    start = end;
  }
  return order;
}

/** For a newest-first log (as exports often are): runs of one instant from last to first, each in input order. */
function newestFirstReversed(time: ArrayLike<number>): number[] {
  const order: number[] = new Array(time.length);
  let k = 0;
  for (let end = time.length; end > 0;) {
    let start = end - 1;
    while (start > 0 && time[start - 1] === time[end - 1]) start--;
    for (let i = start; i < end; i++) order[k++] = i;
    end = start;
  }
  return order;
}
