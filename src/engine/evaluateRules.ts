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
    subjects ??= subjectsOf(facts, rules);
    if (scope === "medication") {
      for (const m of subjects.meds) if (((m.closed[r] ?? 0) & CLOSED) === 0) decide(rule, m.names, m.bindings, rule.condition.test(m.bindings), fired, gaps);
      continue;
    }
    for (const pair of subjects.pairs) {
      // An orientation is false when a drug's gate is false in the slot it fills (a or b).
      const x = pair.x[r] ?? 0;
      const y = pair.y[r] ?? 0;
      const forwardClosed = (x & CLOSED_AS_A) !== 0 || (y & CLOSED_AS_B) !== 0;
      const backwardClosed = (y & CLOSED_AS_A) !== 0 || (x & CLOSED_AS_B) !== 0;
      if (forwardClosed && backwardClosed) continue;
      const t1 = forwardClosed ? false : rule.condition.test(pair.forward);
      if (t1 === true) {
        fired.push({ rule, medications: pair.names, bindings: pair.forward });
        continue;
      }
      const t2 = backwardClosed ? false : rule.condition.test(pair.backward);
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
  /** By rule index, the drug's gates that are false (see {@link closedFor}). */
  readonly closed: Uint8Array;
}

interface PairSubject {
  /** The two canonical names, sorted. */
  readonly names: readonly string[];
  /** a = x, b = y. */
  readonly forward: Bindings;
  /** a = y, b = x. */
  readonly backward: Bindings;
  /** The closed gates of x's drug and of y's drug, by rule index. */
  readonly x: Uint8Array;
  readonly y: Uint8Array;
}

/** The drug's gate is false: in a medication rule, as side a of a pair rule, as side b. */
const CLOSED = 1;
const CLOSED_AS_A = 2;
const CLOSED_AS_B = 4;
/** Drug names remembered per rule list (real data may hold many unrecognised ones). */
const GATE_MEMO_LIMIT = 10_000;

const gateMemos = new WeakMap<readonly CompiledRule[], Map<string, Uint8Array>>();

/**
 * Which rules a drug's gates close, by rule index: the same for every medication of its name (a
 * gate reads only facts the drug table sets), so decided once per name and list of rules.
 */
function closedFor(rules: readonly CompiledRule[], memo: Map<string, Uint8Array>, m: FactRecord): Uint8Array {
  const name = nameOf(m);
  let closed = memo.get(name);
  if (closed !== undefined) return closed;
  closed = new Uint8Array(rules.length);
  const p: FactRecord = { values: {} };
  rules.forEach((rule, r) => {
    const g = rule.gates;
    if (g === undefined) return;
    if (g.m?.test({ p, m }) === false) closed[r] = (closed[r] ?? 0) | CLOSED;
    if (g.a?.test({ p, a: m }) === false) closed[r] = (closed[r] ?? 0) | CLOSED_AS_A;
    if (g.b?.test({ p, b: m }) === false) closed[r] = (closed[r] ?? 0) | CLOSED_AS_B;
  });
  if (memo.size >= GATE_MEMO_LIMIT) memo.clear();
  memo.set(name, closed);
  return closed;
}

/** Each medication, and each pair of distinct ingredients in both orientations, bound once. */
function subjectsOf(facts: PatientFacts, rules: readonly CompiledRule[]): { meds: MedSubject[]; pairs: PairSubject[] } {
  const p = facts.patient;
  const list = facts.medications;
  let memo = gateMemos.get(rules);
  if (memo === undefined) gateMemos.set(rules, (memo = new Map()));
  const known = memo;
  const closed = list.map((m) => closedFor(rules, known, m));
  const meds = list.map((m, i) => ({ names: [nameOf(m)], bindings: { p, m }, closed: closed[i] as Uint8Array }));
  const pairs: PairSubject[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const x = list[i] as FactRecord;
      const y = list[j] as FactRecord;
      const nx = nameOf(x);
      const ny = nameOf(y);
      if (nx === ny) continue;
      pairs.push({ names: nx < ny ? [nx, ny] : [ny, nx], forward: { p, a: x, b: y }, backward: { p, a: y, b: x }, x: closed[i] as Uint8Array, y: closed[j] as Uint8Array });
    }
  }
  return { meds, pairs };
}

function decide(rule: CompiledRule, medications: readonly string[], b: Bindings, t: boolean | null, fired: Firing[], gaps: Gap[]): void {
  if (t === true) fired.push({ rule, medications, bindings: b });
  else if (t === null) gaps.push({ rule, medications, missing: missingFactsOf(rule.condition, b, t) });
}

function nameOf(m: FactRecord): string {
  return m.values["name"] as string;
}
