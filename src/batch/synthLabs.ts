import type { SnapshotLab } from "../snapshot/schema.js";
import type { Rng } from "./prng.js";
import type { SynthLab, SynthPool } from "./synthPool.js";

/**
 * Lab results from the labs table: each test is drawn for some patients (a drug level
 * far more often when the patient takes that drug), one to four dated values, mostly in
 * the canonical unit and sometimes in another accepted unit, converted exactly.
 *
 * Values: plausible ranges are clinical knowledge, so none is written here.
 * - A lab the rules compare with a number gets values around that number: on the side
 *   the rules treat as unremarkable (below a threshold that most rules test with
 *   `greaterThan`, above one they test with `lessThan`), a quarter away from it on a
 *   log scale, spread so that a few percent of patients cross it.
 * - Any other lab with an interval of usual values (the table's `referenceInterval`, or a
 *   drug level's `therapeuticRange`) gets values log-normally distributed with that interval
 *   as their central 95% (between-patient and repeat variation together), so about one value
 *   in twenty falls outside it; none beyond half its lower or twice its upper limit. An
 *   interval with one side only (a desirable limit) is treated like a rule's threshold.
 * - A lab with neither, whose presence or age rules read, gets placeholder values: within
 *   the table's `[min, max]` when both are given, otherwise modest positive numbers above
 *   `min`. They are valid input and nothing more; no rule compares them.
 * - Other labs are not generated (`SynthPool.labs` leaves them out).
 */
export function synthLabs(rng: Rng, pool: SynthPool, asOfDay: number, drugNames: ReadonlySet<string>): SnapshotLab[] {
  const labs: SnapshotLab[] = [];
  for (const lab of pool.labs) {
    // A drug level only for a patient who takes (or took) the drug.
    const p = lab.levelOf !== undefined ? (drugNames.has(lab.levelOf) ? 0.7 : 0) : lab.thresholds.length > 0 ? 0.3 : 0.2;
    if (!rng.chance(p)) continue;
    const { base, repeatSpread } = labValue(rng, lab);
    const count = rng.int(1, 4);
    let day = asOfDay - (rng.chance(0.6) ? rng.int(0, 120) : rng.int(121, 500));
    const alternate = lab.alternates.length > 0 && rng.chance(0.1) ? rng.pick(lab.alternates) : undefined;
    for (let j = 0; j < count; j++) {
      const canonical = bounded(lab, base * Math.exp(repeatSpread * rng.normal()));
      const converted = alternate === undefined ? undefined : roundSignificant(canonical * alternate.fromCanonical);
      // Checked with the validator's own conversion, so rounding never crosses a bound.
      if (alternate !== undefined && converted !== undefined && within(lab, alternate.toCanonical(converted))) {
        labs.push({ test: lab.name, value: converted, unit: alternate.unit, date: pool.dateText(day) });
      } else labs.push({ test: lab.name, value: canonical, unit: lab.canonicalUnit, date: pool.dateText(day) });
      day -= rng.int(20, 200);
    }
  }
  return labs;
}

/** Standard normal deviates either side of the centre that bound a central 95%. */
const Z95 = 1.959964;

/** A patient's typical value of `lab` (canonical unit), and the log-scale spread of repeat values around it. */
function labValue(rng: Rng, lab: SynthLab): { base: number; repeatSpread: number } {
  let highs = 0;
  let lows = 0;
  let lowestHigh = Infinity;
  let highestLow = -Infinity;
  for (const t of lab.thresholds) {
    if (t.operator === "greaterThan" || t.operator === "greaterThanInclusive") {
      highs++;
      lowestHigh = Math.min(lowestHigh, t.value);
    } else if (t.operator === "lessThan" || t.operator === "lessThanInclusive") {
      lows++;
      highestLow = Math.max(highestLow, t.value);
    }
  }
  const highIsRemarkable = highs >= lows;
  const anchor = highIsRemarkable ? lowestHigh : highestLow;
  if ((highs > 0 || lows > 0) && Number.isFinite(anchor) && anchor > 0) return { base: nearAnchor(rng, anchor, highIsRemarkable), repeatSpread: 0.05 };
  const low = lab.interval?.low !== undefined && lab.interval.low > 0 ? lab.interval.low : undefined;
  const high = lab.interval?.high !== undefined && lab.interval.high > 0 ? lab.interval.high : undefined;
  if (low !== undefined && high !== undefined && low < high) {
    // Log-normal with [low, high] as its central 95%: 0.8² + 0.6² = 1 of the variance between patients and between repeats.
    const sigma = Math.log(high / low) / (2 * Z95);
    return { base: Math.sqrt(low * high) * Math.exp(0.8 * sigma * rng.normal()), repeatSpread: 0.6 * sigma };
  }
  if (high !== undefined) return { base: nearAnchor(rng, high, true), repeatSpread: 0.05 };
  if (low !== undefined) return { base: nearAnchor(rng, low, false), repeatSpread: 0.05 };
  if (lab.min !== undefined && lab.max !== undefined) return { base: lab.min + (lab.max - lab.min) * rng.between(0.05, 0.25), repeatSpread: 0.05 };
  return { base: (lab.min ?? 0) + 10 * Math.exp(0.6 * rng.normal()), repeatSpread: 0.05 };
}

/** A value a quarter away from `anchor` (log scale) on its unremarkable side, a few percent across it. */
function nearAnchor(rng: Rng, anchor: number, highIsRemarkable: boolean): number {
  const center = highIsRemarkable ? anchor * 0.75 : anchor / 0.75;
  const spread = rng.chance(0.03) ? 0.4 : 0.15;
  return center * Math.exp(spread * rng.normal());
}

/**
 * Rounded to three significant digits and kept within the table's bounds and, for a lab with
 * an interval of usual values, within half its lower and twice its upper limit.
 */
function bounded(lab: SynthLab, value: number): number {
  let v = value;
  const low = lab.interval?.low;
  const high = lab.interval?.high;
  if (lab.thresholds.length === 0 && low !== undefined && low > 0 && v < low / 2) v = low / 2;
  if (lab.thresholds.length === 0 && high !== undefined && high > 0 && v > high * 2) v = high * 2;
  v = roundSignificant(v);
  if (lab.min !== undefined && v < lab.min) v = lab.min;
  if (lab.max !== undefined && v > lab.max) v = lab.max;
  return v;
}

function within(lab: SynthLab, canonical: number): boolean {
  return (lab.min === undefined || canonical >= lab.min) && (lab.max === undefined || canonical <= lab.max);
}

/** Three significant digits (what `toPrecision(3)` gives, without the string round trip). */
function roundSignificant(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const e = Math.floor(Math.log10(Math.abs(x)));
  if (e >= 2) {
    const step = 10 ** (e - 2);
    return Math.round(x / step) * step;
  }
  const scale = 10 ** (2 - e);
  return Math.round(x * scale) / scale;
}
