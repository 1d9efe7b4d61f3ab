import { explainRule, renderExplanation } from "../../packs/explainRule.js";
import { formatIssues } from "../formatIssues.js";
import type { Io } from "../io.js";
import { readJsonFile } from "../readJsonFile.js";
import { resolvePacks } from "../resolvePacks.js";

/** Options of `psychrx explain`. */
export interface ExplainCommand {
  readonly file: string;
  readonly ruleId: string;
  readonly format: "text" | "json";
  readonly packs?: readonly string[];
}

/** `psychrx explain FILE --rule RULEID`: the rule's condition tree with every value; 0, or 2 on invalid input. */
export function runExplain(cmd: ExplainCommand, io: Io): number {
  const packs = resolvePacks(cmd.packs);
  if (!packs.success) {
    io.err(`psychrx: the rule packs are invalid\n${formatIssues(packs.issues)}\n`);
    return 2;
  }
  const input = readJsonFile(cmd.file);
  if (!input.success) {
    io.err(`psychrx: cannot explain ${cmd.file}\n${formatIssues(input.issues)}\n`);
    return 2;
  }
  const e = explainRule(input.data, cmd.ruleId, packs.data);
  if (!e.success) {
    io.err(`psychrx: cannot explain ${cmd.ruleId} for ${cmd.file}\n${formatIssues(e.issues)}\n`);
    return 2;
  }
  io.out(cmd.format === "json" ? `${JSON.stringify(e.data, null, 2)}\n` : renderExplanation(e.data));
  return 0;
}
