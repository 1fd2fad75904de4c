/**
 * Seeded randomness for the log generators: a mulberry32 generator and weighted sampling over
 * cumulative tables (Zipf-like popularity). Same seed, same sequence, on every machine.
 * It does not know about logs; Math.random is never used.
 */

/** A seeded source of numbers in [0, 1) and the few draws the generators need. */
export interface Random {
  /** uniform float in [0, 1) */
  next(): number;
  /** uniform integer in [0, n) */
  int(n: number): number;
  /** uniform element of a non-empty list */
  pick<T>(items: readonly T[]): T;
  /** true with probability p */
  chance(p: number): boolean;
}

/** mulberry32: 32-bit state, good enough for test data, and fast. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** Weights 1/rank^exponent for ranks 1..n: the head is popular, the tail long. */
export function zipfWeights(n: number, exponent: number): number[] {
  return Array.from({length: n}, (_, i) => 1 / Math.pow(i + 1, exponent));
}

/** Normalised running sums of weights, ending at exactly 1, for `sampleIndex`. */
export function cumulative(weights: readonly number[]): Float64Array {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const table = new Float64Array(weights.length);
  let running = 0;
  weights.forEach((w, i) => {
    running += w;
    table[i] = running / total;
  });
  table[table.length - 1] = 1;
  return table;
}

/** Index i such that table[i-1] <= u < table[i] (binary search; u in [0, 1)). */
export function sampleIndex(table: Float64Array, u: number): number {
  let low = 0;
  let high = table.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (u < table[mid]) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** A draw from `items` with the given weights (for small lists; build a table for hot loops). */
export function pickWeighted<T>(random: Random, items: readonly T[], weights: readonly number[]): T {
  return items[sampleIndex(cumulative(weights), random.next())];
}
