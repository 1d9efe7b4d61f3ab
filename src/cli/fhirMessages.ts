import type { Issue } from "../core/issue.js";
import { formatIssues } from "./formatIssues.js";
import type { Io } from "./io.js";

/** Prints on stderr the parts of a FHIR input (`what`: "FHIR Bundle", "request") not used or used in part. */
export function printNotes(io: Io, notes: readonly Issue[], what: string): void {
  if (notes.length > 0) io.err(`psychrx: ${notes.length} part${notes.length === 1 ? "" : "s"} of the ${what} not used or used in part:\n${formatIssues(notes)}\n`);
}

/** `--as-of` given for a snapshot, which carries its own `asOf`: says so and returns true (exit 2). */
export function asOfForSnapshot(io: Io, file: string, asOf: string | undefined, fhir: boolean): boolean {
  if (fhir || asOf === undefined) return false;
  io.err(`psychrx: --as-of is for a FHIR Bundle; ${file} is a snapshot, which gives its own asOf\n`);
  return true;
}
