/** A FHIR resource rather than a snapshot: a JSON object with a string `resourceType` (read as a Bundle, which is refused if it is another resource). */
export function isFhirResource(json: unknown): boolean {
  return typeof json === "object" && json !== null && !Array.isArray(json) && typeof (json as { resourceType?: unknown }).resourceType === "string";
}
