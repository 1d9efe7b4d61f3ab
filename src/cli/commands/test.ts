import { testPacks } from "../../packs/testPacks.js";
import { formatIssues } from "../formatIssues.js";
import type { Io } from "../io.js";
import { resolvePacks } from "../resolvePacks.js";

/** Options of `psychrx test`. */
export interface TestCommand {
  readonly dirs: readonly string[];
  readonly filter?: string;
  readonly format: "text" | "json";
}

/** `psychrx test DIR`: runs every rule's cases; 0 when all pass, 1 on a failure or error, 2 on invalid packs. */
export function runTest(cmd: TestCommand, io: Io): number {
  const packs = resolvePacks(cmd.dirs);
  if (!packs.success) {
    io.err(`psychrx: the rule packs are invalid\n${formatIssues(packs.issues)}\n`);
    return 2;
  }
  const report = testPacks(packs.data, cmd.filter !== undefined ? { filter: cmd.filter } : {});
  if (cmd.filter !== undefined && report.cases.length === 0) {
    io.err(`psychrx: --filter ${cmd.filter} matched no rule\n`);
    return 1;
  }
  if (cmd.format === "json") io.out(`${JSON.stringify(report, null, 2)}\n`);
  else {
    for (const c of report.cases) {
      if (c.outcome === "passed") continue;
      io.out(`${c.outcome.toUpperCase()} ${c.ruleId} › ${c.caseName}${c.message ? `: ${c.message}` : ""}\n`);
      if (c.issues) io.out(`${formatIssues(c.issues).replace(/^/gm, "    ")}\n`);
    }
    const rules = new Set(report.cases.map((c) => c.ruleId)).size;
    io.out(`${rules} rules, ${report.cases.length} cases: ${report.passed} passed, ${report.failed} failed, ${report.errors} errors, ${report.skipped} skipped\n`);
  }
  return report.failed + report.errors > 0 ? 1 : 0;
}
