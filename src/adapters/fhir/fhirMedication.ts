import type { Issue } from "../../core/issue.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import type { SnapshotMedication } from "../../snapshot/schema.js";
import { dailyDose, unitStrengthMg } from "./fhirDose.js";
import type { CodeableConcept, Dosage } from "./fhirSchema.js";
import { calendarDateOf, codingsIn, describe, SYSTEMS } from "./fhirValues.js";

/** A medication order or statement, read into the fields the snapshot needs. */
export interface MedicationSource {
  readonly path: string;
  readonly resourceType: "MedicationRequest" | "MedicationStatement";
  readonly status: string | undefined;
  readonly concept: CodeableConcept | undefined;
  readonly start: string | undefined;
  readonly end: string | undefined;
  readonly dosage: readonly Dosage[] | undefined;
  /** A MedicationRequest that asks for the drug NOT to be given. */
  readonly doNotPerform?: boolean;
}

/** MedicationRequest/MedicationStatement status → the snapshot's; `skip` for what was never taken or is an error. */
const STATUS: Readonly<Record<string, SnapshotMedication["status"] | "skip" | "unknown">> = {
  active: "active",
  completed: "stopped",
  stopped: "stopped",
  "on-hold": "unknown",
  unknown: "unknown",
  cancelled: "skip",
  "entered-in-error": "skip",
  draft: "skip",
  intended: "skip",
  "not-taken": "skip",
};

/**
 * One snapshot medication from an order or statement, with notes on what could not be read
 * (a daily dose that cannot be computed, a status that says nothing). Undefined (with a note)
 * for an order never in effect (draft, cancelled, entered in error, not taken).
 */
export function medicationOf(m: MedicationSource, knowledge: Knowledge, notes: Issue[], draftsActive = false): SnapshotMedication | undefined {
  if (m.doNotPerform === true) {
    notes.push({ path: `${m.path}.doNotPerform`, code: "not_in_effect", message: `${m.resourceType} asks for ${describe(m.concept)} not to be given: not a medication taken` });
    return undefined;
  }
  const status = m.status === undefined ? "unknown" : draftsActive && m.status === "draft" ? "active" : STATUS[m.status];
  if (status === "skip") {
    notes.push({ path: `${m.path}.status`, code: "not_in_effect", message: `${m.resourceType} with status "${m.status}" was not used: not a medication taken` });
    return undefined;
  }
  if (m.concept === undefined) {
    notes.push({ path: m.path, code: "no_medication", message: `${m.resourceType} names no medication (no medicationCodeableConcept, or a medicationReference not found in the bundle): not used` });
    return undefined;
  }
  const rxnorm = codingsIn(m.concept, SYSTEMS.rxnorm);
  const rxcui = rxnorm.map((c) => (c.code ?? "").trim()).find((c) => /^\d{1,10}$/.test(c));
  // The ingredient's own RxCUI when the tables know it; else the words, which name the ingredient
  // of a clinical drug ("<ingredient> 50 MG Oral Tablet") too.
  const name = rxnorm.find((c) => c.code !== undefined && knowledge.rxcuis.has(c.code.trim()))?.display ?? m.concept.text ?? rxnorm[0]?.display ?? m.concept.coding?.find((c) => c.display !== undefined)?.display;
  if (name === undefined && rxcui === undefined) {
    notes.push({ path: m.path, code: "unmapped_code", message: `${m.resourceType} medication ${describe(m.concept)} has no RxNorm code and no name: not used` });
    return undefined;
  }
  const med: SnapshotMedication = {
    ...(name !== undefined ? { name: name.trim().slice(0, 200) } : {}),
    ...(rxcui !== undefined ? { rxcui } : {}),
  };
  const dose = dailyDose(m.dosage, unitStrengthMg(m.concept.text ?? rxnorm[0]?.display, knowledge.doses), knowledge.doses);
  if ("mg" in dose) med.dailyDoseMg = dose.mg;
  else if (status !== "stopped") notes.push({ path: m.path, code: "dose_unknown", message: `daily dose of ${name ?? `rxcui ${rxcui}`} unknown: ${dose.unknown}` });
  const start = calendarDateOf(m.start);
  if (start !== undefined) med.startDate = start;
  else if (m.start !== undefined) notes.push({ path: m.path, code: "partial_date", message: `start "${m.start}" of ${name ?? `rxcui ${rxcui}`} is not a full date: start unknown` });
  if (status === "active" || status === "stopped") med.status = status;
  else notes.push({ path: `${m.path}.status`, code: "status_unknown", message: `${m.resourceType} status "${m.status ?? "(none)"}": taken as current, as a medication without a status is` });
  const end = calendarDateOf(m.end);
  if (status === "stopped" && end !== undefined && (start === undefined || end >= start)) med.stoppedDate = end;
  else if (status === "stopped" && m.end !== undefined) {
    const why = end === undefined ? "is not a full date" : `is before its start ${start ?? ""}`;
    notes.push({ path: m.path, code: "stop_unknown", message: `end "${m.end}" of ${name ?? `rxcui ${rxcui}`} ${why}: stop date unknown` });
  }
  return med;
}
