import type { Issue } from "../../core/issue.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import { normalizeDrugName } from "../../snapshot/normalizeDrugName.js";
import type { SnapshotMedication } from "../../snapshot/schema.js";
import { parseResource, type Entry, type ImportContext } from "./fhirEntry.js";
import { medicationOf, type MedicationSource } from "./fhirMedication.js";
import { MedicationRequestSchema, MedicationResourceSchema, MedicationStatementSchema, type CodeableConcept } from "./fhirSchema.js";

/**
 * Medications from MedicationRequest and MedicationStatement resources (`orders`, in bundle order),
 * with the Medication resources they reference, in the bundle (by `Medication/id` or full URL) or
 * contained (`#id`). Items starting after the evaluation date are left out; a stop after it leaves
 * the medication current; see `currentOnly` for orders of a drug that has a current one.
 */
export function medicationsOf(
  orders: readonly Entry[],
  bundleEntries: readonly { readonly fullUrl?: string | undefined; readonly resource?: { readonly resourceType: string } | undefined }[],
  ctx: ImportContext,
  draftsActive: boolean,
): SnapshotMedication[] {
  const medicationResources = new Map<string, CodeableConcept | undefined>();
  bundleEntries.forEach((en, i) => {
    if (en.resource?.resourceType !== "Medication") return;
    const m = parseResource(MedicationResourceSchema, { path: `entry[${i}].resource`, resource: en.resource }, ctx.issues);
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
  const medications: SnapshotMedication[] = [];
  const read: { med: SnapshotMedication; path: string }[] = [];
  for (const e of orders) {
    let source: MedicationSource | undefined;
    if (e.resource["resourceType"] === "MedicationRequest") {
      const m = parseResource(MedicationRequestSchema, e, ctx.issues);
      if (m !== undefined) {
        source = {
          path: e.path, resourceType: "MedicationRequest", status: m.status, concept: conceptOf(e.resource, m.medicationCodeableConcept, m.medicationReference?.reference),
          start: m.authoredOn, end: undefined, dosage: m.dosageInstruction, ...(m.doNotPerform !== undefined ? { doNotPerform: m.doNotPerform } : {}),
        };
      }
    } else {
      const m = parseResource(MedicationStatementSchema, e, ctx.issues);
      if (m !== undefined) {
        source = {
          path: e.path, resourceType: "MedicationStatement", status: m.status, concept: conceptOf(e.resource, m.medicationCodeableConcept, m.medicationReference?.reference),
          start: m.effectivePeriod?.start ?? m.effectiveDateTime, end: m.effectivePeriod?.end, dosage: m.dosage,
        };
      }
    }
    if (source === undefined) continue;
    const med = medicationOf(source, ctx.knowledge, ctx.notes, draftsActive);
    if (med === undefined) continue;
    if (ctx.day !== undefined && med.startDate !== undefined && med.startDate > ctx.day) {
      ctx.notes.push({ path: e.path, code: "after_as_of", message: `${med.name ?? med.rxcui} starts ${med.startDate}, after ${ctx.day}: not used` });
      continue;
    }
    if (ctx.day !== undefined && typeof med.stoppedDate === "string" && med.stoppedDate > ctx.day) {
      ctx.notes.push({ path: e.path, code: "after_as_of", message: `${med.name ?? med.rxcui} stops ${med.stoppedDate}, after ${ctx.day}: taken as current on ${ctx.day}` });
      delete med.stoppedDate;
      med.status = "active";
    }
    read.push({ med, path: e.path });
  }
  for (const { med, path } of currentOnly(read, ctx.knowledge, ctx.notes)) {
    ctx.origins[`medications[${medications.length}]`] = path;
    medications.push(med);
  }
  return medications;
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
