import type { Issue } from "../../core/issue.js";
import type { Knowledge, LoincTarget } from "../../knowledge/knowledge.js";
import type { CodeableConcept, Observation, Quantity } from "./fhirSchema.js";
import { calendarDateOf, codesIn, describe, SYSTEMS } from "./fhirValues.js";

/** One value an Observation (or one of its components) reports, for a lab or a scale. */
export interface Reading {
  readonly target: LoincTarget;
  readonly value: number;
  /** The unit as written: the UCUM code when the quantity has one, else its unit text. */
  readonly unit?: string;
  readonly date: string;
  readonly path: string;
  /** The Observation, for readings of a panel (its components): they form one administration of a scale. */
  readonly panel?: string;
}

/** Observation statuses whose value is a result (FHIR R4 ObservationStatus). */
const RESULT_STATUSES = new Set(["final", "amended", "corrected", "preliminary"]);

/** The lab or scale score a concept's LOINC codes report, if the tables know one of them. */
function targetOf(code: CodeableConcept | undefined, knowledge: Knowledge): LoincTarget | undefined {
  for (const c of codesIn(code, SYSTEMS.loinc)) {
    const t = knowledge.loinc.get(c);
    if (t !== undefined) return t;
  }
  return undefined;
}

function unitOf(q: Quantity): string | undefined {
  if (q.system === SYSTEMS.ucum && q.code !== undefined && q.code.trim() !== "") return q.code.trim();
  return q.unit?.trim() || q.code?.trim() || undefined;
}

/** Unmapped codes, one note each with how many times they occurred (first path given). */
export class UnmappedCodes {
  private readonly seen = new Map<string, { path: string; what: string; count: number }>();

  add(code: CodeableConcept | undefined, path: string): void {
    const key = codesIn(code, SYSTEMS.loinc)[0] ?? describe(code);
    const prior = this.seen.get(key);
    if (prior !== undefined) prior.count++;
    else this.seen.set(key, { path, what: describe(code), count: 1 });
  }

  notes(): Issue[] {
    return [...this.seen].map(([key, s]) => ({
      path: s.path,
      code: "unmapped_code",
      message: `Observation ${/^\d+-\d$/.test(key) ? `LOINC ${key} ` : ""}(${s.what}) is not in the labs or instruments tables: not used${s.count > 1 ? ` (${s.count} observations)` : ""}`,
    }));
  }
}

/**
 * The readings of an Observation: its own value and its components' (a questionnaire panel
 * carries its items and total as components), each for a lab or scale the tables know by LOINC.
 * What cannot be used is noted: a status that is not a result, no date, a censored value (<, >),
 * a value that is not a number, a code the tables do not know.
 */
export function readingsOf(o: Observation, path: string, knowledge: Knowledge, notes: Issue[], unmapped: UnmappedCodes): Reading[] {
  if (o.status !== undefined && !RESULT_STATUSES.has(o.status)) {
    notes.push({ path: `${path}.status`, code: "not_a_result", message: `Observation with status "${o.status}" was not used` });
    return [];
  }
  const parts = [{ code: o.code, value: o, at: path }, ...(o.component ?? []).map((c, j) => ({ code: c.code, value: c, at: `${path}.component[${j}]` }))];
  const readings: Reading[] = [];
  const date = calendarDateOf(o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.effectiveInstant ?? o.issued);
  for (const part of parts) {
    const target = targetOf(part.code, knowledge);
    const hasValue = part.value.valueQuantity !== undefined || part.value.valueInteger !== undefined || part.value.valueCodeableConcept !== undefined || part.value.valueString !== undefined;
    if (target === undefined) {
      // A panel's own code carries no value: only its components matter.
      if (hasValue || (part.at === path && (o.component ?? []).length === 0)) unmapped.add(part.code, part.at);
      continue;
    }
    const name = `${target.name}${target.kind === "item" ? ` item ${target.item}` : ""}`;
    if (date === undefined) {
      notes.push({ path, code: "no_date", message: `${name}: the Observation has no full effective date (effectiveDateTime, effectivePeriod.start or issued): not used` });
      return [];
    }
    const q = part.value.valueQuantity;
    const value = q?.value ?? part.value.valueInteger;
    if (value === undefined) {
      const why = part.value.dataAbsentReason !== undefined ? `no value (${describe(part.value.dataAbsentReason)})` : "no numeric value (valueQuantity or valueInteger)";
      notes.push({ path: part.at, code: "no_value", message: `${name}: ${why}: not used` });
      continue;
    }
    if (q?.comparator !== undefined) {
      notes.push({ path: `${part.at}.valueQuantity.comparator`, code: "censored_value", message: `${name} ${q.comparator}${value}: a bound, not a measured value: not used` });
      continue;
    }
    const unit = q !== undefined ? unitOf(q) : undefined;
    readings.push({ target, value, ...(unit !== undefined ? { unit } : {}), date, path: part.at, ...((o.component ?? []).length > 0 ? { panel: path } : {}) });
  }
  return readings;
}

