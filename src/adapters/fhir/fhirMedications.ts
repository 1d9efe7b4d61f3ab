import type { Issue } from "../../core/issue.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import { normalizeDrugName } from "../../snapshot/normalizeDrugName.js";
import type { SnapshotMedication } from "../../snapshot/schema.js";
import { parseResource, type Entry, type ImportContext } from "./fhirEntry.js";
import { medicationOf, type MedicationSource } from "./fhirMedication.js";
import { MedicationRequestSchema, MedicationResourceSchema, MedicationStatementSchema, type CodeableConcept, type Dosage } from "./fhirSchema.js";
import { calendarDateOf, codingsIn, SYSTEMS } from "./fhirValues.js";

/**
 * Medications from MedicationRequest and MedicationStatement resources (`orders`, in bundle order),
 * with the Medication resources they reference, in the bundle (by `Medication/id` or full URL) or
 * contained (`#id`). Items starting after the evaluation date are left out; a stop after it leaves
 * the medication current; see `currentOnly` for orders of a drug that has a current one.
 * `noneKnown`: the bundle says the patient takes no medication (IPS absent-unknown code), and lists none.
 */
export function medicationsOf(
  orders: readonly Entry[],
  bundleEntries: readonly { readonly fullUrl?: string | undefined; readonly resource?: { readonly resourceType: string } | undefined }[],
  ctx: ImportContext,
  draftsActive: boolean,
): { medications: SnapshotMedication[]; noneKnown: boolean } {
  const medicationResources = new Map<string, CodeableConcept | undefined>();
  bundleEntries.forEach((en, i) => {
    if (en.resource?.resourceType !== "Medication") return;
    const m = parseResource(MedicationResourceSchema, { path: `entry[${i}].resource`, resource: en.resource }, ctx.issues);
    if (m === undefined) return;
    const code = medicationCode(m);
    if (m.id !== undefined) medicationResources.set(`Medication/${m.id}`, code);
    if (en.fullUrl !== undefined) medicationResources.set(en.fullUrl, code);
  });
  const conceptOf = (resource: Record<string, unknown>, concept: CodeableConcept | undefined, ref: string | undefined) => {
    if (concept !== undefined || ref === undefined) return concept;
    if (ref.startsWith("#")) {
      const contained = Array.isArray(resource["contained"]) ? (resource["contained"] as unknown[]) : [];
      for (const c of contained) {
        const m = MedicationResourceSchema.safeParse(c);
        if (m.success && m.data.id === ref.slice(1)) return medicationCode(m.data);
      }
      return undefined;
    }
    // A version-specific reference (Medication/x/_history/2) names the Medication x.
    const unversioned = ref.replace(/\/_history\/[^/]+$/, "");
    return medicationResources.get(unversioned) ?? medicationResources.get(unversioned.replace(/^.*\/(Medication\/[^/]+)$/, "$1"));
  };
  const medications: SnapshotMedication[] = [];
  const read: { med: SnapshotMedication; path: string }[] = [];
  let noneKnown = false;
  for (const e of orders) {
    let source: MedicationSource | undefined;
    if (e.resource["resourceType"] === "MedicationRequest") {
      const m = parseResource(MedicationRequestSchema, e, ctx.issues);
      if (m !== undefined) {
        if (m.intent === "proposal" || m.intent === "option") {
          ctx.notes.push({ path: `${e.path}.intent`, code: "not_in_effect", message: `MedicationRequest with intent "${m.intent}" was not used: a suggestion, not an order` });
          continue;
        }
        source = {
          path: e.path, resourceType: "MedicationRequest", status: m.status, concept: conceptOf(e.resource, m.medicationCodeableConcept, m.medicationReference?.reference),
          start: m.authoredOn, end: boundsEnd(m.dosageInstruction), dosage: m.dosageInstruction, ...(m.doNotPerform !== undefined ? { doNotPerform: m.doNotPerform } : {}),
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
    const absent = codingsIn(source.concept, SYSTEMS.ipsAbsentUnknown)[0]?.code;
    if (absent !== undefined) {
      // IPS "no known medications" (the list is empty) or "no information about medications" (unknown): not a medication.
      if (absent === "no-known-medications") noneKnown = true;
      ctx.notes.push({ path: e.path, code: "absent_or_unknown", message: `${source.resourceType} "${absent}" (IPS absent-unknown code): ${absent === "no-known-medications" ? "no known medications" : "not a medication"}` });
      continue;
    }
    const med = medicationOf(source, ctx.knowledge, ctx.notes, draftsActive);
    if (med === undefined) continue;
    if (draftsActive && source.status === "draft" && med.startDate === undefined && ctx.day !== undefined) {
      // An order being signed starts now.
      med.startDate = ctx.day;
      ctx.notes.push({ path: e.path, code: "draft_start", message: `draft order of ${med.name ?? med.rxcui} has no authoredOn: taken as starting ${ctx.day}` });
    }
    const end = calendarDateOf(source.end);
    if (med.status !== "stopped" && end !== undefined && ctx.day !== undefined && end < ctx.day && (med.startDate === undefined || end >= med.startDate)) {
      const what = source.resourceType === "MedicationStatement" ? "its effective period" : "the dosing period of each of its dosage lines";
      ctx.notes.push({ path: e.path, code: "ended", message: `${med.name ?? med.rxcui} is "${source.status ?? "(no status)"}" but ${what} ended ${end}: taken as stopped on ${end}` });
      med.status = "stopped";
      med.stoppedDate = end;
    }
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
  return { medications, noneKnown: noneKnown && medications.length === 0 };
}

/**
 * A Medication's code; without one, its ingredients: one ingredient's concept, or several named
 * together ("<a> / <b>"), which the drug name matcher reads as a combination product.
 */
function medicationCode(m: { readonly code?: CodeableConcept | undefined; readonly ingredient?: readonly { readonly itemCodeableConcept?: CodeableConcept | undefined }[] | undefined }): CodeableConcept | undefined {
  if (m.code !== undefined) return m.code;
  const items = (m.ingredient ?? []).map((i) => i.itemCodeableConcept).filter((c): c is CodeableConcept => c !== undefined);
  if (items.length <= 1) return items[0];
  const names = items.map((c) => c.text ?? c.coding?.find((x) => x.display !== undefined)?.display).filter((n): n is string => n !== undefined);
  return names.length === items.length ? { text: names.join(" / ") } : undefined;
}

/** The end of the dosing period when every dosage line has one (the latest), else undefined. */
function boundsEnd(dosages: readonly Dosage[] | undefined): string | undefined {
  const ends = (dosages ?? []).map((d) => d.timing?.repeat?.boundsPeriod?.end);
  if (ends.length === 0 || ends.some((x) => x === undefined)) return undefined;
  return (ends as string[]).sort().at(-1);
}

/**
 * Orders of a drug that also has a current order: an ended order of it is a renewal or a dose
 * change, not the drug stopped, and is left out with a note; several current orders of it are kept
 * with an unknown daily dose (split strengths add up, but one may replace another), with a note.
 */
function currentOnly(read: readonly { med: SnapshotMedication; path: string }[], knowledge: Knowledge, notes: Issue[]): { med: SnapshotMedication; path: string }[] {
  const drug = (m: SnapshotMedication) => (m.name !== undefined ? (normalizeDrugName(m.name, knowledge).canonical ?? m.name.toLowerCase()) : `rxcui:${m.rxcui ?? ""}`);
  const current = new Map<string, string[]>();
  for (const { med, path } of read) if (med.status !== "stopped") current.set(drug(med), [...(current.get(drug(med)) ?? []), path]);
  for (const [name, paths] of current) {
    if (paths.length < 2) continue;
    // Split strengths add up, but one order may also replace another that was never closed: the total is unknown.
    for (const { med } of read) if (med.status !== "stopped" && drug(med) === name) delete med.dailyDoseMg;
    notes.push({ path: paths[1] ?? "", code: "several_current_orders", message: `${paths.length} current orders of ${name} (${paths.join(", ")}): taken together, at an unknown total daily dose (split strengths add up, but one may replace another)` });
  }
  return read.filter(({ med, path }) => {
    if (med.status !== "stopped" || !current.has(drug(med))) return true;
    notes.push({ path, code: "superseded", message: `an ended order of ${drug(med)}, which has a current order: a renewal or dose change, not the drug stopped: not used` });
    return false;
  });
}
