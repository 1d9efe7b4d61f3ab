import type { Issue, Result } from "../core/issue.js";
import { findForbiddenKeys } from "../core/forbiddenKeys.js";
import { fromZodIssues } from "../core/zodIssues.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { NormalizedSnapshot } from "./normalizedSnapshot.js";
import { normalizeSnapshot } from "./normalizeSnapshot.js";
import { PatientSnapshotSchema, snapshotKeysAt, type PatientSnapshot } from "./schema.js";

/**
 * Validates a snapshot against the schema only (types, ranges, unknown keys, dates).
 * Never throws. Table-dependent checks (instrument ranges, lab units) are in
 * {@link checkSnapshot}.
 */
export function parseSnapshotShape(input: unknown): Result<PatientSnapshot> {
  try {
    const forbidden = findForbiddenKeys(input);
    if (forbidden.length > 0) return { success: false, issues: forbidden };
    const parsed = PatientSnapshotSchema.safeParse(input, { reportInput: true });
    if (parsed.success) return { success: true, data: parsed.data };
    return { success: false, issues: fromZodIssues(parsed.error.issues, snapshotKeysAt) };
  } catch (error) {
    return { success: false, issues: [internalIssue(error)] };
  }
}

/** Full validation and normalisation of a snapshot against the knowledge tables. Never throws. */
export function checkSnapshot(input: unknown, knowledge: Knowledge): Result<NormalizedSnapshot> {
  const shape = parseSnapshotShape(input);
  if (!shape.success) return shape;
  try {
    const normalized = normalizeSnapshot(shape.data, knowledge);
    return normalized;
  } catch (error) {
    return { success: false, issues: [internalIssue(error)] };
  }
}

function internalIssue(error: unknown): Issue {
  return {
    path: "$",
    code: "internal_error",
    message: `psychrx could not validate this input (${error instanceof Error ? error.message : String(error)}); please report it`,
  };
}

