/**
 * A small seeded pseudo-random generator for the synthetic cohort: the same seed always
 * gives the same sequence, on every platform, with no clock and no `Math.random`.
 *
 * mulberry32 (Tommy Ettinger's 32-bit generator, public domain): one 32-bit state, a
 * period of 2^32 per stream, and statistics that are ample for test data.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element, uniformly; `items` must not be empty. */
  pick<T>(items: readonly T[]): T;
  /** An index drawn with the given non-negative weights (at least one positive). */
  weighted(weights: readonly number[]): number;
  /** A standard normal draw (Box–Muller). */
  normal(): number;
}

/** A mulberry32 generator seeded with a 32-bit integer. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError("pick from an empty list");
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted(weights) {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i] ?? 0;
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
    normal() {
      const u = 1 - next(); // (0, 1]: log is finite
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}

/**
 * The seed of one record's own stream, mixed from the cohort seed and the record's index
 * (a murmur3 finaliser), so that record `i` is the same whatever `n` is: a smaller cohort
 * is a prefix of a larger one with the same seed.
 */
export function recordSeed(seed: number, index: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index >>> 0, 0x85ebca6b) ^ Math.floor(index / 4_294_967_296)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
