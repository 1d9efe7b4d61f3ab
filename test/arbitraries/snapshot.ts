import fc from "fast-check";
import { fromDayNumber, dayNumber } from "../../src/core/calendarDate.js";

/** The evaluation date every generated snapshot uses. */
export const AS_OF = "2026-11-22";
const asOfDay = dayNumber(AS_OF) ?? 0;

/** A real date at most `maxDaysAgo` days before asOf. */
export const dateBefore = (maxDaysAgo: number) => fc.integer({ min: 0, max: maxDaysAgo }).map((d) => fromDayNumber(asOfDay - d));

/** Known drugs (some with special maxima, washouts, flags), and names the tables do not know. */
export const DRUG_NAMES = [
  "sertraline", "citalopram", "escitalopram", "fluoxetine", "paroxetine", "venlafaxine", "bupropion", "phenelzine",
  "lithium", "valproate", "lamotrigine", "carbamazepine", "clozapine", "olanzapine", "quetiapine", "aripiprazole",
  "lorazepam", "alprazolam", "tramadol", "linezolid", "ibuprofen", "lisinopril", "fluvoxamine", "atomoxetine",
  "amlodipine", "metformin", "sertralin",
];

const medication = fc.record(
  {
    name: fc.constantFrom(...DRUG_NAMES),
    dailyDoseMg: fc.integer({ min: 0, max: 1200 }),
    startDate: dateBefore(2000),
    status: fc.constantFrom("active", "tapering", "stopped"),
    adherence: fc.record({ pdc: fc.double({ min: 0, max: 1, noNaN: true }) }),
  },
  { requiredKeys: ["name"] },
).chain((m) =>
  m.status === "stopped"
    ? fc.option(dateBefore(60), { nil: undefined }).map((stoppedDate) => {
        if (stoppedDate === undefined || (m.startDate !== undefined && stoppedDate < m.startDate)) return m;
        return { ...m, stoppedDate };
      })
    : fc.constant(m),
);

const phq9 = fc.record({ items: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 }), date: dateBefore(400), withItems: fc.boolean() }).map(
  ({ items, date, withItems }) => (withItems ? { instrument: "PHQ-9", total: items.reduce((a, b) => a + b, 0), date, items } : { instrument: "PHQ-9", total: items.reduce((a, b) => a + b, 0), date }),
);
const gad7 = fc.record({ total: fc.integer({ min: 0, max: 21 }), date: dateBefore(400) }).map((s) => ({ instrument: "GAD-7", ...s }));

const lab = fc.oneof(
  fc.record({ test: fc.constant("QTc"), value: fc.integer({ min: 350, max: 560 }), unit: fc.constant("ms"), date: dateBefore(400) }),
  fc.record({ test: fc.constant("lithium"), value: fc.double({ min: 0.1, max: 2.5, noNaN: true }), unit: fc.constantFrom("mmol/L", "mEq/L"), date: dateBefore(400) }),
  fc.record({ test: fc.constant("ANC"), value: fc.double({ min: 0.2, max: 8, noNaN: true }), unit: fc.constant("10^9/L"), date: dateBefore(400) }),
  fc.record({ test: fc.constant("eGFR"), value: fc.integer({ min: 10, max: 120 }), unit: fc.constant("mL/min/1.73m2"), date: dateBefore(400) }),
  fc.record({ test: fc.constant("TSH"), value: fc.double({ min: 0.1, max: 12, noNaN: true }), unit: fc.constant("mIU/L"), date: dateBefore(400) }),
);

/**
 * Valid patient snapshots: only `id` and `asOf` are required, everything else may be
 * absent (unknown). Drawn from the knowledge tables, with unknown drug names mixed in.
 */
export const snapshotArb = fc.record(
  {
    id: fc.constant("pt-prop"),
    asOf: fc.constant(AS_OF),
    age: fc.integer({ min: 5, max: 95 }),
    sex: fc.constantFrom("female", "male", "other", "unknown"),
    pregnant: fc.boolean(),
    ancestry: fc.uniqueArray(fc.constantFrom("east-asian", "european", "african"), { maxLength: 2 }),
    diagnoses: fc.uniqueArray(fc.constantFrom("F33.1", "F31.2", "F20.9", "F41.1", "K74.60", "K70.30", "B18.2", "k7460"), { maxLength: 2 }).map((codes) => codes.map((code) => ({ code, system: "ICD-10-CM" }))),
    medications: fc.array(medication, { maxLength: 6 }),
    scores: fc.array(fc.oneof(phq9, gad7), { maxLength: 4 }),
    labs: fc.array(lab, { maxLength: 5 }),
    sideEffects: fc.array(
      fc.record({ effect: fc.constantFrom("weight gain", "nausea", "sedation"), medication: fc.constantFrom("olanzapine", "sertraline", "quetiapine") }),
      { maxLength: 2 },
    ),
    pharmacogenomics: fc.uniqueArray(
      fc.oneof(
        fc.record({ gene: fc.constant("CYP2C19"), phenotype: fc.constantFrom("poor metabolizer", "normal metabolizer", "ultrarapid metabolizer") }),
        fc.record({ gene: fc.constant("CYP2D6"), phenotype: fc.constantFrom("poor metabolizer", "normal metabolizer") }),
        fc.record({ gene: fc.constant("HLA-B*15:02"), phenotype: fc.constantFrom("positive", "negative") }),
      ),
      { maxLength: 3, selector: (p) => p.gene },
    ),
    lastVisitDate: dateBefore(200),
  },
  { requiredKeys: ["id", "asOf"] },
);

/** A deterministic permutation of an array from a seed (Fisher–Yates over a small LCG). */
export function permute<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
