import { toCdsHooksResponse } from "../../adapters/cdsHooks.js";
import { toTextReport } from "../../adapters/textReport.js";
import { safeEvaluate } from "../../evaluate.js";
import { formatIssues } from "../formatIssues.js";
import type { Io } from "../io.js";
import { readJsonFile } from "../readJsonFile.js";
import { resolvePacks } from "../resolvePacks.js";

/** Options of `psychrx evaluate`. */
export interface EvaluateCommand {
  readonly file: string;
  readonly format: "json" | "text" | "cds-hooks";
  readonly packs?: readonly string[];
}

/** `psychrx evaluate FILE`: 0 on success, 2 on invalid input (every bad path on stderr). */
export function runEvaluate(cmd: EvaluateCommand, io: Io): number {
  const packs = resolvePacks(cmd.packs);
  if (!packs.success) {
    io.err(`psychrx: the rule packs are invalid; nothing was evaluated\n${formatIssues(packs.issues)}\n`);
    return 2;
  }
  const input = readJsonFile(cmd.file);
  if (!input.success) {
    io.err(`psychrx: cannot evaluate ${cmd.file}\n${formatIssues(input.issues)}\n`);
    return 2;
  }
  const result = safeEvaluate(input.data, { packs: packs.data });
  if (!result.success) {
    io.err(`psychrx: invalid patient snapshot in ${cmd.file} (${result.issues.length} problem${result.issues.length === 1 ? "" : "s"})\n${formatIssues(result.issues)}\n`);
    return 2;
  }
  if (cmd.format === "text") io.out(toTextReport(result.data));
  else if (cmd.format === "cds-hooks") io.out(`${JSON.stringify(toCdsHooksResponse(result.data), null, 2)}\n`);
  else io.out(`${JSON.stringify(result.data, null, 2)}\n`);
  return 0;
}
