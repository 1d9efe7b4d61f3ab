import type { PatientFacts } from "../facts/deriveFacts.js";
import { missingFactsOf, type Bindings, type FactRecord } from "../logic/compileCondition.js";
import type { CompiledRule } from "../packs/compiledRule.js";

/** A rule that fired for a subject (the patient, a medication, or a pair). */
export interface Firing {
  readonly rule: CompiledRule;
  /** Canonical names of the subject medications, sorted; empty for patient rules. */
  readonly medications: readonly string[];
  readonly bindings: Bindings;
}

/** A rule that could not be decided for a subject because facts are missing. */
export interface Gap {
  readonly rule: CompiledRule;
  readonly medications: readonly string[];
  readonly missing: readonly string[];
}

/** Outcome of evaluating rules over one patient's facts. */
export interface RuleOutcomes {
  readonly fired: Firing[];
  readonly gaps: Gap[];
}

/**
 * Evaluates compiled rules over one patient's facts with three-valued logic: true fires,
 * unknown is a data gap listing the missing facts, false stays quiet. Medication rules
 * run once per medication; pair rules once per pair of distinct ingredients, in both
 * orientations (`a`/`b`), so authors need not write each rule twice.
 */
export function evaluateRules(facts: PatientFacts, rules: readonly CompiledRule[]): RuleOutcomes {
  const fired: Firing[] = [];
  const gaps: Gap[] = [];
  const p = facts.patient;
  // No medication list at all is unknown, not "no medications": every medication rule is a gap.
  const listGiven = p.values["meds.count"] !== undefined;
  const patientBindings: Bindings = { p };
  // Subjects are built once per patient, not once per rule (measured: allocating them per rule
  // and pair was most of this function's time).
  let subjects: { meds: MedSubject[]; pairs: PairSubject[] } | undefined;
  for (const rule of rules) {
    const scope = rule.rule.scope;
    if (scope === "patient") {
      decide(rule, [], patientBindings, rule.condition.test(patientBindings), fired, gaps);
      continue;
    }
    if (!listGiven) {
      gaps.push({ rule, medications: [], missing: ["medications"] });
      continue;
    }
    subjects ??= subjectsOf(facts);
    if (scope === "medication") {
      for (const m of subjects.meds) decide(rule, m.names, m.bindings, rule.condition.test(m.bindings), fired, gaps);
      continue;
    }
    for (const pair of subjects.pairs) {
      const t1 = rule.condition.test(pair.forward);
      if (t1 === true) {
        fired.push({ rule, medications: pair.names, bindings: pair.forward });
        continue;
      }
      const t2 = rule.condition.test(pair.backward);
      if (t2 === true) fired.push({ rule, medications: pair.names, bindings: pair.backward });
      else if (t1 === null || t2 === null) {
        const missing = new Set<string>();
        if (t1 === null) rule.condition.addMissing(pair.forward, missing);
        if (t2 === null) rule.condition.addMissing(pair.backward, missing);
        gaps.push({ rule, medications: pair.names, missing: [...missing].sort() });
      }
    }
  }
  return { fired, gaps };
}

interface MedSubject {
  readonly names: readonly string[];
  readonly bindings: Bindings;
}

interface PairSubject {
  /** The two canonical names, sorted. */
  readonly names: readonly string[];
  readonly forward: Bindings;
  readonly backward: Bindings;
}

/** Each medication, and each pair of distinct ingredients in both orientations, bound once. */
function subjectsOf(facts: PatientFacts): { meds: MedSubject[]; pairs: PairSubject[] } {
  const p = facts.patient;
  const list = facts.medications;
  const meds = list.map((m) => ({ names: [nameOf(m)], bindings: { p, m } }));
  const pairs: PairSubject[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const x = list[i] as FactRecord;
      const y = list[j] as FactRecord;
      const nx = nameOf(x);
      const ny = nameOf(y);
      if (nx === ny) continue;
      pairs.push({ names: nx < ny ? [nx, ny] : [ny, nx], forward: { p, a: x, b: y }, backward: { p, a: y, b: x } });
    }
  }
  return { meds, pairs };
}

function decide(rule: CompiledRule, medications: readonly string[], b: Bindings, t: boolean | null, fired: Firing[], gaps: Gap[]): void {
  if (t === true) fired.push({ rule, medications, bindings: b });
  else if (t === null) gaps.push({ rule, medications, missing: missingFactsOf(rule.condition, b) });
}

function nameOf(m: FactRecord): string {
  return m.values["name"] as string;
}
