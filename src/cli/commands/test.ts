import { testPacks } from "../../packs/testPacks.js";
import { formatIssues } from "../formatIssues.js";
import { formatTestReport } from "../formatTestReport.js";
import type { Io } from "../io.js";
import { resolvePacks } from "../resolvePacks.js";

/** Options of `psychrx test`. */
export interface TestCommand {
  readonly dirs: readonly string[];
  readonly filter?: string;
  readonly format: "text" | "json";
}

/**
 * `psychrx test DIR`: runs every rule's cases and reports per rule, with coverage; 0 when all
 * pass, 1 on a failure or error (or a `--filter` that matches no rule), 2 on invalid packs.
 */
export function runTest(cmd: TestCommand, io: Io): number {
  const packs = resolvePacks(cmd.dirs);
  if (!packs.success) {
    io.err(`psychrx: the rule packs are invalid\n${formatIssues(packs.issues)}\n`);
    return 2;
  }
  const report = testPacks(packs.data, cmd.filter !== undefined ? { filter: cmd.filter } : {});
  if (cmd.filter !== undefined && report.rules.length === 0) {
    io.err(`psychrx: --filter ${cmd.filter} matched no rule\n`);
    return 1;
  }
  io.out(cmd.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : formatTestReport(report));
  return report.failed + report.errors > 0 ? 1 : 0;
}
