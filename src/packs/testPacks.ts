import { mergePatch } from "../core/mergePatch.js";
import type { Issue } from "../core/issue.js";
import { evaluateRules, type RuleOutcomes } from "../engine/evaluateRules.js";
import type { PatientFacts } from "../facts/deriveFacts.js";
import { checkSnapshot } from "../snapshot/parseSnapshot.js";
import type { CompiledRule } from "./compiledRule.js";
import { decidingLeafPaths } from "./decidingLeafPaths.js";
import { explainSubjects, type RuleExplanation } from "./explainRule.js";
import { conditionLeaves } from "./lint/conditionLeaves.js";
import type { PackSet } from "./packSet.js";
import type { Rule, RuleCase } from "./ruleSchema.js";
import { fillTemplate, PLACEHOLDER } from "./template.js";

/** Outcome of one case, as in `opa test`: a fault is an error, not a failed expectation. */
export type CaseOutcome = "passed" | "failed" | "error" | "skipped";

/** What a failing case expected and what the rule did, one line each. */
export interface CaseDiff {
  readonly expected: string;
  readonly actual: string;
}

/** The result of one rule case. */
export interface CaseResult {
  readonly packId: string;
  readonly ruleId: string;
  readonly caseName: string;
  readonly outcome: CaseOutcome;
  /** Why it failed, errored or was skipped. */
  readonly message?: string;
  readonly issues?: readonly Issue[];
  /** For a failed expectation: expected against actual. */
  readonly diff?: CaseDiff;
  /** For a failed expectation: the rule's condition tree for every subject of the case. */
  readonly explanation?: RuleExplanation;
}

/** A condition leaf no case made decide an outcome. */
export interface UndecidedLeaf {
  /** Path in the rule, e.g. `conditions.all[1].any[4]`. */
  readonly path: string;
  /** The leaf as text, e.g. `med.classes contains "stimulant"`. */
  readonly condition: string;
}

/** How well a rule's cases exercise it. */
export interface RuleCoverage {
  /** A case expects the rule to fire (a positive case). */
  readonly hasFires: boolean;
  /** A case expects it to stay quiet (a negative case). */
  readonly hasQuiet: boolean;
  readonly hasGap: boolean;
  /** Leaf conditions in the rule. */
  readonly leaves: number;
  /** Leaves that decided the outcome for some subject of some case. */
  readonly decided: number;
  /** Leaves that never did: no case shows they matter. */
  readonly undecided: readonly UndecidedLeaf[];
}

/** One rule's cases and coverage. */
export interface RuleReport {
  readonly packId: string;
  readonly ruleId: string;
  readonly file: string;
  /** `error` if a case errored, else `failed` if one failed, `skipped` if all were skipped, else `passed`. */
  readonly outcome: CaseOutcome;
  readonly cases: readonly CaseResult[];
  readonly coverage: RuleCoverage;
}

/** Summary of a test run. */
export interface TestReport {
  /** Per rule, in pack order. */
  readonly rules: readonly RuleReport[];
  /** Every case, in pack order (also listed under its rule). */
  readonly cases: readonly CaseResult[];
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  readonly skipped: number;
  /** Totals over the rules run. */
  readonly coverage: {
    readonly rulesWithoutFires: readonly string[];
    readonly rulesWithoutQuiet: readonly string[];
    readonly leaves: number;
    readonly decided: number;
  };
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
 * Reports per rule, with a diff and the condition tree for a failed case, and coverage:
 * which leaf conditions never decided an outcome in any case.
 */
export function testPacks(packSet: PackSet, options: TestOptions = {}): TestReport {
  const rules: RuleReport[] = [];
  const compiled = new Map<string, CompiledRule>(packSet.rules.map((r) => [r.rule.id, r]));
  for (const { file, pack } of packSet.sources) {
    for (const rule of pack.rules) {
      if (options.filter !== undefined && rule.id !== options.filter && !rule.id.startsWith(options.filter)) continue;
      rules.push(testRule(rule, compiled.get(rule.id), { packId: pack.id, file, caseBase: pack.caseBase }, packSet));
    }
  }
  const cases = rules.flatMap((r) => r.cases);
  const count = (o: CaseOutcome) => cases.filter((c) => c.outcome === o).length;
  const ran = rules.filter((r) => r.outcome !== "skipped");
  return {
    rules,
    cases,
    passed: count("passed"),
    failed: count("failed"),
    errors: count("error"),
    skipped: count("skipped"),
    coverage: {
      rulesWithoutFires: ran.filter((r) => !r.coverage.hasFires).map((r) => r.ruleId),
      rulesWithoutQuiet: ran.filter((r) => !r.coverage.hasQuiet).map((r) => r.ruleId),
      leaves: ran.reduce((n, r) => n + r.coverage.leaves, 0),
      decided: ran.reduce((n, r) => n + r.coverage.decided, 0),
    },
  };
}

interface PackContext {
  readonly packId: string;
  readonly file: string;
  readonly caseBase: Record<string, unknown> | undefined;
}

function testRule(rule: Rule, c: CompiledRule | undefined, pack: PackContext, packSet: PackSet): RuleReport {
  const list = rule.cases ?? [];
  const base = { packId: pack.packId, ruleId: rule.id };
  const cases: CaseResult[] = [];
  const leaves = conditionLeaves(rule.conditions, "conditions");
  const decided = new Set<string>();
  if (c === undefined) {
    for (const tc of list) cases.push({ ...base, caseName: tc.name, outcome: "skipped", message: "rule is disabled" });
  } else {
    const names = new Set<string>();
    for (const tc of list) {
      if (names.has(tc.name)) {
        cases.push({ ...base, caseName: tc.name, outcome: "error", message: "duplicate case name" });
        continue;
      }
      names.add(tc.name);
      if (tc.skip !== undefined) {
        cases.push({ ...base, caseName: tc.name, outcome: "skipped", message: tc.skip });
        continue;
      }
      cases.push({ ...base, caseName: tc.name, ...runCase(c, tc, pack.caseBase, packSet, decided) });
    }
    if (!list.some((tc) => tc.expect === "fires")) cases.push({ ...base, caseName: "(coverage)", outcome: "failed", message: "the rule has no case that fires" });
    if (!list.some((tc) => tc.expect === "quiet")) cases.push({ ...base, caseName: "(coverage)", outcome: "failed", message: "the rule has no case that stays quiet" });
  }
  const has = (o: CaseOutcome) => cases.some((x) => x.outcome === o);
  const outcome: CaseOutcome = has("error") ? "error" : has("failed") ? "failed" : cases.length > 0 && cases.every((x) => x.outcome === "skipped") ? "skipped" : "passed";
  const undecided = leaves
    .filter((l) => !decided.has(l.path))
    .map(({ leaf, path }) => ({ path, condition: `${leaf.fact}${leaf.path ?? ""} ${leaf.operator} ${showValue(leaf.value)}` }));
  return {
    ...base,
    file: pack.file,
    outcome,
    cases,
    coverage: {
      hasFires: list.some((tc) => tc.expect === "fires"),
      hasQuiet: list.some((tc) => tc.expect === "quiet"),
      hasGap: list.some((tc) => tc.expect === "gap"),
      leaves: leaves.length,
      decided: leaves.length - undecided.length,
      undecided,
    },
  };
}

function showValue(v: unknown): string {
  if (typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { fact?: unknown }).fact === "string") {
    const ref = v as { fact: string; path?: string };
    return `${ref.fact}${ref.path ?? ""}`;
  }
  return JSON.stringify(v);
}

