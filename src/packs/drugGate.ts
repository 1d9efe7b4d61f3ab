import type { Condition, LeafCondition } from "../core/condition.js";
import { isDrugField } from "../facts/factResolver.js";
import { MEDICATION_PREFIXES } from "../facts/catalog.js";
import type { Scope } from "./ruleSchema.js";

/**
 * The part of a medication or pair rule's condition that reads only facts set by the drugs
 * themselves (names, drug-table classes, flags, attributes): the top-level leaves of its `all`
 * (or its single leaf) whose fact, and fact reference if any, are such facts of the rule's own
 * medication slots. When the gate is false for a medication (or an ordered pair), the whole
 * condition is false for every medication of that name (pair of names), whatever the patient,
 * so the engine can skip it. Undefined for patient rules and conditions without such leaves.
 */
export function drugGate(condition: Condition, scope: Scope): Condition | undefined {
  if (scope === "patient") return undefined;
  const prefixes = scope === "medication" ? ["med"] : ["a", "b"];
  const onDrug = (name: string) =>
    prefixes.some((p) => name.startsWith(`${p}.`) && p in MEDICATION_PREFIXES && isDrugField(name.slice(p.length + 1)));
  const gating = (leaf: LeafCondition) => {
    if (!onDrug(leaf.fact)) return false;
    const v: unknown = leaf.value;
    const isReference = typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { fact?: unknown }).fact === "string";
    return !isReference || onDrug((v as { fact: string }).fact);
  };
  const children = "all" in condition ? condition.all : "any" in condition || "not" in condition ? [] : [condition];
  const leaves = children.filter((c): c is LeafCondition => !("all" in c) && !("any" in c) && !("not" in c) && gating(c));
  return leaves.length > 0 ? { all: leaves } : undefined;
}
