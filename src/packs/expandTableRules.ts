import { didYouMean } from "../core/didYouMean.js";
import type { Issue } from "../core/issue.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { RulePack, RulePackInput } from "./packSchema.js";
import type { Rule, RuleInput } from "./ruleSchema.js";
import { interactionConditions, joinConditions, scheduleConditions } from "./tableConditions.js";

/** A pack as written, with the file it came from. */
export interface SourcedPackInput {
  readonly file: string;
  readonly pack: RulePackInput;
}

function unknownEntry(file: string, path: string, kind: string, id: string, known: Iterable<string>, ruleId: string): Issue {
  const suggestion = didYouMean(id, [...known]);
  return {
    file,
    path,
    code: "unknown_table_entry",
    message: `no ${kind} "${id}" in the tables` + (suggestion !== undefined ? `; did you mean "${suggestion}"?` : ""),
    params: { ruleId, ...(suggestion !== undefined ? { didYouMean: suggestion } : {}) },
  };
}

/** One rule with its table entry folded in: conditions, evidence after the rule's own, PDDI, title. */
function expandRule(r: RuleInput, k: Knowledge, file: string, at: string): { rule?: Rule; issue?: Issue } {
  const { schedule: scheduleId, interaction: interactionId, ...rest } = r;
  if (scheduleId !== undefined) {
    const s = k.schedules.get(scheduleId);
    if (s === undefined) return { issue: unknownEntry(file, `${at}.schedule`, "monitoring schedule", scheduleId, k.schedules.keys(), r.id) };
    return {
      rule: {
        ...rest,
        title: r.title ?? s.title,
        conditions: joinConditions(r.conditions, scheduleConditions(s)),
        evidence: [...r.evidence, ...s.evidence],
        ...(r.verified === undefined && s.verified !== undefined ? { verified: s.verified } : {}),
      },
    };
  }
  if (interactionId !== undefined) {
    const e = k.interactions.get(interactionId);
    if (e === undefined) return { issue: unknownEntry(file, `${at}.interaction`, "interaction", interactionId, k.interactions.keys(), r.id) };
    return {
      rule: {
        ...rest,
        title: r.title ?? e.title,
        conditions: joinConditions(r.conditions, interactionConditions(e)),
        evidence: [...r.evidence, ...e.evidence],
        pddi: r.pddi ?? e.pddi,
        ...(r.verified === undefined && e.verified !== undefined ? { verified: e.verified } : {}),
      },
    };
  }
  // The input schema guarantees conditions when no table entry is named.
  if (r.conditions === undefined) return {};
  return { rule: { ...rest, conditions: r.conditions } };
}

/**
 * Folds the table entries that rules name (`schedule`, `interaction`) into the rules, so that
 * everything after loading (compiling, overlays, cases, lint, docs) sees whole rules. A rule
 * naming an entry the tables lack is an issue at its path, and the pack is left out.
 */
export function expandTableRules(packs: readonly SourcedPackInput[], k: Knowledge): { packs: { file: string; pack: RulePack }[]; issues: Issue[] } {
  const out: { file: string; pack: RulePack }[] = [];
  const issues: Issue[] = [];
  for (const { file, pack } of packs) {
    const rules: Rule[] = [];
    let failed = false;
    pack.rules.forEach((r, i) => {
      const { rule, issue } = expandRule(r, k, file, `rules[${i}]`);
      if (issue !== undefined) issues.push(issue);
      if (rule === undefined) failed = true;
      else rules.push(rule);
    });
    if (!failed) out.push({ file, pack: { ...pack, rules } });
  }
  return { packs: out, issues };
}