type CaseRun = Omit<CaseResult, "packId" | "ruleId" | "caseName">;

function runCase(c: CompiledRule, tc: RuleCase, caseBase: Record<string, unknown> | undefined, packSet: PackSet, decided: Set<string>): CaseRun {
  const input = tc.snapshot ?? mergePatch(caseBase ?? {}, tc.patch ?? {});
  const checked = checkSnapshot(input, packSet.knowledge);
  if (!checked.success) return { outcome: "error", message: "the case's snapshot is invalid", issues: checked.issues };
  let facts: PatientFacts;
  let outcomes: RuleOutcomes;
  try {
    facts = packSet.deriver.derive(checked.data);
    outcomes = evaluateRules(facts, [c]);
  } catch (error) {
    return { outcome: "error", message: `evaluation failed: ${(error as Error).message}` };
  }
  const subjects = explainSubjects(c, facts);
  for (const s of subjects) for (const p of decidingLeafPaths(s.tree, "conditions")) decided.add(p);
  const verdict = judge(c, tc, outcomes);
  if (verdict.outcome !== "failed" || verdict.diff === undefined) return verdict;
  return { ...verdict, explanation: { ruleId: c.rule.id, scope: c.rule.scope, subjects } };
}

/** Whether the rule did what the case expects; a failed expectation carries a diff. */
function judge(c: CompiledRule, tc: RuleCase, { fired, gaps }: RuleOutcomes): CaseRun {
  const describe = () =>
    `got ${fired.length} firing(s) [${fired.map((f) => f.medications.join("+") || "patient").join(", ")}] and ${gaps.length} gap(s) [${gaps.map((g) => g.missing.join("+")).join(", ")}]`;
  const actual = () => {
    const parts = [
      ...fired.map((f) => `fires${f.medications.length > 0 ? ` for ${f.medications.join("+")}` : ""}`),
      ...gaps.map((g) => `gap${g.medications.length > 0 ? ` for ${g.medications.join("+")}` : ""} (missing: ${g.missing.join(", ")})`),
    ];
    return parts.length > 0 ? parts.join("; ") : "quiet";
  };
  const fail = (message: string, expected: string): CaseRun => ({ outcome: "failed", message, diff: { expected, actual: actual() } });
  if (tc.expect === "fires") {
    const want = tc.medications !== undefined ? [...tc.medications].sort().join("+") : undefined;
    const expected = `fires${want !== undefined ? ` for ${want}` : ""}`;
    if (fired.length === 0) return fail(`expected the rule to fire; ${describe()}`, expected);
    if (want !== undefined && !fired.some((f) => f.medications.join("+") === want)) return fail(`expected a firing for ${want}; ${describe()}`, expected);
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
    return fired.length === 0 && gaps.length === 0 ? { outcome: "passed" } : fail(`expected quiet; ${describe()}`, "quiet");
  }
  const expected = `gap${tc.missing !== undefined ? ` (missing: ${tc.missing.join(", ")})` : ""}`;
  if (fired.length > 0 || gaps.length === 0) return fail(`expected a data gap; ${describe()}`, expected);
  if (tc.missing !== undefined) {
    const got = new Set(gaps.flatMap((g) => g.missing));
    const absent = tc.missing.filter((m) => !got.has(m));
    if (absent.length > 0) return fail(`expected missing ${absent.join(", ")}; ${describe()}`, expected);
  }
  return { outcome: "passed" };
}
