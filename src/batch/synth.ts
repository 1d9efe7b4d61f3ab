import type { Knowledge } from "../knowledge/knowledge.js";
import type { PatientSnapshot } from "../snapshot/schema.js";
import { buildSynthPool, type SynthPool } from "./synthPool.js";
import { synthHints, type SynthHints } from "./synthHints.js";
import { synthPatient } from "./synthPatient.js";

/**
 * Generates `n` synthetic patients, drawn from the knowledge tables, for trying `batch`
 * and the benchmark without real data. Every snapshot is valid (`parseSnapshot`
 * accepts it against the same tables), and the output is deterministic: the same `n`,
 * `seed`, tables and hints give the same patients, field for field. Patient `i` depends
 * only on `seed` and `i`, so a smaller cohort is a prefix of a larger one.
 *
 * What is drawn from where (`src/` names no drug, lab or instrument):
 * - medications: 1–7 per patient from the drug tables, mostly the drugs given a label
 *   maximum; some drawn to share a flag with another (interaction pairs); doses are
 *   fractions of the table's maximum (rarely above it), absent where the table has none;
 *   some stopped or tapering, with dates, some with adherence (PDC);
 * - scores: dated trajectories for each instrument of the instruments table, items
 *   within the table's item range and summing to the total;
 * - labs: tests of the labs table in their accepted units (values: see `synthLabs`);
 * - side effects, pharmacogenomic genes: the terms and genes the rules read (`hints`);
 * - a realistic share of absent fields (age, sex, doses, dates, labs, side effects…),
 *   since absent means unknown. Diagnoses and ancestry are not generated: no table
 *   lists their vocabulary.
 *
 * @param n - number of patients (a non-negative integer).
 * @param seed - any 32-bit unsigned integer.
 * @param knowledge - the tables, usually `packs.knowledge`.
 * @param hints - from {@link synthHints}; pass the packs' rules to get lab values
 *   around the rules' thresholds and the side-effect terms they look for. Defaults to
 *   what the tables alone say.
 * @throws RangeError when `n` or `seed` is not such an integer (checked at the call, before any patient).
 */
export function synthesize(n: number, seed: number, knowledge: Knowledge, hints: SynthHints = synthHints(knowledge)): IterableIterator<PatientSnapshot> {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`synthesize: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new RangeError(`synthesize: seed must be an integer from 0 to ${MAX_SEED}, got ${seed}`);
  return patients(n, seed, buildSynthPool(knowledge, hints));
}

/** The largest seed {@link synthesize} takes. */
export const MAX_SEED = 0xffff_ffff;

function* patients(n: number, seed: number, pool: SynthPool): Generator<PatientSnapshot, void, undefined> {
  for (let i = 0; i < n; i++) yield synthPatient(i, seed, pool);
}
