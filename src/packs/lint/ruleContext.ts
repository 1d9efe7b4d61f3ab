import type { Knowledge } from "../../knowledge/knowledge.js";
import type { FactResolver } from "../../logic/compileCondition.js";
import type { Rule } from "../ruleSchema.js";
import type { LintFinding, LintSeverity } from "./lintFinding.js";

/** What a rule check sees: the rule, where it is, and the tables. */
export interface RuleContext {
  readonly file: string;
  readonly rule: Rule;
  /** JSON path of the rule in its pack: `rules[3]`. */
  readonly at: string;
  readonly knowledge: Knowledge;
  /** Resolves the fact names of this rule's scope. */
  readonly resolver: FactResolver;
}

/** A lint check over one rule. */
export type RuleCheck = (ctx: RuleContext) => LintFinding[];

/** A finding about the rule in `ctx`. */
export function ruleFinding(
  ctx: RuleContext,
  severity: LintSeverity,
  code: string,
  path: string,
  message: string,
  params?: Record<string, unknown>,
): LintFinding {
  return { severity, code, file: ctx.file, path, ruleId: ctx.rule.id, message, ...(params !== undefined ? { params } : {}) };
}
