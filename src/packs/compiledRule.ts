import type { CompiledCondition, ResolvedFact } from "../logic/compileCondition.js";
import type { DrugGates } from "./drugGate.js";
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
   * For a medication or pair rule: by medication slot, the leaves of its condition on that
   * slot's drug alone (see `drugGates`), compiled. A gate false for a drug means the rule is
   * false whenever that drug fills the slot, so the engine decides it once per drug name.
   */
  readonly gates?: DrugGates<CompiledCondition>;
  /**
   * The rule's evidence and PDDI information as shared constants (deep-frozen copies, see
   * `sharedConstant`), made when the rule is compiled: what a batch result cites, serialised once.
   */
  readonly sharedCitations: { readonly evidence: Rule["evidence"]; readonly pddi?: Rule["pddi"] };
}
