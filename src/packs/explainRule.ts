import type { Result } from "../core/issue.js";
import type { ExplainNode, FactRecord } from "../logic/compileCondition.js";
import { checkSnapshot } from "../snapshot/parseSnapshot.js";
import type { PatientFacts } from "../facts/deriveFacts.js";
import type { CompiledRule } from "./compiledRule.js";
import type { PackSet } from "./packSet.js";

/** One subject's evaluation of a rule: the whole condition tree with every leaf's values. */
export interface SubjectExplanation {
  /** Medications bound (none for a patient rule; `[a, b]` for a pair, in the orientation shown). */
  readonly medications: readonly string[];
  readonly outcome: "fired" | "quiet" | "data gap";
  readonly tree: ExplainNode;
}

/** Why a rule fired, stayed quiet or became a data gap, for one patient. */
export interface RuleExplanation {
  readonly ruleId: string;
  readonly scope: string;
  readonly subjects: readonly SubjectExplanation[];
}

/**
 * Explains one rule for one patient (like OPA's `--explain`): the condition tree of every
 * subject (the patient, each medication, each ordered pair) with each leaf's fact, actual
 * value, expected value and three-valued outcome.
 */
export function explainRule(snapshot: unknown, ruleId: string, packs: PackSet): Result<RuleExplanation> {
  const rule = packs.rules.find((r) => r.rule.id === ruleId);
  if (rule === undefined) {
    return { success: false, issues: [{ path: "$", code: "unknown_rule", message: `no enabled rule "${ruleId}" in the loaded packs` }] };
  }
  const checked = checkSnapshot(snapshot, packs.knowledge);
  if (!checked.success) return checked;
  const subjects = explainSubjects(rule, packs.deriver.derive(checked.data));
  return { success: true, data: { ruleId, scope: rule.rule.scope, subjects } };
}

/**
 * Every subject's explanation of a compiled rule over one patient's derived facts: the
 * patient, each medication, or each ordered pair of distinct ingredients.
 */
export function explainSubjects(rule: CompiledRule, facts: PatientFacts): SubjectExplanation[] {
  const p = facts.patient;
  const name = (m: FactRecord) => String(m.values["name"]);
  const subjects: SubjectExplanation[] = [];
  const add = (medications: string[], tree: ExplainNode) =>
    subjects.push({ medications, outcome: tree.result === true ? "fired" : tree.result === false ? "quiet" : "data gap", tree });
  if (rule.rule.scope === "patient") add([], rule.condition.explain({ p }));
  else if (rule.rule.scope === "medication") for (const m of facts.medications) add([name(m)], rule.condition.explain({ p, m }));
  else {
    for (const a of facts.medications) {
      for (const b of facts.medications) {
        if (a !== b && name(a) !== name(b)) add([name(a), name(b)], rule.condition.explain({ p, a, b }));
      }
    }
  }
  return subjects;
}

/** Renders an explanation as an indented tree for a terminal. */
export function renderExplanation(e: RuleExplanation): string {
  const lines: string[] = [`rule ${e.ruleId} (${e.scope})`];
  if (e.subjects.length === 0) lines.push("  no subject: the snapshot has no medication (or pair) this rule applies to");
  const mark = (t: boolean | null) => (t === true ? "true " : t === false ? "false" : "unknown");
  const walk = (n: ExplainNode, depth: number) => {
    const pad = "  ".repeat(depth);
    if (n.kind === "leaf") {
      const expected =
        n.expectedFact !== undefined ? `${n.expectedFact} (${n.expected === undefined ? "missing" : JSON.stringify(n.expected)})` : JSON.stringify(n.expected);
      const actual = n.actual === undefined ? `missing${n.missing ? ` (${n.missing.join(", ")})` : ""}` : JSON.stringify(n.actual);
      lines.push(`${pad}[${mark(n.result)}] ${n.fact}${n.path ?? ""} ${n.operator} ${expected} — actual: ${actual}`);
    } else {
      lines.push(`${pad}[${mark(n.result)}] ${n.kind}`);
      for (const c of n.children) walk(c, depth + 1);
    }
  };
  for (const s of e.subjects) {
    lines.push("", `${s.medications.length > 0 ? s.medications.join(" → ") : "patient"}: ${s.outcome}`);
    walk(s.tree, 1);
  }
  return `${lines.join("\n")}\n`;
}
