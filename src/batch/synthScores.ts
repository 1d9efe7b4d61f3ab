import type { Instrument } from "../knowledge/schema.js";
import type { SnapshotScore } from "../snapshot/schema.js";
import type { Rng } from "./prng.js";
import type { SynthPool } from "./synthPool.js";

/**
 * Score trajectories for the instruments of the instruments table: each instrument is
 * given to some patients (most patients get the instruments rules read, few the others),
 * several times over months. A patient starts at a severity
 * (a fraction of the item range) and mostly improves, sometimes stays put or worsens;
 * each administration's items are drawn around that level, and the total is their sum
 * when the table says so. Some administrations carry only the total, a few only the items.
 *
 * Each item is drawn around the level × the patient's own propensity for that item. Where the
 * table gives each item's endorsement in a reference sample, the item's weight (see
 * `SynthInstrument.itemWeights` and {@link weightedItemScore}) makes items endorsed rarely
 * there (weight below 1) endorsed rarely here, and common ones more often.
 */
export function synthScores(rng: Rng, pool: SynthPool, asOfDay: number): SnapshotScore[] {
  const scores: SnapshotScore[] = [];
  for (const { entry: ins, share, itemWeights } of pool.instruments) {
    if (!rng.chance(share)) continue;
    const count = rng.int(1, 6);
    const firstDay = asOfDay - rng.int(count * 14, 420);
    const span = Math.max(0, asOfDay - rng.int(0, 60) - firstDay);
    const baseline = rng.between(0.08, 0.8);
    // Each item has its own propensity for this patient, so items are not all alike.
    const propensity = Array.from({ length: ins.itemCount }, () => Math.exp(0.6 * rng.normal()));
    const course = rng.next();
    const slope = course < 0.55 ? -rng.between(0.02, 0.1) : course < 0.8 ? 0 : rng.between(0.02, 0.07);
    for (let j = 0; j < count; j++) {
      const day = count === 1 ? firstDay : firstDay + Math.round((span * j) / (count - 1));
      const level = clamp(baseline + slope * j + 0.06 * rng.normal(), 0, 1);
      scores.push(administration(rng, pool, ins, day, level, propensity, itemWeights));
    }
  }
  return scores;
}

function administration(rng: Rng, pool: SynthPool, ins: Instrument, day: number, level: number, propensity: readonly number[], weights: readonly number[] | undefined): SnapshotScore {
  const instrument = rng.chance(0.03) && ins.synonyms !== undefined && ins.synonyms.length > 0 ? rng.pick(ins.synonyms) : ins.name;
  const date = pool.dateText(day);
  if (!ins.totalIsItemSum) {
    const total = Math.round(ins.totalMin + level * (ins.totalMax - ins.totalMin));
    return { instrument, total, date };
  }
  const range = ins.itemMax - ins.itemMin;
  const items: number[] = [];
  let total = 0;
  for (let i = 0; i < ins.itemCount; i++) {
    const x = level * (propensity[i] ?? 1) * range;
    // Without weights, stochastic rounding keeps the expected item at x.
    const v = ins.itemMin + Math.min(range, weights === undefined ? Math.floor(x + rng.next()) : weightedItemScore(x, rng.next(), weights[i] ?? 1, level * range));
    items.push(v);
    total += v;
  }
  const form = rng.next();
  // A table whose item ranges do not add up to its total range still gets valid records.
  if (total < ins.totalMin || total > ins.totalMax) return { instrument, date, items };
  if (form < 0.3) return { instrument, total, date };
  if (form < 0.4) return { instrument, date, items };
  return { instrument, total, date, items };
}

/**
 * The score above its minimum of an item of an instrument whose table gives item endorsement:
 * `x` is the patient's expected score for the item (level × propensity × item range), `u` a
 * uniform draw in [0, 1), `w` the item's weight and `typical` the patient's expected score for
 * an average item (level × item range).
 *
 * The weight decides whether the item is endorsed: it is above its minimum with probability
 * `min(1, x × w)` (with weight 1, `min(1, x)`, as stochastic rounding gives), so where
 * endorsement is rare, as in a general-population sample, items are endorsed in proportion to
 * their weights. How far above the minimum an endorsed item is does not depend on the item: it
 * is drawn as stochastic rounding of `typical` would draw it given that it is above the minimum.
 * This follows the pattern reported for symptom-scale items in the general population, where
 * items differ mostly in how often they are endorsed while the split of the answers above the
 * minimum is much the same from item to item.
 */
export function weightedItemScore(x: number, u: number, w: number, typical: number): number {
  const endorsed = Math.min(1, x * w);
  if (!(endorsed > 0) || u < 1 - endorsed) return 0;
  // u is uniform in [1 − endorsed, 1) here: map it onto [1 − q, 1), where floor(typical + u) ≥ 1.
  const q = Math.min(1, typical);
  const t = (u - (1 - endorsed)) / endorsed;
  return Math.max(1, Math.floor(typical + 1 - q + t * q));
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
