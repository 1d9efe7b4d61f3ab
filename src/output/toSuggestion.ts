
import { copyJson } from "../core/copyJson.js";
import type { Mutable } from "../core/mutable.js";
import { decisiveLeaves } from "../logic/explainTree.js";
import type { Firing } from "../engine/evaluateRules.js";
import { fillTemplate } from "../packs/template.js";
import type { Because, Suggestion } from "./resultSchema.js";
import { stableId } from "./stableId.js";

const SUMMARY_MAX = 140;

/**
 * Turns a firing into a suggestion: filled templates, `because` from the deciding conditions, a
 * stable id. With `shared`, its evidence and PDDI information are the rule's shared constants (see
 * `buildResult`), and `because` holds the conditions' and facts' own values; without, all are copies,
 * which the caller may change without changing the packs, the tables or the snapshot.
 */
export function toSuggestion(f: Firing, shared = false): Suggestion {
  const { rule } = f.rule;
  const citations = shared ? f.rule.sharedCitations : { evidence: copyJson(rule.evidence), pddi: copyJson(rule.pddi) };
  const lookup = (name: string) => {
    const at = f.rule.placeholders.get(name);
    return at === undefined ? undefined : f.bindings[at.slot]?.values[at.key];
  };
  const because: Because[] = decisiveLeaves(f.rule.condition.explain(f.bindings)).map((leaf) => {
    // Optional fields assigned in a fixed order (no `{}` spread per leaf).
    const entry: Mutable<Because> = {
      fact: leaf.fact,
      operator: leaf.operator,
      expected: shared ? leaf.expected : copyJson(leaf.expected),
      actual: shared ? leaf.actual : copyJson(leaf.actual),
      result: leaf.result === true,
    };
    if (leaf.path !== undefined) entry.path = leaf.path;
    if (leaf.expectedFact !== undefined) entry.expectedFact = leaf.expectedFact;
    return entry;
  });
  return {
    id: stableId([rule.id, ...f.medications]),
    ruleId: rule.id,
    pack: f.rule.packId,
    kind: rule.kind,
    severity: rule.severity,
    summary: summaryOf(fillTemplate(rule.summary, lookup)),
    detail: capitalise(fillTemplate(rule.detail, lookup)),
    medications: [...f.medications],
    ...(rule.followUpDays !== undefined ? { followUp: { withinDays: rule.followUpDays } } : {}),
    evidence: citations.evidence,
    ...(citations.pddi !== undefined ? { pddi: citations.pddi } : {}),
    because,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function summaryOf(text: string): string {
  const capitalised = capitalise(text);
  return capitalised.length <= SUMMARY_MAX ? capitalised : `${capitalised.slice(0, SUMMARY_MAX - 1).trimEnd()}…`;
}

