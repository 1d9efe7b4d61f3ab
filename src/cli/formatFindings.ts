import type { LintReport } from "../packs/lint/lintFinding.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Renders a lint report for a terminal: findings grouped by file, then a count line. */
export function formatFindings(report: LintReport): string {
  const lines: string[] = [];
  let file: string | undefined;
  for (const f of report.findings) {
    if (f.file !== file) {
      if (file !== undefined) lines.push("");
      file = f.file;
      lines.push(f.file ?? "(no file)");
    }
    lines.push(`  ${f.path}  ${f.severity}  ${f.message}  [${f.code}]${f.ruleId !== undefined ? `  ${f.ruleId}` : ""}`);
  }
  const scanned = `${plural(report.documents, "file")}, ${plural(report.rules, "rule")}`;
  if (report.findings.length === 0) lines.push(`${scanned}: no problems`);
  else lines.push("", `${plural(report.findings.length, "problem")} (${plural(report.errors, "error")}, ${plural(report.warnings, "warning")}) in ${scanned}`);
  return `${lines.join("\n")}\n`;
}
