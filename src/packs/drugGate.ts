import type { Condition, LeafCondition } from "../core/condition.js";
import { MEDICATION_PREFIXES } from "../facts/catalog.js";
import { isDrugField } from "../facts/factResolver.js";
import { isFactReference, type Slot } from "../logic/compileCondition.js";
import type { Scope } from "./ruleSchema.js";

/** Gates of a rule by medication slot: `m` for a medication rule, `a` and `b` for a pair rule. */
export type DrugGates<C> = Partial<Record<Exclude<Slot, "p">, C>>;

/**
 * The parts of a medication or pair rule's condition that read only facts one medication's drug
 * sets (its name, drug-table classes, flags, attributes): for each medication slot, the
 * top-level leaves of the condition's `all` (or its single leaf) whose fact, and fact reference
 * if any, are such facts of that slot. When a slot's gate is false for a drug, the whole
 * condition is false whenever that drug fills the slot, whatever the patient and the other
 * medication, so the engine can decide it once per drug name. Empty for patient rules and
 * conditions without such leaves.
 */
export function drugGates(condition: Condition, scope: Scope): DrugGates<Condition> {
  if (scope === "patient") return {};
  const prefixes = (scope === "medication" ? ["med"] : ["a", "b"]) as (keyof typeof MEDICATION_PREFIXES)[];
  const children = "all" in condition ? condition.all : "any" in condition || "not" in condition ? [] : [condition];
  const leaves = children.filter((c): c is LeafCondition => !("all" in c) && !("any" in c) && !("not" in c));
  const gates: DrugGates<Condition> = {};
  for (const prefix of prefixes) {
    const onDrug = (name: string) => name.startsWith(`${prefix}.`) && isDrugField(name.slice(prefix.length + 1));
    const own = leaves.filter((leaf) => {
      if (!onDrug(leaf.fact)) return false;
      const v: unknown = leaf.value;
      return !isFactReference(v) || onDrug(v.fact);
    });
    if (own.length > 0) gates[MEDICATION_PREFIXES[prefix]] = { all: own };
  }
  return gates;
}
