import type { PatientFacts } from "../facts/deriveFacts.js";
import type { Bindings, FactRecord } from "../logic/compileCondition.js";
import { missingFacts } from "../logic/explainTree.js";
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
  const meds = facts.medications;
  // No medication list at all is unknown, not "no medications": every medication rule is a gap.
  const listGiven = p.values["meds.count"] !== undefined;
  for (const rule of rules) {
    const scope = rule.rule.scope;
    if (scope !== "patient" && !listGiven) {
      gaps.push({ rule, medications: [], missing: ["medications"] });
    } else if (scope === "patient") {
      decide(rule, [], { p }, rule.condition.test({ p }), fired, gaps);
    } else if (scope === "medication") {
      for (const m of meds) decide(rule, [nameOf(m)], { p, m }, rule.condition.test({ p, m }), fired, gaps);
    } else {
      for (let i = 0; i < meds.length; i++) {
        for (let j = i + 1; j < meds.length; j++) {
          const x = meds[i] as FactRecord;
          const y = meds[j] as FactRecord;
          const nx = nameOf(x);
          const ny = nameOf(y);
          if (nx === ny) continue;
          const names = nx < ny ? [nx, ny] : [ny, nx];
          const forward: Bindings = { p, a: x, b: y };
          const t1 = rule.condition.test(forward);
          if (t1 === true) {
            fired.push({ rule, medications: names, bindings: forward });
            continue;
          }
          const backward: Bindings = { p, a: y, b: x };
          const t2 = rule.condition.test(backward);
          if (t2 === true) fired.push({ rule, medications: names, bindings: backward });
          else if (t1 === null || t2 === null) {
            const missing = new Set<string>();
            if (t1 === null) for (const f of missingFacts(rule.condition.explain(forward))) missing.add(f);
            if (t2 === null) for (const f of missingFacts(rule.condition.explain(backward))) missing.add(f);
            gaps.push({ rule, medications: names, missing: [...missing].sort() });
          }
        }
      }
    }
  }
  return { fired, gaps };
}

function decide(rule: CompiledRule, medications: string[], b: Bindings, t: boolean | null, fired: Firing[], gaps: Gap[]): void {
  if (t === true) fired.push({ rule, medications, bindings: b });
  else if (t === null) gaps.push({ rule, medications, missing: missingFacts(rule.condition.explain(b)) });
}

function nameOf(m: FactRecord): string {
  return m.values["name"] as string;
}
