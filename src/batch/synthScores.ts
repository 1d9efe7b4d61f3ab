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
 */
export function synthScores(rng: Rng, pool: SynthPool, asOfDay: number): SnapshotScore[] {
  const scores: SnapshotScore[] = [];
  for (const { entry: ins, share } of pool.instruments) {
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
      scores.push(administration(rng, pool, ins, day, level, propensity));
    }
  }
  return scores;
}

function administration(rng: Rng, pool: SynthPool, ins: Instrument, day: number, level: number, propensity: readonly number[]): SnapshotScore {
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
    // Stochastic rounding keeps the expected item at the patient's level.
    const v = ins.itemMin + Math.min(range, Math.floor(level * (propensity[i] ?? 1) * range + rng.next()));
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

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
