import type { LintFinding } from "./lintFinding.js";
import { ruleFinding, type RuleCheck } from "./ruleContext.js";

/**
 * Every rule carries its own test table (as ESLint's RuleTester requires): at least one case,
 * one that fires and one that stays quiet, and no two cases with the same name.
 */
export const checkCases: RuleCheck = (ctx) => {
  const cases = ctx.rule.cases ?? [];
  const at = ctx.rule.cases === undefined ? ctx.at : `${ctx.at}.cases`;
  if (cases.length === 0) return [ruleFinding(ctx, "error", "no_cases", at, "the rule has no test case; add cases that fire and that stay quiet")];
  const out: LintFinding[] = [];
  if (!cases.some((c) => c.expect === "fires")) out.push(ruleFinding(ctx, "warning", "no_fires_case", at, 'no case expects the rule to fire; add one with "expect": "fires"'));
  if (!cases.some((c) => c.expect === "quiet")) out.push(ruleFinding(ctx, "warning", "no_quiet_case", at, 'no case expects the rule to stay quiet; add one with "expect": "quiet"'));
  const seen = new Map<string, number>();
  cases.forEach((c, i) => {
    const first = seen.get(c.name);
    if (first !== undefined) {
      out.push(ruleFinding(ctx, "error", "duplicate_case_name", `${at}[${i}].name`, `case name "${c.name}" is also used by cases[${first}]`));
    } else seen.set(c.name, i);
  });
  return out;
};
