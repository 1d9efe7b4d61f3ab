import { fromFhirBundle, issueInBundle } from "../../adapters/fhir/fromFhirBundle.js";
import { explainRule, renderExplanation } from "../../packs/explainRule.js";
import { asOfForSnapshot, printNotes } from "../fhirMessages.js";
import { formatIssues } from "../formatIssues.js";
import { isFhirResource } from "../../core/isFhirResource.js";
import type { Io } from "../io.js";
import { readJsonFile } from "../readJsonFile.js";
import { resolvePacks } from "../resolvePacks.js";

/** Options of `psychrx explain`. */
export interface ExplainCommand {
  readonly file: string;
  readonly ruleId: string;
  readonly format: "text" | "json";
  readonly packs?: readonly string[];
  /** The evaluation date of a FHIR Bundle (a snapshot carries its own `asOf`). */
  readonly asOf?: string;
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
  let patient = input.data;
  let origins: Readonly<Record<string, string>> = {};
  if (isFhirResource(input.data)) {
    const read = fromFhirBundle(input.data, { packs: packs.data, ...(cmd.asOf !== undefined ? { asOf: cmd.asOf } : {}) });
    if (!read.success) {
      io.err(`psychrx: cannot read the FHIR Bundle in ${cmd.file}\n${formatIssues(read.issues)}\n`);
      return 2;
    }
    printNotes(io, read.data.notes, "FHIR Bundle");
    patient = read.data.snapshot;
    origins = read.data.origins;
  } else if (asOfForSnapshot(io, cmd.file, cmd.asOf, false)) return 2;
  const e = explainRule(patient, cmd.ruleId, packs.data);
  if (!e.success) {
    io.err(`psychrx: cannot explain ${cmd.ruleId} for ${cmd.file}\n${formatIssues(e.issues.map((i) => issueInBundle(i, origins)))}\n`);
    return 2;
  }
  io.out(cmd.format === "json" ? `${JSON.stringify(e.data, null, 2)}\n` : renderExplanation(e.data));
  return 0;
}
