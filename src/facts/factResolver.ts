import type { FactResolver, ResolvedFact } from "../logic/compileCondition.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { FACT_CATALOG, MEDICATION_PREFIXES } from "./catalog.js";

/** Which medication slots a rule scope binds. */
export type RuleScope = "patient" | "medication" | "medication-pair";

const PATIENT_PLAIN = new Set(FACT_CATALOG.filter((f) => f.scope === "patient" && !f.name.includes("<")).map((f) => f.name));
const MED_PLAIN = new Set(FACT_CATALOG.filter((f) => f.scope === "medication" && !f.name.includes("<")).map((f) => f.name));
const DRUG_PLAIN = new Set(FACT_CATALOG.filter((f) => f.scope === "medication" && f.byDrug === true && !f.name.includes("<")).map((f) => f.name));
const DRUG_ATTRIBUTES = FACT_CATALOG.some((f) => f.name === "attr.<attribute>" && f.byDrug === true);
const SCORE_FIELDS = new Set(
  FACT_CATALOG.filter((f) => f.name.startsWith("scores.<instrument>.") && !f.name.endsWith(">")).map((f) => f.name.slice("scores.<instrument>.".length)),
);
/** Medication facts about the patient's scores since the medication's start: `scores.<instrument>.<field>`. */
const MED_SCORE_FIELDS = new Set(
  FACT_CATALOG.filter((f) => f.scope === "medication" && f.name.startsWith("scores.<instrument>.")).map((f) => f.name.slice("scores.<instrument>.".length)),
);
const LAB_FIELDS = new Set(
  FACT_CATALOG.filter((f) => f.name.startsWith("labs.<lab>.")).map((f) => f.name.slice("labs.<lab>.".length)),
);
const GENE = /^[A-Za-z0-9*:_-]+$/;
const ATTRIBUTE = /^[A-Za-z_][\w-]*$/;

/** Whether `name` is a patient-scope fact the catalog and tables define. */
export function isPatientFact(name: string, k: Knowledge): boolean {
  if (PATIENT_PLAIN.has(name)) return true;
  if (name.startsWith("pgx.")) return GENE.test(name.slice(4));
  if (name.startsWith("meds.flagCount.")) return k.flags.has(name.slice(15));
  if (name.startsWith("meds.classCount.")) return k.classes.has(name.slice(16));
  if (name.startsWith("scores.")) {
    const rest = name.slice(7);
    for (const [ins, entry] of k.instruments) {
      if (!rest.startsWith(`${ins}.`)) continue;
      const field = rest.slice(ins.length + 1);
      if (SCORE_FIELDS.has(field)) return true;
      const item = /^item([1-9]\d*)$/.exec(field);
      if (item !== null && Number(item[1]) <= entry.itemCount) return true;
    }
    return false;
  }
  if (name.startsWith("labs.")) {
    const rest = name.slice(5);
    if (k.labs.has(rest)) return true;
    for (const lab of k.labs.keys()) {
      if (!rest.startsWith(`${lab}.`)) continue;
      const field = rest.slice(lab.length + 1);
      // A therapeutic range is a fact only of labs the table gives one for.
      if (field === "therapeuticLow" || field === "therapeuticHigh") return k.labs.get(lab)?.entry.therapeuticRange !== undefined;
      if (LAB_FIELDS.has(field)) return true;
    }
  }
  return false;
}

/** Whether `field` (without prefix) is a medication fact; a score field needs the tables, to know the instrument. */
export function isMedicationField(field: string, k?: Knowledge): boolean {
  if (MED_PLAIN.has(field) || (field.startsWith("attr.") && ATTRIBUTE.test(field.slice(5)))) return true;
  if (k === undefined || !field.startsWith("scores.")) return false;
  const rest = field.slice(7);
  for (const ins of k.instruments.keys()) if (rest.startsWith(`${ins}.`) && MED_SCORE_FIELDS.has(rest.slice(ins.length + 1))) return true;
  return false;
}

/** Whether medication field `field` (without prefix) is set by the drug alone (catalog `byDrug`). */
export function isDrugField(field: string): boolean {
  return DRUG_PLAIN.has(field) || (DRUG_ATTRIBUTES && field.startsWith("attr.") && ATTRIBUTE.test(field.slice(5)));
}

/**
 * The resolver for a rule of the given scope: patient facts everywhere, `med.*` in
 * medication scope, `a.*` and `b.*` in medication-pair scope. Decided at compile time.
 */
export function factResolver(scope: RuleScope, k: Knowledge): FactResolver {
  const prefixes = scope === "medication" ? ["med"] : scope === "medication-pair" ? ["a", "b"] : [];
  return {
    resolve(name: string): ResolvedFact | undefined {
      for (const prefix of prefixes) {
        if (name.startsWith(`${prefix}.`)) {
          const field = name.slice(prefix.length + 1);
          return isMedicationField(field, k) ? { slot: MEDICATION_PREFIXES[prefix as keyof typeof MEDICATION_PREFIXES], key: field } : undefined;
        }
      }
      if (!isPatientFact(name, k)) return undefined;
      // Genes are stored upper case (pgx.cyp2c19 and pgx.CYP2C19 are one fact).
      return { slot: "p", key: name.startsWith("pgx.") ? `pgx.${name.slice(4).toUpperCase()}` : name };
    },
    candidates: () => factNames(scope, k),
  };
}

/** Every concrete fact name available to a rule of the given scope. */
export function factNames(scope: RuleScope, k: Knowledge): string[] {
  const out: string[] = [...PATIENT_PLAIN];
  for (const f of k.flags.keys()) out.push(`meds.flagCount.${f}`);
  for (const c of k.classes.keys()) out.push(`meds.classCount.${c}`);
  for (const [ins, entry] of k.instruments) {
    for (const f of SCORE_FIELDS) out.push(`scores.${ins}.${f}`);
    for (let n = 1; n <= entry.itemCount; n++) out.push(`scores.${ins}.item${n}`);
  }
  for (const lab of k.labs.keys()) {
    out.push(`labs.${lab}`);
    for (const f of LAB_FIELDS) if (isPatientFact(`labs.${lab}.${f}`, k)) out.push(`labs.${lab}.${f}`);
  }
  const prefixes = scope === "medication" ? ["med"] : scope === "medication-pair" ? ["a", "b"] : [];
  for (const p of prefixes) {
    for (const f of MED_PLAIN) out.push(`${p}.${f}`);
    for (const ins of k.instruments.keys()) for (const f of MED_SCORE_FIELDS) out.push(`${p}.scores.${ins}.${f}`);
  }
  return out.sort();
}
