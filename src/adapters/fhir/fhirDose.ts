import type { DoseVocabulary } from "../../knowledge/knowledge.js";
import type { Dosage, Quantity } from "./fhirSchema.js";
import { SYSTEMS } from "./fhirValues.js";

/** Milligrams per unit of a mass (UCUM codes, and the unit strings EHRs write): SI prefixes. */
const MG_PER: Readonly<Record<string, number>> = {
  mg: 1,
  milligram: 1,
  milligrams: 1,
  g: 1000,
  gram: 1000,
  grams: 1000,
  ug: 0.001,
  mcg: 0.001,
  "µg": 0.001, // micro sign
  "μg": 0.001, // Greek mu
  microgram: 0.001,
  micrograms: 0.001,
  ng: 0.000001,
};

/** Periods of a FHIR Timing.repeat.periodUnit (UCUM) in days; months and years have no fixed length. */
const DAYS_PER: Readonly<Record<string, number>> = { s: 1 / 86_400, min: 1 / 1_440, h: 1 / 24, d: 1, wk: 7 };

/**
 * The strength in mg of one counted unit of a single-ingredient RxNorm clinical or branded drug,
 * from its name (`<ingredient> 50 MG Oral Tablet`, `24 HR <ingredient> 150 MG Extended Release
 * Oral Tablet [<Brand>]`) when its dose form is one the vocabulary counts; undefined for any other
 * name (several ingredients or strengths, a strength per volume or time such as MG/ML, MG/HR).
 */
export function unitStrengthMg(name: string | undefined, vocabulary: DoseVocabulary | undefined): number | undefined {
  if (name === undefined || vocabulary === undefined || name.includes("/")) return undefined;
  const strengths = [...name.matchAll(/(?:^|\s)(\d+(?:\.\d+)?) MG(?=\s|$)/g)];
  if (strengths.length !== 1 || !name.toLowerCase().split(/[^a-z]+/).some((w) => vocabulary.countedDoseForms.has(w))) return undefined;
  return Number(strengths[0]?.[1]);
}

/** A daily dose in mg, or why none can be computed from the dosage. */
export type DailyDose = { readonly mg: number } | { readonly unknown: string };

/**
 * Milligrams of a dose quantity, or why not (another unit, a comparator, no value). A dose counted
 * in units the vocabulary lists (or without a unit) is `strengthMg` each, when the drug's name gives one.
 */
function milligrams(q: Quantity | undefined, strengthMg: number | undefined, vocabulary: DoseVocabulary | undefined): number | string {
  if (q?.value === undefined) return "no dose quantity";
  if (q.comparator !== undefined) return `a dose of ${q.comparator}${q.value}`;
  const unit = (q.system === SYSTEMS.ucum && q.code !== undefined ? q.code : (q.unit ?? q.code ?? "")).trim();
  const factor = MG_PER[unit] ?? MG_PER[unit.toLowerCase()];
  if (factor !== undefined) return q.value * factor;
  const counted = unit === "" || vocabulary?.countedUnits.has(unit.toLowerCase()) === true;
  if (counted && strengthMg !== undefined) return q.value * strengthMg;
  const shown = unit === "" ? "(no unit)" : unit === "1" ? "(unit 1)" : unit;
  return counted ? `a dose of ${q.value} ${shown} of a drug whose name gives no strength per unit` : `a dose in "${unit}", not a mass (mg)`;
}

/** Administrations a day of one dosage line, or why not. */
function perDay(d: Dosage, vocabulary: DoseVocabulary | undefined): number | string {
  const repeat = d.timing?.repeat;
  if (repeat?.frequencyMax !== undefined || repeat?.periodMax !== undefined) return "a range of frequencies";
  if (repeat?.frequency === 0) return "a frequency of 0";
  if (repeat?.dayOfWeek !== undefined && repeat.dayOfWeek.length > 0) return "doses on some days of the week only";
  if (repeat?.period !== undefined) {
    const days = DAYS_PER[repeat.periodUnit ?? ""];
    if (days === undefined) return `a period in "${repeat.periodUnit ?? "no unit"}"`;
    if (repeat.period === 0) return "a period of 0";
    return (repeat.frequency ?? 1) / (repeat.period * days);
  }
  // Times of day alone ("08:00", "20:00"): one administration at each, every day.
  if (repeat?.timeOfDay !== undefined && repeat.timeOfDay.length > 0 && repeat.frequency === undefined) return new Set(repeat.timeOfDay).size;
  for (const c of d.timing?.code?.coding ?? []) {
    const n = c.code === undefined ? undefined : vocabulary?.timingCodesPerDay.get(c.code);
    if (n !== undefined) return n;
  }
  return "no timing";
}

/**
 * The total daily dose of a medication's dosage lines (a split dose is several lines): each line's
 * dose in mg times its administrations a day. Unknown, with the reason, when any line is as needed,
 * gives no mass, a range or a timing without a fixed daily count.
 */
export function dailyDose(dosages: readonly Dosage[] | undefined, strengthMg: number | undefined, vocabulary: DoseVocabulary | undefined): DailyDose {
  if (dosages === undefined || dosages.length === 0) return { unknown: "no dosage" };
  // Lines of different sequence numbers follow one another (a taper, a titration); only lines of
  // one sequence are taken together (FHIR R4 Dosage.sequence).
  if (new Set(dosages.map((d) => d.sequence ?? null)).size > 1) return { unknown: "dosage lines that follow one another (a taper or titration)" };
  let total = 0;
  for (const d of dosages) {
    if (d.asNeededBoolean === true || d.asNeededCodeableConcept !== undefined) return { unknown: "taken as needed" };
    const rates = d.doseAndRate ?? [];
    if (rates.length === 0) return { unknown: "no dose quantity" };
    // Several dose entries of one line (calculated, ordered, admin-amount…) count when they agree.
    const doses = rates.map((r) => milligrams(r.doseQuantity, strengthMg, vocabulary));
    const mg = doses[0] as number | string;
    if (typeof mg === "string") return { unknown: mg };
    if (doses.some((x) => x !== mg)) return { unknown: "several doses in one dosage line that differ" };
    const n = perDay(d, vocabulary);
    if (typeof n === "string") return { unknown: n };
    total += mg * n;
  }
  // Rounded to a microgram: 0.1 mg × 3 is 0.3 mg, not 0.30000000000000004.
  return { mg: Math.round(total * 1000) / 1000 };
}
