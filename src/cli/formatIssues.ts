import type { Issue } from "../core/issue.js";

/** Renders issues for a terminal, one per line: `file: path: message [code]`. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.file ? `${i.file}: ` : ""}${i.path}: ${i.message} [${i.code}]`).join("\n");
}
