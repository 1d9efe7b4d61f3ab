import { dayNumber } from "../../core/calendarDate.js";
import type { CodeableConcept, Coding } from "./fhirSchema.js";

/** Code system URIs of FHIR R4 (terminology.hl7.org/R4 and the FHIR specification's code systems page). */
export const SYSTEMS = {
  loinc: "http://loinc.org",
  rxnorm: "http://www.nlm.nih.gov/research/umls/rxnorm",
  icd10cm: "http://hl7.org/fhir/sid/icd-10-cm",
  icd10: "http://hl7.org/fhir/sid/icd-10",
  snomed: "http://snomed.info/sct",
  ucum: "http://unitsofmeasure.org",
  /** The IPS codes for an empty or unknown list: no-known-medications, no-medication-info, no-known-problems, no-problem-info… */
  ipsAbsentUnknown: "http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips",
} as const;

/** The calendar date (YYYY-MM-DD) a FHIR date or dateTime starts with; undefined for a partial date (2026, 2026-11) or none. */
export function calendarDateOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && dayNumber(date) !== undefined && (value.length === 10 || value[10] === "T") ? date : undefined;
}

/** The codings of a concept in one code system (system compared exactly, code trimmed). */
export function codingsIn(concept: CodeableConcept | undefined, system: string): Coding[] {
  return (concept?.coding ?? []).filter((c) => c.system === system && c.code !== undefined && c.code.trim() !== "");
}

/** The codes of a concept in a code system (FHIR `system|code` tokens' code part). */
export function codesIn(concept: CodeableConcept | undefined, system: string): string[] {
  return codingsIn(concept, system).map((c) => (c.code ?? "").trim());
}

/** A concept in words: its text, else its first coding's display, else its first code. */
export function describe(concept: CodeableConcept | undefined): string {
  const coding = concept?.coding?.[0];
  return concept?.text ?? coding?.display ?? (coding?.code !== undefined ? `${coding.system ?? "?"}|${coding.code}` : "(no code)");
}

/** Whether a concept holds one of `codes`, in any system (the status value sets of FHIR R4 have one system each). */
export function hasCode(concept: CodeableConcept | undefined, codes: readonly string[]): boolean {
  return (concept?.coding ?? []).some((c) => c.code !== undefined && codes.includes(c.code));
}
