import { factResolver } from "../../facts/factResolver.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import type { SourcedOverlay, SourcedPack } from "../packSet.js";
import type { Rule } from "../ruleSchema.js";
import type { LintFinding } from "./lintFinding.js";
import type { RuleCheck } from "./ruleContext.js";

/**
 * Rule checks over the rules as overlays left them: a problem an overlay introduces (a
 * threshold that now contradicts another condition, a summary that now runs long) is reported
 * at the last overlay change that touched the rule, with the rule's own path in the message.
 * Problems the pack already had are reported once, at the pack.
 */
export function checkOverlaidRules(
  original: readonly SourcedPack[],
  overlaid: readonly SourcedPack[],
  overlays: readonly SourcedOverlay[],
  knowledge: Knowledge,
  checks: readonly RuleCheck[],
): LintFinding[] {
  const last = new Map<string, { file: string; path: string }>();
  for (const { file, overlay } of overlays) overlay.changes.forEach((c, i) => last.set(c.rule, { file, path: `changes[${i}]` }));
  const before = new Map<string, Rule>(original.flatMap(({ pack }) => pack.rules.map((r) => [r.id, r] as const)));
  const out: LintFinding[] = [];
  for (const { file, pack } of overlaid) {
    pack.rules.forEach((rule, index) => {
      const prior = before.get(rule.id);
      const at = last.get(rule.id);
      if (prior === undefined || prior === rule || at === undefined) return;
      const run = (r: Rule) => {
        const ctx = { file, rule: r, at: `rules[${index}]`, knowledge, resolver: factResolver(r.scope, knowledge) };
        return checks.flatMap((check) => check(ctx));
      };
      const key = (f: LintFinding) => `${f.code}\u0000${f.path}`;
      const known = new Set(run(prior).map(key));
      for (const f of run(rule)) {
        if (known.has(key(f))) continue;
        const inRule = f.path.replace(/^rules\[\d+\]\.?/, "") || "the rule";
        out.push({ ...f, file: at.file, path: at.path, message: `after this change, ${inRule}: ${f.message}`, params: { ...f.params, rulePath: inRule } });
      }
    });
  }
  return out;
}
