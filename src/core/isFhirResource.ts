/**
 * A FHIR resource rather than a patient snapshot: a JSON object with a string `resourceType`.
 * Never throws (a getter or a proxy that throws reads as "not a resource").
 */
export function isFhirResource(json: unknown): boolean {
  try {
    return typeof json === "object" && json !== null && !Array.isArray(json) && typeof (json as { resourceType?: unknown }).resourceType === "string";
  } catch {
    return false;
  }
}
