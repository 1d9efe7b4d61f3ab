import { dayNumber } from "../../core/calendarDate.js";
import type { Issue, Result } from "../../core/issue.js";
import { fromZodIssues } from "../../core/zodIssues.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import type { PatientSnapshot } from "../../snapshot/schema.js";
import { diagnosesOf } from "./fhirConditions.js";
import { parseResource, type Entry, type ImportContext } from "./fhirEntry.js";
import { medicationsOf } from "./fhirMedications.js";
import { labsAndScoresOf } from "./fhirObservations.js";
import { BundleSchema, PatientSchema } from "./fhirSchema.js";
import { calendarDateOf } from "./fhirValues.js";

/** A snapshot read from a FHIR R4 Bundle, with what was left out and where each item came from. */
export interface FhirImport {
  readonly snapshot: PatientSnapshot;
  /** Parts of the bundle not used, or used in part, each with its path in the bundle and why. */
  readonly notes: readonly Issue[];
  /** The bundle path each list item of the snapshot was read from: `labs[3]` → `entry[7].resource`. */
  readonly origins: Readonly<Record<string, string>>;
}

const GENDERS = new Set(["female", "male", "other", "unknown"]);
/** The resource types the import reads. */
const READ = new Set(["Patient", "Condition", "Medication", "MedicationRequest", "MedicationStatement", "Observation"]);

/**
 * Reads one patient's FHIR R4 Bundle (any type: collection, searchset, document, transaction)
 * into a snapshot: Patient (id, gender, birth date), Condition (`fhirConditions`), MedicationRequest and
 * MedicationStatement (`fhirMedications`), Observation (labs, vital signs and scale scores the
 * tables know by LOINC, a panel's components too: `fhirObservations`). Never throws: malformed resources are issues named by their path in
 * the bundle; what is well formed but cannot be used is a note, never a silent omission. A list
 * is given only when the bundle yields an item of it: none means unknown, not "none".
 *
 * `asOf` (YYYY-MM-DD): the evaluation date; the bundle's `timestamp` date when omitted. Items
 * dated after it are left out with a note. `draftsActive`: draft MedicationRequests are orders
 * about to be signed (CDS Hooks order-select, order-sign) and are evaluated as active.
 */
export function snapshotFromFhir(bundle: unknown, knowledge: Knowledge, asOf?: string, draftsActive = false): Result<FhirImport> {
  const issues: Issue[] = [];
  const parsed = BundleSchema.safeParse(bundle, { reportInput: true });
  if (!parsed.success) {
    const shape = typeof bundle === "object" && bundle !== null && !Array.isArray(bundle) ? "" : " (expected a FHIR Bundle: a JSON object with \"resourceType\": \"Bundle\")";
    return { success: false, issues: fromZodIssues(parsed.error.issues).map((i) => ({ ...i, message: `${i.message}${shape}` })) };
  }
  const notes: Issue[] = [];
  const entries: Entry[] = [];
  (parsed.data.entry ?? []).forEach((e, i) => {
    if (e.resource !== undefined) entries.push({ path: `entry[${i}].resource`, resource: e.resource as Record<string, unknown> });
  });
  const day = asOf ?? calendarDateOf(parsed.data.timestamp);
  if (day === undefined || dayNumber(day) === undefined) {
    issues.push(
      asOf !== undefined
        ? { path: "asOf", code: "invalid_date", message: `asOf "${asOf}" is not a calendar date YYYY-MM-DD` }
        : { path: "timestamp", code: "no_as_of", message: "the bundle has no timestamp to evaluate it as of: give the evaluation date (asOf, --as-of YYYY-MM-DD)" },
    );
  }

  const byType = new Map<string, Entry[]>();
  for (const e of entries) {
    const type = String(e.resource["resourceType"]);
    const list = byType.get(type);
    if (list === undefined) byType.set(type, [e]);
    else list.push(e);
  }
  const of = (type: string) => byType.get(type) ?? [];

  // Patient: exactly one.
  const patients = of("Patient");
  if (patients.length !== 1) {
    issues.push({
      path: patients.length === 0 ? "entry" : (patients[1]?.path ?? "entry"),
      code: patients.length === 0 ? "no_patient" : "several_patients",
      message: patients.length === 0 ? "the bundle holds no Patient resource" : `the bundle holds ${patients.length} Patient resources: give one patient's bundle`,
    });
  }
  const patientEntry = patients[0];
  const patient = patientEntry !== undefined ? parseResource(PatientSchema, patientEntry, issues) : undefined;
  const id = patient?.id?.trim();
  if (patient !== undefined && (id === undefined || id === "")) issues.push({ path: `${patientEntry?.path ?? "entry"}.id`, code: "no_patient_id", message: "the Patient has no id" });

  const origins: Record<string, string> = {};
  const ctx: ImportContext = { knowledge, day, issues, notes, origins };
  const snapshot: Record<string, unknown> = { id: id ?? "", asOf: day ?? "" };
  if (patient?.gender !== undefined) {
    if (GENDERS.has(patient.gender)) snapshot["sex"] = patient.gender;
    else issues.push({ path: `${patientEntry?.path}.gender`, code: "invalid_value", message: `gender "${patient.gender}" is not one of female, male, other, unknown (FHIR R4 AdministrativeGender)` });
  }
  if (patient?.birthDate !== undefined) {
    const birth = calendarDateOf(patient.birthDate);
    if (birth !== undefined) snapshot["birthDate"] = birth;
    else notes.push({ path: `${patientEntry?.path}.birthDate`, code: "partial_date", message: `birthDate "${patient.birthDate}" is not a full date: age unknown` });
  }

  const conditions = of("Condition");
  if (conditions.length > 0) {
    const diagnoses = diagnosesOf(conditions, ctx);
    if (diagnoses.length > 0) snapshot["diagnoses"] = diagnoses;
  }

  const orders = entries.filter((e) => e.resource["resourceType"] === "MedicationRequest" || e.resource["resourceType"] === "MedicationStatement");
  if (orders.length > 0) {
    const medications = medicationsOf(orders, parsed.data.entry ?? [], ctx, draftsActive);
    if (medications.length > 0) snapshot["medications"] = medications;
  }

  const observations = of("Observation");
  if (observations.length > 0) {
    const { labs, scores } = labsAndScoresOf(observations, ctx);
    if (labs.length > 0) snapshot["labs"] = labs;
    if (scores.length > 0) snapshot["scores"] = scores;
  }

  const unread = [...byType].filter(([type]) => !READ.has(type)).sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : a > b ? 1 : 0));
  if (unread.length > 0) {
    notes.push({ path: "entry", code: "not_read", message: `resources psychrx does not read: ${unread.map(([type, list]) => `${list.length} ${type}`).join(", ")}` });
  }
  if (issues.length > 0) return { success: false, issues };
  return { success: true, data: { snapshot: snapshot as PatientSnapshot, notes, origins } };
}
