import type { Issue, Result } from "../../core/issue.js";
import { safeEvaluate, type EvaluateOptions } from "../../evaluate.js";
import type { EvaluationResult } from "../../output/resultSchema.js";
import { defaultPacks } from "../../packs/loadPacks.js";
import { snapshotFromFhir, type FhirImport } from "./snapshotFromFhir.js";

/** Options of {@link fromFhirBundle} and {@link evaluateFhirBundle}. */
export interface FhirOptions extends EvaluateOptions {
  /** The evaluation date, YYYY-MM-DD; the bundle's `timestamp` date when omitted. */
  readonly asOf?: string;
  /**
   * Evaluate draft MedicationRequests as active: the orders a clinician is about to sign, as a CDS
   * Hooks `order-select` or `order-sign` service receives them in `context.draftOrders` (add them to
   * the bundle). Otherwise a draft is left out with a note, as not yet a medication taken.
   */
  readonly draftOrdersActive?: boolean;
}

/** A result evaluated from a FHIR Bundle, with the snapshot read from it and what was left out. */
export interface FhirEvaluation extends FhirImport {
  readonly result: EvaluationResult;
}

/**
 * Reads one patient's FHIR R4 Bundle into a {@link PatientSnapshot} using the packs' tables
 * (LOINC codes of labs and scales, RxNorm codes of drugs). Never throws: malformed resources are
 * issues named by their path in the bundle (`entry[3].resource.valueQuantity.value`); what is
 * well formed but cannot be used (a LOINC code the tables do not know, a dose without a daily
 * count) is a note. See docs/fhir.md for what is read and how.
 */
export function fromFhirBundle(bundle: unknown, options: FhirOptions = {}): Result<FhirImport> {
  try {
    return snapshotFromFhir(bundle, (options.packs ?? defaultPacks()).knowledge, options.asOf, options.draftOrdersActive === true);
  } catch (error) {
    return { success: false, issues: [{ path: "$", code: "import_failed", message: `the bundle could not be read: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

/**
 * Reads a FHIR R4 Bundle ({@link fromFhirBundle}) and evaluates the snapshot. Issues of the
 * snapshot name the bundle entry each item came from, then the snapshot's own path:
 * `entry[7].resource (labs[3].unit)`.
 */
export function evaluateFhirBundle(bundle: unknown, options: FhirOptions = {}): Result<FhirEvaluation> {
  const read = fromFhirBundle(bundle, options);
  if (!read.success) return read;
  const evaluated = safeEvaluate(read.data.snapshot, options);
  if (!evaluated.success) return { success: false, issues: evaluated.issues.map((i) => issueInBundle(i, read.data.origins)) };
  return { success: true, data: { ...read.data, result: evaluated.data } };
}

/** An issue of a snapshot read from a bundle, named by the bundle entry its item came from: `entry[7].resource (labs[3].unit)`. */
export function issueInBundle(issue: Issue, origins: Readonly<Record<string, string>>): Issue {
  const m = /^([A-Za-z]+\[\d+\])/.exec(issue.path);
  const origin = m?.[1] !== undefined ? origins[m[1]] : undefined;
  if (origin !== undefined) return { ...issue, path: `${origin} (${issue.path})` };
  const top: Record<string, string> = { id: "Patient.id", asOf: "timestamp", birthDate: "Patient.birthDate", sex: "Patient.gender" };
  const field = top[issue.path];
  return field !== undefined ? { ...issue, path: `${field} (${issue.path})` } : issue;
}
