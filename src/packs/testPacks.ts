import { mergePatch } from "../core/mergePatch.js";
import type { Issue } from "../core/issue.js";
import { evaluateRules } from "../engine/evaluateRules.js";
import { checkSnapshot } from "../snapshot/parseSnapshot.js";
import type { CompiledRule } from "./compiledRule.js";
import type { PackSet } from "./packSet.js";
import type { RuleCase } from "./ruleSchema.js";
import { fillTemplate, PLACEHOLDER } from "./template.js";

/** Outcome of one case, as in `opa test`: a fault is an error, not a failed expectation. */
export type CaseOutcome = "passed" | "failed" | "error" | "skipped";

/** The result of one rule case. */
export interface CaseResult {
  readonly packId: string;
  readonly ruleId: string;
  readonly caseName: string;
  readonly outcome: CaseOutcome;
  /** Why it failed or errored. */
  readonly message?: string;
  readonly issues?: readonly Issue[];
}

/** Summary of a test run. */
export interface TestReport {
  readonly cases: readonly CaseResult[];
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  readonly skipped: number;
}

/** Options of {@link testPacks}. */
export interface TestOptions {
  /** Only rules whose id equals or starts with this. */
  readonly filter?: string;
}

/**
 * Runs every rule's own cases: builds each case's snapshot (whole, or a merge patch over
 * the pack's `caseBase`), evaluates that rule alone, and checks the expectation. A rule
 * without a firing case or without a quiet case fails, as ESLint's RuleTester would.
 */
export function testPacks(packSet: PackSet, options: TestOptions = {}): TestReport {
  const cases: CaseResult[] = [];
  const compiled = new Map<string, CompiledRule>(packSet.rules.map((r) => [r.rule.id, r]));
  for (const { pack } of packSet.sources) {
    for (const rule of pack.rules) {
      if (options.filter !== undefined && rule.id !== options.filter && !rule.id.startsWith(options.filter)) continue;
      const c = compiled.get(rule.id);
      const list = rule.cases ?? [];
      const base = { packId: pack.id, ruleId: rule.id };
      if (c === undefined) {
        for (const tc of list) cases.push({ ...base, caseName: tc.name, outcome: "skipped", message: "rule is disabled" });
        continue;
      }
      const names = new Set<string>();
      for (const tc of list) {
        if (names.has(tc.name)) {
          cases.push({ ...base, caseName: tc.name, outcome: "error", message: "duplicate case name" });
          continue;
        }
        names.add(tc.name);
        cases.push({ ...base, caseName: tc.name, ...runCase(c, tc, pack.caseBase, packSet) });
      }
      if (!list.some((tc) => tc.expect === "fires")) cases.push({ ...base, caseName: "(coverage)", outcome: "failed", message: "the rule has no case that fires" });
      if (!list.some((tc) => tc.expect === "quiet")) cases.push({ ...base, caseName: "(coverage)", outcome: "failed", message: "the rule has no case that stays quiet" });
    }
  }
  const count = (o: CaseOutcome) => cases.filter((c) => c.outcome === o).length;
  return { cases, passed: count("passed"), failed: count("failed"), errors: count("error"), skipped: count("skipped") };
}

function runCase(
  c: CompiledRule,
  tc: RuleCase,
  caseBase: Record<string, unknown> | undefined,
  packSet: PackSet,
): { outcome: CaseOutcome; message?: string; issues?: readonly Issue[] } {
  const input = tc.snapshot ?? mergePatch(caseBase ?? {}, tc.patch ?? {});
  const checked = checkSnapshot(input, packSet.knowledge);
  if (!checked.success) return { outcome: "error", message: "the case's snapshot is invalid", issues: checked.issues };
  let outcomes;
  try {
    outcomes = evaluateRules(packSet.deriver.derive(checked.data), [c]);
  } catch (error) {
    return { outcome: "error", message: `evaluation failed: ${(error as Error).message}` };
  }
  const { fired, gaps } = outcomes;
  const describe = () =>
    `got ${fired.length} firing(s) [${fired.map((f) => f.medications.join("+") || "patient").join(", ")}] and ${gaps.length} gap(s) [${gaps.map((g) => g.missing.join("+")).join(", ")}]`;
  if (tc.expect === "fires") {
    if (fired.length === 0) return { outcome: "failed", message: `expected the rule to fire; ${describe()}` };
    if (tc.medications !== undefined) {
      const want = [...tc.medications].sort().join("+");
      if (!fired.some((f) => f.medications.join("+") === want)) return { outcome: "failed", message: `expected a firing for ${want}; ${describe()}` };
    }
    for (const f of fired) {
      for (const field of ["summary", "detail"] as const) {
        const unfilled = [...c.rule[field].matchAll(PLACEHOLDER)]
          .map((m) => m[1] ?? "")
          .filter((name) => {
            const at = c.placeholders.get(name);
            return at === undefined || f.bindings[at.slot]?.values[at.key] === undefined;
          });
        if (unfilled.length > 0) return { outcome: "failed", message: `${field} placeholder(s) left unfilled: ${unfilled.join(", ")}` };
      }
      const summary = fillTemplate(c.rule.summary, (n) => {
        const at = c.placeholders.get(n);
        return at === undefined ? undefined : f.bindings[at.slot]?.values[at.key];
      });
      if (summary.length > 140) return { outcome: "failed", message: `summary is ${summary.length} characters once filled (max 140)` };
    }
    return { outcome: "passed" };
  }
  if (tc.expect === "quiet") {
    return fired.length === 0 && gaps.length === 0 ? { outcome: "passed" } : { outcome: "failed", message: `expected quiet; ${describe()}` };
  }
  if (fired.length > 0 || gaps.length === 0) return { outcome: "failed", message: `expected a data gap; ${describe()}` };
  if (tc.missing !== undefined) {
    const got = new Set(gaps.flatMap((g) => g.missing));
    const absent = tc.missing.filter((m) => !got.has(m));
    if (absent.length > 0) return { outcome: "failed", message: `expected missing ${absent.join(", ")}; ${describe()}` };
  }
  return { outcome: "passed" };
}
