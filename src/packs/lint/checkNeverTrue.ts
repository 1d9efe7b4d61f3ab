import type { LeafCondition } from "../../core/condition.js";
import type { LintFinding } from "./lintFinding.js";
import { conjunctions, type Conjunction, type LeafAt } from "./conditionLeaves.js";
import { allowedValues, findConflict, type Constraint } from "./findConflict.js";
import { ruleFinding, type RuleCheck, type RuleContext } from "./ruleContext.js";

const isReference = (v: LeafCondition["value"]) => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Conditions that can never be true: in one `all` (nested `all`s included), comparisons of
 * one fact that contradict each other (`> 500` and `< 400`; equal to two constants), and in a
 * medication-pair rule, both sides required to be the same single drug (the engine pairs
 * only distinct ingredients). Each conjunction is reported once, at its innermost `all`.
 */
export const checkNeverTrue: RuleCheck = (ctx) => {
  const out: LintFinding[] = [];
  const visit = (conj: Conjunction): boolean => {
    let reported = false;
    for (const inner of conj.nested) reported = visit(inner) || reported;
    if (reported) return true;
    const finding = conflictIn(ctx, conj.leaves) ?? (ctx.rule.scope === "medication-pair" ? sameDrug(ctx, conj.leaves) : undefined);
    if (finding !== undefined) out.push(finding);
    return finding !== undefined;
  };
  for (const conj of conjunctions(ctx.rule.conditions, `${ctx.at}.conditions`)) visit(conj);
  return out;
};

/** Constant comparisons of the conjunction grouped by the fact (and path) they read. */
function byFact(ctx: RuleContext, leaves: readonly LeafAt[]): Map<string, { fact: string; constraints: Constraint[] }> {
  const groups = new Map<string, { fact: string; constraints: Constraint[] }>();
  for (const { leaf, path } of leaves) {
    if (isReference(leaf.value)) continue;
    const resolved = ctx.resolver.resolve(leaf.fact);
    if (resolved === undefined) continue;
    const key = `${resolved.slot}:${resolved.key}${leaf.path ?? ""}`;
    const group = groups.get(key) ?? { fact: `${leaf.fact}${leaf.path ?? ""}`, constraints: [] };
    group.constraints.push({ operator: leaf.operator, value: leaf.value, path });
    groups.set(key, group);
  }
  return groups;
}

function conflictIn(ctx: RuleContext, leaves: readonly LeafAt[]): LintFinding | undefined {
  for (const { fact, constraints } of byFact(ctx, leaves).values()) {
    const conflict = findConflict(constraints);
    if (conflict === undefined) continue;
    const other = conflict.otherPath !== undefined ? ` (with ${conflict.otherPath})` : "";
    return ruleFinding(ctx, "error", conflict.code, conflict.path, `never true: ${fact}: ${conflict.reason}${other}`, {
      fact,
      ...(conflict.otherPath !== undefined ? { otherPath: conflict.otherPath } : {}),
    });
  }
  return undefined;
}

function sameDrug(ctx: RuleContext, leaves: readonly LeafAt[]): LintFinding | undefined {
  const groups = byFact(ctx, leaves);
  const a = groups.get("a:name");
  const b = groups.get("b:name");
  if (a === undefined || b === undefined) return undefined;
  const va = allowedValues(a.constraints);
  const vb = allowedValues(b.constraints);
  if (va?.length !== 1 || vb?.length !== 1 || va[0] !== vb[0]) return undefined;
  const at = b.constraints.find((c) => c.operator === "equal" || c.operator === "in") as Constraint;
  const other = a.constraints.find((c) => c.operator === "equal" || c.operator === "in") as Constraint;
  return ruleFinding(
    ctx,
    "error",
    "pair_same_drug",
    at.path,
    `never true: a.name and b.name must both be ${JSON.stringify(va[0])}, but a medication pair is two different ingredients (with ${other.path})`,
    { otherPath: other.path, value: va[0] },
  );
}
