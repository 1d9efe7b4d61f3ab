import type { z } from "zod";
import { dayNumber } from "../../core/calendarDate.js";
import type { Issue, Result } from "../../core/issue.js";
import { fromZodIssues } from "../../core/zodIssues.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import { normalizeDrugName } from "../../snapshot/normalizeDrugName.js";
import type { PatientSnapshot, SnapshotLab, SnapshotMedication, SnapshotScore } from "../../snapshot/schema.js";
import { medicationOf, type MedicationSource } from "./fhirMedication.js";
import { readingsOf, UnmappedCodes, type Reading } from "./fhirObservation.js";
import {
  BundleSchema,
  ConditionSchema,
  MedicationRequestSchema,
  MedicationResourceSchema,
  MedicationStatementSchema,
  ObservationSchema,
  PatientSchema,
  type CodeableConcept,
} from "./fhirSchema.js";
import { calendarDateOf, codingsIn, describe, hasCode, SYSTEMS } from "./fhirValues.js";

/** A snapshot read from a FHIR R4 Bundle, with what was left out and where each item came from. */
export interface FhirImport {
  readonly snapshot: PatientSnapshot;
  /** Parts of the bundle not used, or used in part, each with its path in the bundle and why. */
  readonly notes: readonly Issue[];
  /** The bundle path each list item of the snapshot was read from: `labs[3]` → `entry[7].resource`. */
  readonly origins: Readonly<Record<string, string>>;
}

type Entry = { readonly path: string; readonly resource: Record<string, unknown> };

const GENDERS = new Set(["female", "male", "other", "unknown"]);
/** The resource types the import reads. */
const READ = new Set(["Patient", "Condition", "Medication", "MedicationRequest", "MedicationStatement", "Observation"]);

/** Parses a resource with its schema; issues at the resource's path in the bundle. */
function parse<T>(schema: z.ZodType<T>, e: Entry, issues: Issue[]): T | undefined {
  const r = schema.safeParse(e.resource, { reportInput: true });
  if (r.success) return r.data;
  for (const i of fromZodIssues(r.error.issues)) issues.push({ ...i, path: i.path === "$" ? e.path : `${e.path}.${i.path}` });
  return undefined;
}

