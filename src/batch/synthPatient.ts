import { dayNumber } from "../core/calendarDate.js";
import type { PatientSnapshot } from "../snapshot/schema.js";
import { mulberry32, recordSeed, type Rng } from "./prng.js";
import { synthLabs } from "./synthLabs.js";
import { synthMedications, type SynthMedication } from "./synthMedications.js";
import type { SynthPool } from "./synthPool.js";
import { synthScores } from "./synthScores.js";

/** The latest evaluation date of the synthetic cohort; each patient's `asOf` is within the year before. */
const LATEST_AS_OF_DAY = dayNumber("2026-12-31") ?? 0;

const CYP_PHENOTYPES = ["normal metabolizer", "intermediate metabolizer", "poor metabolizer", "rapid metabolizer", "ultrarapid metabolizer", "indeterminate"] as const;
const CYP_WEIGHTS = [55, 25, 8, 6, 4, 2];
const SEVERITIES = ["mild", "moderate", "severe"] as const;

/**
 * Patient `index` of the cohort with `seed`: a function of the two alone (its own PRNG
 * stream), so any record can be regenerated without the ones before it.
 */
export function synthPatient(index: number, seed: number, pool: SynthPool): PatientSnapshot {
  const rng = mulberry32(recordSeed(seed, index));
  const asOfDay = LATEST_AS_OF_DAY - rng.int(0, 364);
  const p: PatientSnapshot = { id: `synth-${seed}-${String(index + 1).padStart(7, "0")}`, asOf: pool.dateText(asOfDay) };

  const age = 13 + Math.round((79 * (rng.next() + rng.next())) / 2);
  const ageForm = rng.next();
  if (ageForm < 0.86) p.age = age;
  else if (ageForm < 0.96) p.birthDate = pool.dateText(asOfDay - Math.round(age * 365.2425) - rng.int(1, 300));

  const sex = rng.weighted([49, 47, 1, 1, 2]);
  if (sex === 0) p.sex = "female";
  else if (sex === 1) p.sex = "male";
  else if (sex === 2) p.sex = "other";
  else if (sex === 3) p.sex = "unknown";
  if (p.sex === "female" && age >= 15 && age <= 45) {
    if (rng.chance(0.4)) p.pregnant = rng.chance(0.08);
    if (rng.chance(0.2)) p.breastfeeding = rng.chance(0.05);
  } else if (p.sex === "female" && rng.chance(0.1)) p.pregnant = false;

  const meds = synthMedications(rng, pool, asOfDay);
  if (meds.length > 0) p.medications = meds.map((m) => m.record);
  const scores = synthScores(rng, pool, asOfDay);
  if (scores.length > 0) p.scores = scores;
  if (rng.chance(0.85)) p.labs = synthLabs(rng, pool, asOfDay, new Set(meds.map((m) => m.drug.name)));

  const sideEffects = rng.next();
  if (sideEffects < 0.25) p.sideEffects = [];
  else if (sideEffects < 0.5) p.sideEffects = synthSideEffects(rng, pool, asOfDay, meds);

  if (pool.genes.length > 0 && rng.chance(0.15)) {
    const pgx: NonNullable<PatientSnapshot["pharmacogenomics"]> = [];
    for (const gene of pool.genes) {
      if (!rng.chance(0.7)) continue;
      // CONTRACT §2: CYP genes take a CPIC metabolizer phenotype, HLA alleles positive or negative.
      const phenotype = gene.startsWith("CYP") ? (CYP_PHENOTYPES[rng.weighted(CYP_WEIGHTS)] ?? "normal metabolizer") : rng.chance(0.04) ? "positive" : "negative";
      pgx.push({ gene, phenotype });
    }
    p.pharmacogenomics = pgx;
  }
  if (rng.chance(0.85)) p.lastVisitDate = pool.dateText(asOfDay - (rng.chance(0.7) ? rng.int(0, 60) : rng.int(61, 400)));
  return p;
}

/** One or two reported side effects, each attributed to one of the patient's medications, with the terms the rules look for. */
function synthSideEffects(rng: Rng, pool: SynthPool, asOfDay: number, meds: readonly SynthMedication[]): NonNullable<PatientSnapshot["sideEffects"]> {
  if (pool.sideEffects.length === 0 || meds.length === 0) return [];
  const list: NonNullable<PatientSnapshot["sideEffects"]> = [];
  const count = rng.int(1, 2);
  for (let i = 0; i < count; i++) {
    const med = rng.pick(meds);
    const entry: NonNullable<PatientSnapshot["sideEffects"]>[number] = { effect: rng.pick(pool.sideEffects), medication: med.drug.name };
    if (rng.chance(0.8)) entry.severity = SEVERITIES[rng.weighted([5, 4, 1])] ?? "mild";
    if (rng.chance(0.6)) entry.onset = pool.dateText(rng.int(med.startDay ?? asOfDay - 90, asOfDay));
    list.push(entry);
  }
  return list;
}
