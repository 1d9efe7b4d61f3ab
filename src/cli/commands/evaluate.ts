import { toCdsHooksResponse } from "../../adapters/cdsHooks.js";
import { isCdsHooksRequest, respondToCdsHooks } from "../../adapters/fhir/cdsHooksRequest.js";
import { evaluateFhirBundle } from "../../adapters/fhir/fromFhirBundle.js";
import { toTextReport } from "../../adapters/textReport.js";
import { safeEvaluate } from "../../evaluate.js";
import type { EvaluationResult } from "../../output/resultSchema.js";
import { asOfForSnapshot, printNotes } from "../fhirMessages.js";
import { formatIssues } from "../formatIssues.js";
import { isFhirResource } from "../../core/isFhirResource.js";
import type { Io } from "../io.js";
import { readJsonFile } from "../readJsonFile.js";
import { resolvePacks } from "../resolvePacks.js";

/** Options of `psychrx evaluate`. */
export interface EvaluateCommand {
  readonly file: string;
  readonly format: "json" | "text" | "cds-hooks";
  readonly packs?: readonly string[];
  /** The evaluation date of a FHIR Bundle (a snapshot carries its own `asOf`). */
  readonly asOf?: string;
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
  if (isCdsHooksRequest(input.data)) {
    // The edge may read the clock; the library does not: the date is passed in.
    const asOf = cmd.asOf ?? new Date().toISOString().slice(0, 10);
    if (cmd.asOf === undefined) io.err(`psychrx: evaluating the CDS Hooks request as of today, ${asOf} (--as-of YYYY-MM-DD to set the date)\n`);
    const answered = respondToCdsHooks(input.data, { packs: packs.data, asOf });
    if (!answered.success) {
      io.err(`psychrx: cannot answer the CDS Hooks request in ${cmd.file} (${answered.issues.length} problem${answered.issues.length === 1 ? "" : "s"})\n${formatIssues(answered.issues)}\n`);
      return 2;
    }
    printNotes(io, answered.data.evaluation.notes, "request");
    return print(answered.data.evaluation.result, cmd.format, io);
  }
  const fhir = isFhirResource(input.data);
  if (asOfForSnapshot(io, cmd.file, cmd.asOf, fhir)) return 2;
  if (fhir) {
    const read = evaluateFhirBundle(input.data, { packs: packs.data, ...(cmd.asOf !== undefined ? { asOf: cmd.asOf } : {}) });
    if (!read.success) {
      io.err(`psychrx: cannot evaluate the FHIR Bundle in ${cmd.file} (${read.issues.length} problem${read.issues.length === 1 ? "" : "s"})\n${formatIssues(read.issues)}\n`);
      return 2;
    }
    printNotes(io, read.data.notes, "FHIR Bundle");
    return print(read.data.result, cmd.format, io);
  }
  const result = safeEvaluate(input.data, { packs: packs.data });
  if (!result.success) {
    io.err(`psychrx: invalid patient snapshot in ${cmd.file} (${result.issues.length} problem${result.issues.length === 1 ? "" : "s"})\n${formatIssues(result.issues)}\n`);
    return 2;
  }
  return print(result.data, cmd.format, io);
}

function print(result: EvaluationResult, format: EvaluateCommand["format"], io: Io): number {
  if (format === "text") io.out(toTextReport(result));
  else if (format === "cds-hooks") io.out(`${JSON.stringify(toCdsHooksResponse(result), null, 2)}\n`);
  else io.out(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