/**
 * Reads one patient's FHIR R4 Bundle (any type: collection, searchset, document, transaction)
 * into a snapshot: Patient (id, gender, birth date), Condition (ICD-10-CM and SNOMED CT codes;
 * resolved, inactive, refuted and entered-in-error ones left out), MedicationRequest and
 * MedicationStatement (RxNorm code and name, status, start and stop dates, daily dose from the
 * dosage in mg), Observation (labs, vital signs and scale scores the tables know by LOINC; a
 * panel's components too). Never throws: malformed resources are issues named by their path in
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
  const patient = patientEntry !== undefined ? parse(PatientSchema, patientEntry, issues) : undefined;
  const id = patient?.id?.trim();
  if (patient !== undefined && (id === undefined || id === "")) issues.push({ path: `${patientEntry?.path ?? "entry"}.id`, code: "no_patient_id", message: "the Patient has no id" });

  const origins: Record<string, string> = {};
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

  // Conditions.
  const conditions = of("Condition");
  if (conditions.length > 0) {
    const diagnoses: { code: string; system: string; display?: string }[] = [];
    for (const e of conditions) {
      const c = parse(ConditionSchema, e, issues);
      if (c === undefined) continue;
      const refuted = hasCode(c.verificationStatus, ["refuted", "entered-in-error"]);
      if (refuted || hasCode(c.clinicalStatus, ["inactive", "resolved"])) {
        const status = (refuted ? c.verificationStatus : c.clinicalStatus)?.coding?.find((k) => k.code !== undefined)?.code;
        notes.push({ path: e.path, code: "not_current", message: `Condition ${describe(c.code)} has ${refuted ? "verification" : "clinical"} status ${status}: not used` });
        continue;
      }
      // An ICD-10 coding places the condition in the tables' groups; a SNOMED CT coding of the same
      // condition beside it adds nothing, and is used only when there is no ICD-10 one.
      const icd = [...codingsIn(c.code, SYSTEMS.icd10cm).map((k) => ({ k, system: "ICD-10-CM" })), ...codingsIn(c.code, SYSTEMS.icd10).map((k) => ({ k, system: "ICD-10" }))];
      let coded = icd.length > 0 ? icd : codingsIn(c.code, SYSTEMS.snomed).map((k) => ({ k, system: "SNOMED CT" }));
      if (coded.length === 0) {
        // Another code system, or words only: still a diagnosis the patient has. Kept in its own
        // system, it leaves the condition groups it might fall in unknown, never "none".
        const other = c.code?.coding?.find((k) => k.code !== undefined && k.code.trim() !== "");
        const text = c.code?.text?.trim();
        if (other !== undefined) coded = [{ k: other, system: (other.system ?? "unknown system").slice(0, 64) }];
        else if (text !== undefined && text !== "") coded = [{ k: { code: text, display: text }, system: "text" }];
        notes.push({
          path: `${e.path}.code`,
          code: coded.length > 0 ? "uncoded_condition" : "no_code",
          message: coded.length > 0
            ? `Condition ${describe(c.code)} has no ICD-10 or SNOMED CT code: kept as a diagnosis in ${coded[0]?.system}, so the condition groups it might fall in are unknown`
            : "Condition without a code or text: not used",
        });
      }
      for (const { k, system } of coded) {
        origins[`diagnoses[${diagnoses.length}]`] = e.path;
        diagnoses.push({ code: (k.code ?? "").trim().slice(0, 64), system, ...(k.display !== undefined ? { display: k.display.slice(0, 500) } : {}) });
      }
    }
    if (diagnoses.length > 0) snapshot["diagnoses"] = diagnoses;
  }

  // Medications: orders and statements, with Medication resources (in the bundle or contained) they reference.
  const medicationResources = new Map<string, CodeableConcept | undefined>();
  (parsed.data.entry ?? []).forEach((en, i) => {
    if (en.resource?.resourceType !== "Medication") return;
    const m = parse(MedicationResourceSchema, { path: `entry[${i}].resource`, resource: en.resource }, issues);
    if (m === undefined) return;
    if (m.id !== undefined) medicationResources.set(`Medication/${m.id}`, m.code);
    if (en.fullUrl !== undefined) medicationResources.set(en.fullUrl, m.code);
  });
  const conceptOf = (resource: Record<string, unknown>, concept: CodeableConcept | undefined, ref: string | undefined) => {
    if (concept !== undefined || ref === undefined) return concept;
    if (ref.startsWith("#")) {
      const contained = Array.isArray(resource["contained"]) ? (resource["contained"] as unknown[]) : [];
      for (const c of contained) {
        const m = MedicationResourceSchema.safeParse(c);
        if (m.success && m.data.id === ref.slice(1)) return m.data.code;
      }
      return undefined;
    }
    return medicationResources.get(ref) ?? medicationResources.get(ref.replace(/^.*\/(Medication\/[^/]+)$/, "$1"));
  };
  const orders = [...of("MedicationRequest"), ...of("MedicationStatement")];
  if (orders.length > 0) {
    const medications: SnapshotMedication[] = [];
    const read: { med: SnapshotMedication; path: string }[] = [];
    for (const e of entries.filter((x) => orders.includes(x))) {
      let source: MedicationSource | undefined;
      if (e.resource["resourceType"] === "MedicationRequest") {
        const m = parse(MedicationRequestSchema, e, issues);
        if (m !== undefined) {
          source = {
            path: e.path, resourceType: "MedicationRequest", status: m.status, concept: conceptOf(e.resource, m.medicationCodeableConcept, m.medicationReference?.reference),
            start: m.authoredOn, end: undefined, dosage: m.dosageInstruction, ...(m.doNotPerform !== undefined ? { doNotPerform: m.doNotPerform } : {}),
          };
        }
      } else {
        const m = parse(MedicationStatementSchema, e, issues);
        if (m !== undefined) {
          source = {
            path: e.path, resourceType: "MedicationStatement", status: m.status, concept: conceptOf(e.resource, m.medicationCodeableConcept, m.medicationReference?.reference),
            start: m.effectivePeriod?.start ?? m.effectiveDateTime, end: m.effectivePeriod?.end, dosage: m.dosage,
          };
        }
      }
      if (source === undefined) continue;
      const med = medicationOf(source, knowledge, notes, draftsActive);
      if (med === undefined) continue;
      if (day !== undefined && med.startDate !== undefined && med.startDate > day) {
        notes.push({ path: e.path, code: "after_as_of", message: `${med.name ?? med.rxcui} starts ${med.startDate}, after ${day}: not used` });
        continue;
      }
      if (day !== undefined && typeof med.stoppedDate === "string" && med.stoppedDate > day) {
        notes.push({ path: e.path, code: "after_as_of", message: `${med.name ?? med.rxcui} stops ${med.stoppedDate}, after ${day}: taken as current on ${day}` });
        delete med.stoppedDate;
        med.status = "active";
      }
      read.push({ med, path: e.path });
    }
    for (const { med, path } of currentOnly(read, knowledge, notes)) {
      origins[`medications[${medications.length}]`] = path;
      medications.push(med);
    }
    if (medications.length > 0) snapshot["medications"] = medications;
  }

  // Observations: labs and scale scores.
  const observations = of("Observation");
  if (observations.length > 0) {
    const unmapped = new UnmappedCodes();
    const readings: Reading[] = [];
    for (const e of observations) {
      const o = parse(ObservationSchema, e, issues);
      if (o !== undefined) readings.push(...readingsOf(o, e.path, knowledge, notes, unmapped));
    }
    notes.push(...unmapped.notes());
    const kept = readings.filter((r) => {
      if (day === undefined || r.date <= day) return true;
      notes.push({ path: r.path, code: "after_as_of", message: `${r.target.name} of ${r.date}, after ${day}: not used` });
      return false;
    });
    const labs: SnapshotLab[] = [];
    for (const r of kept) {
      if (r.target.kind !== "lab") continue;
      if (r.unit === undefined) {
        notes.push({ path: r.path, code: "no_unit", message: `${r.target.name} ${r.value} has no unit: not used` });
        continue;
      }
      const units = knowledge.labs.get(r.target.name)?.units;
      if (units !== undefined && !units.has(r.unit.toLowerCase())) {
        // Not converted by guess: the tables list each accepted unit and its exact factor.
        const accepted = [...new Set([...units.values()].map((u) => u.unit))].join(", ");
        notes.push({ path: r.path, code: "unit_not_accepted", message: `${r.target.name} ${r.value} ${r.unit}: not a unit the labs table accepts for it (${accepted}): not used` });
        continue;
      }
      origins[`labs[${labs.length}]`] = r.path;
      labs.push({ test: r.target.name, value: r.value, unit: r.unit, date: r.date });
    }
    const scores = scoresOf(kept, knowledge, notes, origins);
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

/**
 * Scale scores from total and item readings: a panel's readings are one administration; separate
 * Observations are joined by scale and date, a second total or item of the same scale and date
 * starting another administration.
 */
