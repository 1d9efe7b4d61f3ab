import { factResolver } from "../facts/factResolver.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { isFactReference } from "../logic/compileCondition.js";
import type { CompiledRule } from "./compiledRule.js";
import { conditionLeaves } from "./lint/conditionLeaves.js";

/**
 * The patient facts compiled rules can read, as resolved keys: each leaf's fact and fact
 * reference, and each template placeholder. Resolved the way the rules were compiled, so a fact
 * a rule reads is never missing from the set (a property checks that evaluating with only these
 * facts derived gives the same results).
 */
export function patientFactsRead(rules: readonly CompiledRule[], k: Knowledge): Set<string> {
  const keys = new Set<string>();
  for (const { rule, placeholders } of rules) {
    const resolver = factResolver(rule.scope, k);
    const add = (name: string) => {
      const r = resolver.resolve(name);
      if (r !== undefined && r.slot === "p") keys.add(r.key);
    };
    for (const { leaf } of conditionLeaves(rule.conditions, "conditions")) {
      add(leaf.fact);
      const v: unknown = leaf.value;
      if (isFactReference(v)) add(v.fact);
    }
    for (const r of placeholders.values()) if (r.slot === "p") keys.add(r.key);
  }
  return keys;
}
