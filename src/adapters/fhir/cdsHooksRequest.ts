import { z } from "zod";
import type { Issue, Result } from "../../core/issue.js";
import { fromZodIssues } from "../../core/zodIssues.js";
import { toCdsHooksResponse, type CdsHooksResponse } from "../cdsHooks.js";
import { evaluateFhirBundle, type FhirEvaluation, type FhirOptions } from "./fromFhirBundle.js";

/** The parts of a CDS Hooks 2.0 request the service reads (https://cds-hooks.hl7.org/2.0/#http-request). */
const CdsHooksRequestSchema = z.looseObject({
  hook: z.string().min(1),
  hookInstance: z.string().min(1),
  context: z.looseObject({ patientId: z.string().optional(), draftOrders: z.unknown().optional() }),
  prefetch: z.record(z.string(), z.unknown()).optional(),
});

/** Whether a JSON value looks like a CDS Hooks request (a `hook` and a `hookInstance`), not a snapshot or a FHIR resource. */
export function isCdsHooksRequest(json: unknown): boolean {
  return typeof json === "object" && json !== null && !Array.isArray(json) && "hook" in json && "hookInstance" in json && !("resourceType" in json);
}

/** A CDS Hooks response with the evaluation behind it. */
export interface CdsHooksEvaluation {
  readonly response: CdsHooksResponse;
  readonly evaluation: FhirEvaluation;
}

/** What the resources of one prefetch value (a Bundle's entries, or one resource) are, with their paths in the request. */
function resourcesOf(value: unknown, at: string, out: { resource: unknown; path: string }[], notes: Issue[]): void {
  if (value === null || value === undefined) {
    notes.push({ path: at, code: "not_prefetched", message: "the EHR did not prefetch this (null): what it holds is unknown to psychrx, which fetches nothing" });
    return;
  }
  const r = value as { resourceType?: unknown; entry?: unknown };
  if (r.resourceType === "Bundle") {
    if (Array.isArray(r.entry)) r.entry.forEach((e, i) => {
      const resource = (e as { resource?: unknown } | null)?.resource;
      if (resource !== undefined) out.push({ resource, path: `${at}.entry[${i}].resource` });
    });
  } else out.push({ resource: value, path: at });
}

/**
 * Answers a CDS Hooks 2.0 request (patient-view, order-select, order-sign, …) with cards: the
 * prefetched resources (Bundles and single resources) and, for an order hook, the draft orders of
 * `context.draftOrders` (evaluated as active: they are about to be signed) are read as one patient's
 * FHIR Bundle (see {@link evaluateFhirBundle}). Pure: it fetches nothing, so a prefetch the EHR
 * could not fill (null) leaves its resources unknown, with a note. `asOf` is required: the service
 * passes the date it evaluates on. Issues and notes name their path in the request
 * (`prefetch.medications.entry[2].resource.status`).
 */
export function respondToCdsHooks(request: unknown, options: FhirOptions & { readonly asOf: string }): Result<CdsHooksEvaluation> {
  const parsed = CdsHooksRequestSchema.safeParse(request, { reportInput: true });
  if (!parsed.success) return { success: false, issues: fromZodIssues(parsed.error.issues) };
  const notes: Issue[] = [];
  const resources: { resource: unknown; path: string }[] = [];
  for (const key of Object.keys(parsed.data.prefetch ?? {}).sort()) resourcesOf(parsed.data.prefetch?.[key], `prefetch.${key}`, resources, notes);
  const drafts = parsed.data.context.draftOrders;
  if (drafts !== undefined) resourcesOf(drafts, "context.draftOrders", resources, notes);
  const bundle = { resourceType: "Bundle", type: "collection", entry: resources.map((r) => ({ resource: r.resource })) };
  const evaluated = evaluateFhirBundle(bundle, { ...options, draftOrdersActive: drafts !== undefined });
  const inRequest = (i: Issue): Issue => {
    const m = /^entry\[(\d+)\]\.resource/.exec(i.path);
    const source = m?.[1] !== undefined ? resources[Number(m[1])]?.path : undefined;
    if (source !== undefined && m !== null) return { ...i, path: source + i.path.slice(m[0].length) };
    return i.path === "entry" ? { ...i, path: "prefetch" } : i; // the bundle as a whole: what was prefetched
  };
  if (!evaluated.success) return { success: false, issues: evaluated.issues.map(inRequest) };
  const patientId = parsed.data.context.patientId;
  if (patientId !== undefined && patientId !== evaluated.data.snapshot.id) {
    return { success: false, issues: [{ path: "context.patientId", code: "patient_mismatch", message: `context.patientId "${patientId}" is not the prefetched Patient's id "${evaluated.data.snapshot.id}"` }] };
  }
  const origins = Object.fromEntries(Object.entries(evaluated.data.origins).map(([item, path]) => [item, inRequest({ path, code: "", message: "" }).path]));
  const evaluation = { ...evaluated.data, notes: [...notes, ...evaluated.data.notes.map(inRequest)], origins };
  return { success: true, data: { response: toCdsHooksResponse(evaluated.data.result), evaluation } };
}