function scoresOf(readings: readonly Reading[], knowledge: Knowledge, notes: Issue[], origins: Record<string, string>): SnapshotScore[] {
  type Group = { name: string; date: string; total?: Reading; items: Map<number, Reading> };
  const all: Group[] = [];
  const open = new Map<string, Group>();
  for (const r of readings) {
    if (r.target.kind === "lab") continue;
    const key = `${r.target.name}\u0000${r.date}\u0000${r.panel ?? ""}`;
    let g = open.get(key);
    const taken = g !== undefined && (r.target.kind === "total" ? g.total !== undefined : g.items.has(r.target.item));
    if (g === undefined || taken) {
      g = { name: r.target.name, date: r.date, items: new Map() };
      all.push(g);
      open.set(key, g);
    }
    if (r.target.kind === "total") g.total = r;
    else g.items.set(r.target.item, r);
  }
  const scores: SnapshotScore[] = [];
  for (const g of all) {
    const count = knowledge.instruments.get(g.name)?.itemCount ?? 0;
    const items = g.items.size === count ? Array.from({ length: count }, (_, i) => g.items.get(i + 1)?.value ?? 0) : undefined;
    const first = g.total ?? [...g.items.values()][0];
    if (items === undefined && g.items.size > 0) {
      const which = [...g.items.keys()].sort((a, b) => a - b).join(", ");
      notes.push({
        path: first?.path ?? "entry",
        code: "partial_items",
        message: `${g.name} of ${g.date}: item${g.items.size > 1 ? "s" : ""} ${which} of ${count} only; a score takes all its items${g.total !== undefined ? ": the total is used without them" : ": not used"}`,
      });
    }
    if (g.total === undefined && items === undefined) continue;
    origins[`scores[${scores.length}]`] = first?.path ?? "entry";
    scores.push({ instrument: g.name, date: g.date, ...(g.total !== undefined ? { total: g.total.value } : {}), ...(items !== undefined ? { items } : {}) });
  }
  return scores;
}

/**
 * Orders of a drug that also has a current order: an ended order of it is a renewal or a dose
 * change, not the drug stopped, and is left out with a note; several current orders of it are kept
 * as listed (their doses are not added: one may replace another) with a note.
 */
function currentOnly(read: readonly { med: SnapshotMedication; path: string }[], knowledge: Knowledge, notes: Issue[]): { med: SnapshotMedication; path: string }[] {
  const drug = (m: SnapshotMedication) => (m.name !== undefined ? (normalizeDrugName(m.name, knowledge).canonical ?? m.name.toLowerCase()) : `rxcui:${m.rxcui ?? ""}`);
  const current = new Map<string, string[]>();
  for (const { med, path } of read) if (med.status !== "stopped") current.set(drug(med), [...(current.get(drug(med)) ?? []), path]);
  for (const [name, paths] of current) {
    if (paths.length > 1) notes.push({ path: paths[1] ?? "", code: "several_current_orders", message: `${paths.length} current orders of ${name} (${paths.join(", ")}): each is evaluated as listed, their doses are not added` });
  }
  return read.filter(({ med, path }) => {
    if (med.status !== "stopped" || !current.has(drug(med))) return true;
    notes.push({ path, code: "superseded", message: `an ended order of ${drug(med)}, which has a current order: a renewal or dose change, not the drug stopped: not used` });
    return false;
  });
}
