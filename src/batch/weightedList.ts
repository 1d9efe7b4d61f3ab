import type { Rng } from "./prng.js";

/** Items with cumulative weights, for repeated weighted draws in O(log n). */
export interface WeightedList<T> {
  readonly items: readonly T[];
  readonly cumulative: readonly number[];
  readonly total: number;
}

/** Builds a {@link WeightedList}; items of weight 0 are never drawn. */
export function weightedList<T>(items: readonly T[], weightOf: (item: T) => number): WeightedList<T> {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) {
    total += Math.max(0, weightOf(item));
    cumulative.push(total);
  }
  return { items, cumulative, total };
}

/** One item, drawn with probability proportional to its weight; undefined when nothing can be drawn. */
export function drawWeighted<T>(rng: Rng, list: WeightedList<T>): T | undefined {
  if (list.total <= 0) return undefined;
  const r = rng.next() * list.total;
  let lo = 0;
  let hi = list.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list.cumulative[mid] ?? 0) > r) hi = mid;
    else lo = mid + 1;
  }
  return list.items[lo];
}
