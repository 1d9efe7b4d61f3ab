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

/** What a table entry gives the rule that names it. */
interface EntryPart {
  readonly title: string;
  readonly conditions: ReturnType<typeof scheduleConditions>;
  readonly evidence: Rule["evidence"];
  readonly verified?: boolean | undefined;
  readonly pddi?: Rule["pddi"];
}

/** One rule with its table entry folded in: conditions, evidence after the rule's own, PDDI, title. */
function expandRule(r: RuleInput, k: Knowledge, file: string, at: string): { rule?: Rule; issue?: Issue } {
  const { schedule: scheduleId, interaction: interactionId, ...rest } = r;
  let part: EntryPart | undefined;
  if (scheduleId !== undefined) {
    const s = k.schedules.get(scheduleId);
    if (s === undefined) return { issue: unknownEntry(file, `${at}.schedule`, "monitoring schedule", scheduleId, k.schedules.keys(), r.id) };
    part = { title: s.title, conditions: scheduleConditions(s), evidence: s.evidence, verified: s.verified };
  } else if (interactionId !== undefined) {
    const e = k.interactions.get(interactionId);
    if (e === undefined) return { issue: unknownEntry(file, `${at}.interaction`, "interaction", interactionId, k.interactions.keys(), r.id) };
    part = { title: e.title, conditions: interactionConditions(e), evidence: e.evidence, verified: e.verified, pddi: e.pddi };
  }
  if (part === undefined) {
    // The input schema guarantees conditions when no table entry is named.
    return r.conditions === undefined ? {} : { rule: { ...rest, conditions: r.conditions } };
  }
  const pddi = r.pddi ?? part.pddi;
  const verified = r.verified ?? part.verified;
  return {
    rule: {
      ...rest,
      title: r.title ?? part.title,
      conditions: joinConditions(r.conditions, part.conditions),
      evidence: [...r.evidence, ...part.evidence],
      ...(pddi !== undefined ? { pddi } : {}),
      ...(verified !== undefined ? { verified } : {}),
    },
  };
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
