import type { Issue } from "../core/issue.js";
import { isFhirResource } from "../core/isFhirResource.js";
import { evaluateSnapshot } from "../evaluate.js";
import type { EvaluationResult } from "../output/resultSchema.js";
import type { PackSet } from "../packs/packSet.js";

/** An input record that could not be evaluated: which record, which patient, every bad field. */
export interface BatchError {
  /** 1-based record number in the input (NDJSON line, or CSV patients row). */
  readonly record: number;
  readonly patientId: string | null;
  readonly error: { readonly code: string; readonly issues: readonly Issue[] };
}

/** The outcome of one record: a result (with its record number) or an error. */
export type BatchOutcome = { readonly record: number; readonly ok: true; readonly result: EvaluationResult } | ({ readonly ok: false } & BatchError);

/** A line of white space only (the characters `String.prototype.trim` removes), tested without copying the line. */
const BLANK = /^\s*$/;

/**
 * Evaluates one NDJSON line. Never throws: unparseable text, an invalid snapshot or an
 * engine fault become an error outcome naming the record and every bad field. With `shared`, the
 * result holds shared, frozen constants (see `buildResult`): for an outcome written and dropped.
 */
export function evaluateLine(text: string, record: number, packs: PackSet, shared = false): BatchOutcome {
  // A byte order mark where files saved with one were concatenated (`cat a.ndjson b.ndjson`) is not part of the record.
  const line = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (BLANK.test(line)) return fail(record, null, "empty_record", [{ path: "$", code: "empty_record", message: "empty line; expected a JSON snapshot" }]);
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return fail(record, null, "invalid_json", [{ path: "$", code: "invalid_json", message: `not valid JSON: ${(error as Error).message}` }]);
  }
  return evaluateValue(json, record, packs, shared);
}

/** The record's `id` when it is a string; null otherwise, also when reading it throws (a getter, a proxy). */
export function idOf(json: unknown): string | null {
  try {
    const id = typeof json === "object" && json !== null ? (json as { id?: unknown }).id : undefined;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}

/** Evaluates one parsed record; never throws (`shared`: see {@link evaluateLine}). */
export function evaluateValue(json: unknown, record: number, packs: PackSet, shared = false): BatchOutcome {
  const id = idOf(json);
  try {
    const r = evaluateSnapshot(json, packs, shared);
    if (r.success) return { record, ok: true, result: r.data };
    if (isFhirResource(json)) {
      const message = "a FHIR resource, not a patient snapshot: batch evaluates snapshots; evaluate a Bundle with `psychrx evaluate FILE` or convert it with fromFhirBundle (docs/fhir.md)";
      return fail(record, id, "fhir_resource", [{ path: "resourceType", code: "fhir_resource", message }]);
    }
    const code = r.issues.some((i) => i.code === "evaluation_failed") ? "evaluation_failed" : "invalid_snapshot";
    return fail(record, id, code, r.issues);
  } catch (error) {
    return fail(record, id, "evaluation_failed", [{ path: "$", code: "evaluation_failed", message: describeError(error) }]);
  }
}


/** A thrown value in words, without throwing again (a null, an object whose message getter throws). */
function describeError(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "an exception that cannot be described";
  }
}

function fail(record: number, patientId: string | null, code: string, issues: readonly Issue[]): BatchOutcome {
  return { record, ok: false, patientId, error: { code, issues } };
}

/** The output line of an outcome (no newline): `{"record":n,...result}` or `{"record":n,"patientId":…,"error":…}`. */
export function outcomeLine(o: BatchOutcome): string {
  if (o.ok) return JSON.stringify({ record: o.record, ...o.result });
  return JSON.stringify({ record: o.record, patientId: o.patientId, error: o.error });
}
