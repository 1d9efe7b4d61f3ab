import { renderExplanation } from "../packs/explainRule.js";
import type { CaseResult, RuleReport, TestReport } from "../packs/testPacks.js";
import { formatIssues } from "./formatIssues.js";

const MARK = { passed: "ok  ", failed: "FAIL", error: "ERR ", skipped: "skip" } as const;
const indent = (text: string, pad: string) => text.replace(/\n$/, "").replace(/^(?=.)/gm, pad);

/**
 * Renders a test report for a terminal: per pack and rule, every case that did not pass
 * with its diff and condition tree, then coverage and the totals line.
 */
export function formatTestReport(report: TestReport): string {
  const lines: string[] = [];
  let pack: string | undefined;
  for (const r of report.rules) {
    if (r.packId !== pack) {
      if (pack !== undefined) lines.push("");
      pack = r.packId;
      lines.push(`${r.packId} (${r.file})`);
    }
    lines.push(`  ${MARK[r.outcome]}  ${r.ruleId}  ${counts(r)}`);
    for (const c of r.cases) if (c.outcome !== "passed") lines.push(...caseLines(c));
  }
  lines.push("", ...coverageLines(report));
  const rules = report.rules.length;
  lines.push(`${rules} rules, ${report.cases.length} cases: ${report.passed} passed, ${report.failed} failed, ${report.errors} errors, ${report.skipped} skipped`);
  return `${lines.join("\n")}\n`;
}

function counts(r: RuleReport): string {
  const n = (o: CaseResult["outcome"]) => r.cases.filter((c) => c.outcome === o).length;
  const parts = (["passed", "failed", "error", "skipped"] as const).filter((o) => n(o) > 0).map((o) => `${n(o)} ${o === "error" ? "errors" : o}`);
  return `(${parts.join(", ") || "no cases"})`;
}

function caseLines(c: CaseResult): string[] {
  const out = [`        ${c.outcome === "skipped" ? "-" : "✗"} ${c.caseName}${c.message !== undefined ? `: ${c.message}` : ""}`];
  if (c.diff !== undefined) out.push(`          - expected: ${c.diff.expected}`, `          + actual:   ${c.diff.actual}`);
  if (c.issues !== undefined) out.push(indent(formatIssues(c.issues), "          "));
  if (c.explanation !== undefined) out.push(indent(renderExplanation(c.explanation), "          "));
  return out;
}

function coverageLines(report: TestReport): string[] {
  const { coverage } = report;
  const out = [`coverage: ${coverage.decided} of ${coverage.leaves} condition leaves decided an outcome in some case`];
  if (coverage.rulesWithoutFires.length > 0) out.push(`  rules with no case that fires: ${coverage.rulesWithoutFires.join(", ")}`);
  if (coverage.rulesWithoutQuiet.length > 0) out.push(`  rules with no case that stays quiet: ${coverage.rulesWithoutQuiet.join(", ")}`);
  const undecided = report.rules
    .filter((r) => r.outcome !== "skipped")
    .flatMap((r) => r.coverage.undecided.map((u) => `    ${r.ruleId}  ${u.path}  ${u.condition}`));
  if (undecided.length > 0) out.push("  leaves no case shows to matter (add a case where each decides the outcome):", ...undecided);
  return out;
}
