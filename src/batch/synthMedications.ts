import type { SnapshotMedication } from "../snapshot/schema.js";
import type { Rng } from "./prng.js";
import type { SynthDrug, SynthPool } from "./synthPool.js";
import { drawWeighted } from "./weightedList.js";

/** A generated medication with what the other generators need to know about it. */
export interface SynthMedication {
  readonly drug: SynthDrug;
  readonly startDay?: number;
  readonly record: SnapshotMedication;
}

/** Weights of a regimen of 1 to 7 medications (most patients on two or three). */
const COUNT_WEIGHTS = [22, 26, 20, 14, 9, 6, 3];
/** Share of added medications drawn to share a flag with one already taken (interactions). */
const SHARED_FLAG_SHARE = 0.3;
/** Share of draws from the drugs the tables cover in depth (see {@link SynthPool.core}). */
const CORE_SHARE = 0.8;
/** Dose as a fraction of the table's label maximum; the last is above it (a dose alert). */
const DOSE_FRACTIONS = [0.125, 0.25, 1 / 3, 0.5, 2 / 3, 0.75, 1, 1.25];
const DOSE_WEIGHTS = [8, 22, 10, 26, 8, 12, 10, 2];

/**
 * A regimen of 1–7 medications drawn from the drug tables: mostly the drugs the tables
 * cover in depth, some drawn to share a flag (serotonergic, QT, CNS depressant, …)
 * with one already taken, so that interaction rules have pairs to find. Doses are
 * fractions of the table's maximum; a drug without one gets no dose (the tables do not
 * say what a plausible dose is, and an absent dose is honest missing data).
 */
export function synthMedications(rng: Rng, pool: SynthPool, asOfDay: number): SynthMedication[] {
  if (pool.drugs.total <= 0) return [];
  const count = rng.weighted(COUNT_WEIGHTS) + 1;
  const chosen: SynthDrug[] = [];
  const taken = new Set<string>();
  for (let k = 0; k < count; k++) {
    for (let attempt = 0; attempt < 4; attempt++) {
      const drug = drawDrug(rng, pool, chosen);
      if (drug !== undefined && !taken.has(drug.name)) {
        taken.add(drug.name);
        chosen.push(drug);
        break;
      }
    }
  }
  return chosen.map((drug) => synthMedication(rng, pool, drug, asOfDay));
}

function drawDrug(rng: Rng, pool: SynthPool, chosen: readonly SynthDrug[]): SynthDrug | undefined {
  if (chosen.length > 0 && rng.chance(SHARED_FLAG_SHARE)) {
    const partner = rng.pick(chosen);
    const flags = partner.flags.filter((f) => pool.byFlag.has(f));
    const members = flags.length > 0 ? pool.byFlag.get(rng.pick(flags)) : undefined;
    if (members !== undefined) return drawWeighted(rng, members);
  }
  return (rng.chance(CORE_SHARE) ? drawWeighted(rng, pool.core) : undefined) ?? drawWeighted(rng, pool.drugs);
}

function synthMedication(rng: Rng, pool: SynthPool, drug: SynthDrug, asOfDay: number): SynthMedication {
  const m: SnapshotMedication = {};
  const naming = rng.next();
  if (naming < 0.02 && drug.rxcui !== undefined) {
    m.rxcui = drug.rxcui; // coded only, no name
  } else {
    m.name = naming < 0.07 && drug.synonyms.length > 0 ? rng.pick(drug.synonyms) : naming < 0.12 ? capitalize(drug.name) : drug.name;
    if (drug.rxcui !== undefined && rng.chance(0.25)) m.rxcui = drug.rxcui;
  }
  if (drug.maxDailyDoseMg !== undefined && rng.chance(0.92)) {
    m.dailyDoseMg = roundDose((DOSE_FRACTIONS[rng.weighted(DOSE_WEIGHTS)] ?? 0.5) * drug.maxDailyDoseMg);
  }
  // A third are recent starts (the first weeks, when most monitoring rules look).
  const startDay = rng.chance(0.9) ? asOfDay - (rng.chance(0.3) ? rng.int(1, 90) : rng.int(91, 1500)) : undefined;
  if (startDay !== undefined) {
    m.startDate = pool.dateText(startDay);
    if (rng.chance(0.35)) m.doseChangedDate = pool.dateText(rng.int(startDay, asOfDay));
  }
  const status = rng.next();
  if (status < 0.16) {
    const from = startDay ?? asOfDay - 365;
    const stoppedDay = rng.chance(0.5) ? Math.max(from, asOfDay - rng.int(0, 30)) : rng.int(from, asOfDay);
    const form = rng.next();
    if (form < 0.7) {
      m.status = "stopped";
      m.stoppedDate = pool.dateText(stoppedDay);
    } else if (form < 0.9) m.stoppedDate = pool.dateText(stoppedDay);
    else m.status = "stopped";
  } else if (status < 0.22) m.status = "tapering";
  else if (status < 0.6) m.status = "active"; // otherwise absent: a current medication
  if (rng.chance(0.4)) m.adherence = { pdc: Math.round((1 - 0.8 * rng.next() ** 4) * 100) / 100 };
  return { drug, record: m, ...(startDay !== undefined ? { startDay } : {}) };
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Two significant digits, as doses are written (3.1, 25, 150, 1200). */
function roundDose(mg: number): number {
  return Number(mg.toPrecision(2));
}
