import { didYouMean } from "../core/didYouMean.js";
import { sharedConstant } from "../core/sharedConstant.js";
import type { Issue } from "../core/issue.js";
import { factResolver } from "../facts/factResolver.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { Condition } from "../core/condition.js";
import { compileCondition, type CompiledCondition, type ResolvedFact } from "../logic/compileCondition.js";
import type { CompiledRule } from "./compiledRule.js";
import { drugGates, type DrugGates } from "./drugGate.js";
import type { RulePack } from "./packSchema.js";
import { placeholders } from "./template.js";

/**
 * Compiles every enabled rule of a validated pack against the knowledge tables: each
 * fact's scope is resolved now, once. Unknown facts in conditions or templates are
 * issues naming file, JSON path and rule.
 */
export function compileRules(pack: RulePack, file: string, k: Knowledge): { rules: CompiledRule[]; issues: Issue[] } {
  const rules: CompiledRule[] = [];
  const issues: Issue[] = [];
  pack.rules.forEach((rule, index) => {
    const at = `rules[${index}]`;
    const resolver = factResolver(rule.scope, k);
    const compiled = compileCondition(rule.conditions, resolver, `${at}.conditions`);
    if (!compiled.success) {
      issues.push(...compiled.issues.map((i) => ({ ...i, file, params: { ...i.params, ruleId: rule.id } })));
    }
    const resolvedPlaceholders = new Map<string, ResolvedFact>();
    for (const field of ["summary", "detail"] as const) {
      for (const name of placeholders(rule[field])) {
        const resolved = resolver.resolve(name);
        if (resolved !== undefined) resolvedPlaceholders.set(name, resolved);
        else {
          const suggestion = didYouMean(name, resolver.candidates());
          issues.push({
            file,
            path: `${at}.${field}`,
            code: "unknown_placeholder",
            message: `placeholder {{${name}}} names no fact available to a ${rule.scope} rule` + (suggestion !== undefined ? `; did you mean {{${suggestion}}}?` : ""),
            params: { ruleId: rule.id, ...(suggestion !== undefined ? { didYouMean: suggestion } : {}) },
          });
        }
      }
    }
    if (rule.kind === "follow-up" && rule.followUpDays === undefined) {
      issues.push({ file, path: `${at}.followUpDays`, code: "missing_follow_up", message: "a follow-up rule needs followUpDays", params: { ruleId: rule.id } });
    }
    if (compiled.success && rule.enabled !== false) {
      const gates: DrugGates<CompiledCondition> = {};
      for (const [slot, gate] of Object.entries(drugGates(rule.conditions, rule.scope)) as [keyof DrugGates<unknown>, Condition][]) {
        const c = compileCondition(gate, resolver, `${at}.conditions`);
        if (c.success) gates[slot] = c.data;
      }
      const sharedCitations = {
        evidence: sharedConstant(structuredClone(rule.evidence)),
        ...(rule.pddi !== undefined ? { pddi: sharedConstant(structuredClone(rule.pddi)) } : {}),
      };
      rules.push({
        rule,
        packId: pack.id,
        file,
        index,
        condition: compiled.data,
        placeholders: resolvedPlaceholders,
        ...(Object.keys(gates).length > 0 ? { gates } : {}),
        sharedCitations,
      });
    }
  });
  return { rules, issues };
}
