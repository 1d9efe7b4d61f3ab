import type { CompiledCondition, ResolvedFact } from "../logic/compileCondition.js";
import type { Rule } from "./ruleSchema.js";

/** A rule ready to evaluate: its definition, its pack, and its compiled conditions. */
export interface CompiledRule {
  readonly rule: Rule;
  readonly packId: string;
  readonly file: string;
  /** Index of the rule in its pack file, for JSON paths (`rules[3]`). */
  readonly index: number;
  readonly condition: CompiledCondition;
  /** Template placeholders, resolved to their slot at compile time. */
  readonly placeholders: ReadonlyMap<string, ResolvedFact>;
  /**
   * For a medication or pair rule: the leaves of its condition on the drugs alone (see
   * `drugGate`), compiled. False for a medication means the rule is false for every medication
   * of that name, so the engine decides it once per name.
   */
  readonly gate?: CompiledCondition;
}
