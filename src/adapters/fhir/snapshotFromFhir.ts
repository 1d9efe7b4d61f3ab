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
  const fullUrls = new Map<Record<string, unknown>, string>();
  // A history bundle lists the versions of each resource, newest first (FHIR R4 Bundle.type):
  // only the newest version of each is the resource's present state.
  const history = parsed.data["type"] === "history";
  const versions = new Set<string>();
  (parsed.data.entry ?? []).forEach((e, i) => {
    if (e.resource === undefined) return;
    if (history && e.resource.id !== undefined) {
      const key = `${e.resource.resourceType}/${e.resource.id}`;
      if (versions.has(key)) {
        notes.push({ path: `entry[${i}].resource`, code: "older_version", message: `an older version of ${key} in a history bundle: not used` });
        return;
      }
      versions.add(key);
    }
    entries.push({ path: `entry[${i}].resource`, resource: e.resource as Record<string, unknown> });
    if (e.fullUrl !== undefined) fullUrls.set(e.resource as Record<string, unknown>, e.fullUrl);
  });
  const day = asOf ?? calendarDateOf(parsed.data.timestamp);
  if (day === undefined || dayNumber(day) === undefined) {
    issues.push(
      asOf !== undefined
        ? { path: "asOf", code: "invalid_date", message: `asOf "${asOf}" is not a calendar date YYYY-MM-DD` }
        : parsed.data.timestamp !== undefined
          ? { path: "timestamp", code: "no_as_of", message: `the bundle's timestamp "${parsed.data.timestamp.slice(0, 40)}" is not a calendar date to evaluate it as of: give the evaluation date (asOf, --as-of YYYY-MM-DD)` }
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
  const patientUrl = patientEntry !== undefined ? fullUrls.get(patientEntry.resource) : undefined;
  // A Patient of a document bundle may have no id: its entry's fullUrl (urn:uuid:…) is its identity.
  let id = patient?.id?.trim();
  if (patient !== undefined && (id === undefined || id === "")) {
    if (patientUrl !== undefined && patientUrl.trim() !== "") {
      id = patientUrl.trim();
      notes.push({ path: `${patientEntry?.path ?? "entry"}.id`, code: "patient_id_from_full_url", message: `the Patient has no id: identified by its entry's fullUrl ${id}` });
    } else issues.push({ path: `${patientEntry?.path ?? "entry"}.id`, code: "no_patient_id", message: "the Patient has no id, and its entry no fullUrl" });
  }
  const deceased = patientEntry?.resource["deceasedDateTime"] ?? patientEntry?.resource["deceasedBoolean"];
  if (deceased !== undefined && deceased !== false) {
    notes.push({ path: `${patientEntry?.path ?? "entry"}.deceased`, code: "deceased", message: `the Patient is recorded as deceased (${String(deceased)}): evaluated all the same` });
  }

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
    else notes.push({ path: `${patientEntry?.path}.birthDate`, code: "partial_date", message: `birthDate "${patient.birthDate.slice(0, 40)}" is not a full calendar date: age unknown` });
  }

  // Resources whose subject is another patient are not this patient's data.
  if (patientEntry !== undefined) {
    const self = selfReferences(patient?.id?.trim(), patientUrl);
    for (const [type, list] of byType) {
      if (type === "Patient") continue;
      byType.set(
        type,
        list.filter((e) => {
          const ref = subjectReference(e.resource);
          if (ref === undefined || self.has(ref.replace(/\/_history\/[^/]+$/, "")) || self.has(ref.replace(/^.*\/(Patient\/[^/]+)(\/_history\/[^/]+)?$/, "$1"))) return true;
          notes.push({ path: `${e.path}.subject`, code: "other_patient", message: `${type} about ${ref}, not this bundle's Patient: not used` });
          return false;
        }),
      );
    }
  }
  const kept = new Set([...byType.values()].flat());

  const conditions = of("Condition");
  if (conditions.length > 0) {
    const { diagnoses, noneKnown } = diagnosesOf(conditions, ctx);
    if (diagnoses.length > 0 || noneKnown) snapshot["diagnoses"] = diagnoses;
  }

  const orders = entries.filter((e) => kept.has(e) && (e.resource["resourceType"] === "MedicationRequest" || e.resource["resourceType"] === "MedicationStatement"));
  if (orders.length > 0) {
    const { medications, noneKnown } = medicationsOf(orders, parsed.data.entry ?? [], ctx, draftsActive);
    if (medications.length > 0 || noneKnown) snapshot["medications"] = medications;
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

/** The references that name this bundle's Patient: `Patient/<id>`, and its entry's fullUrl. */
function selfReferences(id: string | undefined, fullUrl: string | undefined): Set<string> {
  const self = new Set<string>();
  if (id !== undefined && id !== "") self.add(`Patient/${id}`);
  if (fullUrl !== undefined) {
    self.add(fullUrl);
    const tail = /(Patient\/[^/]+)$/.exec(fullUrl)?.[1];
    if (tail !== undefined) self.add(tail);
  }
  return self;
}

/** `subject.reference` (or `patient.reference`) of a resource, when it names a Patient or a URN. */
function subjectReference(resource: Record<string, unknown>): string | undefined {
  for (const key of ["subject", "patient"]) {
    const value = resource[key];
    if (typeof value !== "object" || value === null) continue;
    const ref = (value as Record<string, unknown>)["reference"];
    if (typeof ref === "string" && ref.trim() !== "" && !ref.startsWith("#") && (/(^|\/)Patient\//.test(ref) || ref.startsWith("urn:"))) return ref.trim();
  }
  return undefined;
}
