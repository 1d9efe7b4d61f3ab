import type { Issue, Result } from "./core/issue.js";
import { evaluateRules } from "./engine/evaluateRules.js";
import { createFactDeriver, type FactDeriver } from "./facts/deriveFacts.js";
import { buildResult } from "./output/buildResult.js";
import type { EvaluationResult } from "./output/resultSchema.js";
import { defaultPacks } from "./packs/loadPacks.js";
import type { PackSet } from "./packs/packSet.js";
import { patientFactsRead } from "./packs/patientFactsRead.js";
import type { NormalizedSnapshot } from "./snapshot/normalizedSnapshot.js";
import { checkSnapshot } from "./snapshot/parseSnapshot.js";
import type { PatientSnapshot } from "./snapshot/schema.js";

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Compiled packs from {@link loadPacks}; the bundled defaults when omitted. */
  readonly packs?: PackSet;
}

/** Thrown by {@link evaluate} when the snapshot is invalid; `issues` names every bad field. */
export class SnapshotValidationError extends Error {
  /** Every problem found, each with its JSON path. */
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    super(`invalid patient snapshot: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    this.name = "SnapshotValidationError";
    this.issues = issues;
  }
}

/**
 * Validates a snapshot against the schema and the knowledge tables. Never throws:
 * `{ success: true, data }` or `{ success: false, issues }`, each issue naming a JSON
 * path such as `medications[2].dailyDoseMg`.
 */
export function parseSnapshot(input: unknown, options: EvaluateOptions = {}): Result<PatientSnapshot> {
  const packs = options.packs ?? defaultPacks();
  const checked = checkSnapshot(input, packs.knowledge);
  return checked.success ? { success: true, data: input as PatientSnapshot } : checked;
}

/**
 * Evaluates a snapshot against rule packs and returns explained, cited suggestions,
 * data gaps and unrecognised inputs. Deterministic: the same input and packs give the
 * same result, whatever the order of the snapshot's lists.
 *
 * @throws {@link SnapshotValidationError} when the snapshot is invalid (use
 * {@link safeEvaluate} to get the issues as a value instead).
 */
export function evaluate(snapshot: unknown, options: EvaluateOptions = {}): EvaluationResult {
  const result = safeEvaluate(snapshot, options);
  if (!result.success) throw new SnapshotValidationError(result.issues);
  return result.data;
}

/** {@link evaluate} without exceptions: the result, or every issue found. */
export function safeEvaluate(snapshot: unknown, options: EvaluateOptions = {}): Result<EvaluationResult> {
  return evaluateSnapshot(snapshot, options.packs ?? defaultPacks(), false);
}

/**
 * {@link safeEvaluate} with the pack set given. With `shared`, the result holds shared, frozen
 * constants (see `buildResult`): only for a result that is serialised and dropped.
 */
export function evaluateSnapshot(snapshot: unknown, packs: PackSet, shared: boolean): Result<EvaluationResult> {
  const checked = checkSnapshot(snapshot, packs.knowledge);
  if (!checked.success) return checked;
  try {
    return { success: true, data: evaluateNormalized(checked.data, packs, shared) };
  } catch (error) {
    return {
      success: false,
      issues: [{ path: "$", code: "evaluation_failed", message: `evaluation failed: ${error instanceof Error ? error.message : String(error)}` }],
    };
  }
}

/**
 * Per pack set, a deriver of only the patient facts its rules read (most of a patient's facts,
 * per instrument, lab, flag and class, are read by no rule). `packs.deriver` still derives all.
 */
const evaluationDerivers = new WeakMap<PackSet, FactDeriver>();

function evaluationDeriver(packs: PackSet): FactDeriver {
  let deriver = evaluationDerivers.get(packs);
  if (deriver === undefined) {
    deriver = createFactDeriver(packs.knowledge, patientFactsRead(packs.rules, packs.knowledge)).deriver;
    evaluationDerivers.set(packs, deriver);
  }
  return deriver;
}

/** Evaluates an already validated, normalised snapshot (`shared`: see {@link evaluateSnapshot}). */
export function evaluateNormalized(s: NormalizedSnapshot, packs: PackSet, shared = false): EvaluationResult {
  const facts = evaluationDeriver(packs).derive(s);
  return buildResult(s, evaluateRules(facts, packs.rules), packs, shared);
}
