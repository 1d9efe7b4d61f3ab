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
  const gates = gatesOf(rules);
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as CompiledRule;
    const scope = rule.rule.scope;
    if (scope === "patient") {
      decide(rule, [], patientBindings, rule.condition.test(patientBindings), fired, gaps);
      continue;
    }
    if (!listGiven) {
      gaps.push({ rule, medications: [], missing: ["medications"] });
      continue;
    }
    subjects ??= subjectsOf(facts, gates);
    if (scope === "medication") {
      for (const m of subjects.meds) if (m.closed[r] !== CLOSED) decide(rule, m.names, m.bindings, rule.condition.test(m.bindings), fired, gaps);
      continue;
    }
    for (const pair of subjects.pairs) {
      // A gate false for an orientation (decided once per ordered pair of names) makes it false.
      const closed = pair.closed[r] ?? 0;
      if (closed === CLOSED_BOTH) continue;
      const t1 = (closed & CLOSED) !== 0 ? false : rule.condition.test(pair.forward);
      if (t1 === true) {
        fired.push({ rule, medications: pair.names, bindings: pair.forward });
        continue;
      }
      const t2 = (closed & CLOSED_BACKWARD) !== 0 ? false : rule.condition.test(pair.backward);
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
  /** By rule index: {@link CLOSED} when the rule's drug gate is false for this medication's name. */
  readonly closed: Uint8Array;
}

interface PairSubject {
  /** The two canonical names, sorted. */
  readonly names: readonly string[];
  readonly forward: Bindings;
  readonly backward: Bindings;
  /** By rule index: {@link CLOSED} (forward) and {@link CLOSED_BACKWARD} bits. */
  readonly closed: Uint8Array;
}

const CLOSED = 1;
const CLOSED_BACKWARD = 2;
const CLOSED_BOTH = 3;
/** Names (or ordered pairs of names) remembered per rule list; a cohort's real data may hold many. */
const GATE_MEMO_LIMIT = 10_000;

/** Drug gates decided per name and per ordered pair of names, for one list of rules. */
interface Gates {
  readonly rules: readonly CompiledRule[];
  readonly meds: Map<string, Uint8Array>;
  readonly pairs: Map<string, Uint8Array>;
}

const gateMemos = new WeakMap<readonly CompiledRule[], Gates>();

function gatesOf(rules: readonly CompiledRule[]): Gates {
  let g = gateMemos.get(rules);
  if (g === undefined) gateMemos.set(rules, (g = { rules, meds: new Map(), pairs: new Map() }));
  return g;
}

/**
 * Which rules' drug gates are false for a medication: the same for every medication of its name
 * (the gate reads only facts the drug table sets), so decided once per name.
 */
function closedForMedication(g: Gates, name: string, b: Bindings): Uint8Array {
  let closed = g.meds.get(name);
  if (closed !== undefined) return closed;
  closed = new Uint8Array(g.rules.length);
  g.rules.forEach((rule, r) => {
    if (rule.rule.scope === "medication" && rule.gate?.test(b) === false) closed[r] = CLOSED;
  });
  if (g.meds.size >= GATE_MEMO_LIMIT) g.meds.clear();
  g.meds.set(name, closed);
  return closed;
}

/** The same for an ordered pair of names, in both orientations. */
function closedForPair(g: Gates, key: string, forward: Bindings, backward: Bindings): Uint8Array {
  let closed = g.pairs.get(key);
  if (closed !== undefined) return closed;
  closed = new Uint8Array(g.rules.length);
  g.rules.forEach((rule, r) => {
    if (rule.rule.scope !== "medication-pair" || rule.gate === undefined) return;
    closed[r] = (rule.gate.test(forward) === false ? CLOSED : 0) | (rule.gate.test(backward) === false ? CLOSED_BACKWARD : 0);
  });
  if (g.pairs.size >= GATE_MEMO_LIMIT) g.pairs.clear();
  g.pairs.set(key, closed);
  return closed;
}

/** Each medication, and each pair of distinct ingredients in both orientations, bound once. */
function subjectsOf(facts: PatientFacts, gates: Gates): { meds: MedSubject[]; pairs: PairSubject[] } {
  const p = facts.patient;
  const list = facts.medications;
  const meds = list.map((m) => {
    const name = nameOf(m);
    const bindings = { p, m };
    return { names: [name], bindings, closed: closedForMedication(gates, name, bindings) };
  });
  const pairs: PairSubject[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const x = list[i] as FactRecord;
      const y = list[j] as FactRecord;
      const nx = nameOf(x);
      const ny = nameOf(y);
      if (nx === ny) continue;
      const forward = { p, a: x, b: y };
      const backward = { p, a: y, b: x };
      pairs.push({ names: nx < ny ? [nx, ny] : [ny, nx], forward, backward, closed: closedForPair(gates, `${nx}\u0000${ny}`, forward, backward) });
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
