import type { Dosage, Quantity } from "./fhirSchema.js";
import { SYSTEMS } from "./fhirValues.js";

/** Milligrams per unit of a mass (UCUM codes, and the unit strings EHRs write). */
const MG_PER: Readonly<Record<string, number>> = { mg: 1, g: 1000, ug: 0.001, mcg: 0.001, "µg": 0.001, ng: 0.000001 };

/** Periods of a FHIR Timing.repeat.periodUnit (UCUM) in days; months and years have no fixed length. */
const DAYS_PER: Readonly<Record<string, number>> = { s: 1 / 86_400, min: 1 / 1_440, h: 1 / 24, d: 1, wk: 7 };

/** Administrations a day of the FHIR R4 TimingAbbreviation codes (v3 GTSAbbreviation) that fix one. */
const PER_DAY_OF_CODE: Readonly<Record<string, number>> = {
  QD: 1, AM: 1, PM: 1, BED: 1, BID: 2, TID: 3, QID: 4, QOD: 0.5, Q1H: 24, Q2H: 12, Q3H: 8, Q4H: 6, Q6H: 4, Q8H: 3, Q12H: 2, WK: 1 / 7,
};

/** Units of a dose counted in tablets or capsules (UCUM annotations, EHR abbreviations), or no unit at all. */
const COUNTED = /^(?:|1|tab|tabs|tablet|tablets|\{tbl\}|\{tab\}|\{tablet\}|\{tablets\}|cap|caps|capsule|capsules|\{cap\}|\{capsule\}|\{capsules\})$/i;

/**
 * The strength in mg of one tablet or capsule of a single-ingredient RxNorm clinical or branded
 * drug, from its name ("sertraline 50 MG Oral Tablet", "24 HR bupropion hydrochloride 150 MG
 * Extended Release Oral Tablet [Wellbutrin]"); undefined for any other name (several ingredients
 * or strengths, a strength per volume or time such as MG/ML, MG/HR, another dose form).
 */
export function unitStrengthMg(name: string | undefined): number | undefined {
  if (name === undefined || name.includes("/")) return undefined;
  const strengths = [...name.matchAll(/(?:^|\s)(\d+(?:\.\d+)?) MG(?=\s|$)/g)];
  if (strengths.length !== 1 || !/\b(?:Tablet|Capsule)\b/.test(name)) return undefined;
  return Number(strengths[0]?.[1]);
}

/** A daily dose in mg, or why none can be computed from the dosage. */
export type DailyDose = { readonly mg: number } | { readonly unknown: string };

/**
 * Milligrams of a dose quantity, or why not (another unit, a comparator, no value). A dose in
 * tablets or capsules (or without a unit) counts `strengthMg` each, when the drug's name gives one.
 */
function milligrams(q: Quantity | undefined, strengthMg: number | undefined): number | string {
  if (q?.value === undefined) return "no dose quantity";
  if (q.comparator !== undefined) return `a dose of ${q.comparator}${q.value}`;
  const unit = (q.system === SYSTEMS.ucum && q.code !== undefined ? q.code : (q.unit ?? q.code ?? "")).trim();
  const factor = MG_PER[unit] ?? MG_PER[unit.toLowerCase()];
  if (factor !== undefined) return q.value * factor;
  if (COUNTED.test(unit) && strengthMg !== undefined) return q.value * strengthMg;
  const counted = unit === "" ? "(no unit)" : unit === "1" ? "(unit 1)" : unit;
  return COUNTED.test(unit) ? `a dose of ${q.value} ${counted} of a drug whose name gives no strength per tablet or capsule` : `a dose in "${unit}", not a mass (mg)`;
}

/** Administrations a day of one dosage line, or why not. */
function perDay(d: Dosage): number | string {
  const repeat = d.timing?.repeat;
  if (repeat?.frequencyMax !== undefined || repeat?.periodMax !== undefined) return "a range of frequencies";
  if (repeat?.period !== undefined) {
    const days = DAYS_PER[repeat.periodUnit ?? ""];
    if (days === undefined) return `a period in "${repeat.periodUnit ?? "no unit"}"`;
    if (repeat.period === 0) return "a period of 0";
    return (repeat.frequency ?? 1) / (repeat.period * days);
  }
  const code = d.timing?.code?.coding?.find((c) => c.code !== undefined && PER_DAY_OF_CODE[c.code] !== undefined)?.code;
  if (code !== undefined) return PER_DAY_OF_CODE[code] ?? "";
  return "no timing";
}

/**
 * The total daily dose of a medication's dosage lines (a split dose is several lines): each line's
 * dose in mg times its administrations a day. Unknown, with the reason, when any line is as needed,
 * gives no mass, a range or a timing without a fixed daily count.
 */
export function dailyDose(dosages: readonly Dosage[] | undefined, strengthMg?: number): DailyDose {
  if (dosages === undefined || dosages.length === 0) return { unknown: "no dosage" };
  let total = 0;
  for (const d of dosages) {
    if (d.asNeededBoolean === true || d.asNeededCodeableConcept !== undefined) return { unknown: "taken as needed" };
    const rates = d.doseAndRate ?? [];
    if (rates.length !== 1) return { unknown: rates.length === 0 ? "no dose quantity" : "several doses in one dosage line" };
    const mg = milligrams(rates[0]?.doseQuantity, strengthMg);
    if (typeof mg === "string") return { unknown: mg };
    const n = perDay(d);
    if (typeof n === "string") return { unknown: n };
    total += mg * n;
  }
  // Rounded to a microgram: 0.1 mg × 3 is 0.3 mg, not 0.30000000000000004.
  return { mg: Math.round(total * 1000) / 1000 };
}
