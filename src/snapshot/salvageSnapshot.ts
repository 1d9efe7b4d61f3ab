import type { z } from "zod";
import type { PatientSnapshot } from "./schema.js";

/**
 * The part of an invalid snapshot that is well-formed: top-level fields with a schema issue
 * are removed, and list elements with one are blanked in place (so that every other element
 * keeps its index and its issues keep their paths). Lets the table checks (units, ranges,
 * dates) run on the rest, so that one pass reports every bad path. Undefined when nothing can
 * be checked: not an object, or `id`/`asOf` unusable.
 */
export function salvageSnapshot(input: unknown, issues: readonly z.core.$ZodIssue[]): PatientSnapshot | undefined {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return undefined;
  const copy: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  const blanked = new Map<string, Set<number>>();
  for (const issue of issues) {
    const paths = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of paths) {
      const [top, index] = path;
      if (typeof top !== "string") return undefined;
      if (top === "id" || top === "asOf") return undefined;
      if (typeof index === "number" && Array.isArray(copy[top])) {
        const set = blanked.get(top) ?? new Set<number>();
        set.add(index);
        blanked.set(top, set);
      } else delete copy[top];
    }
  }
  for (const [key, indices] of blanked) {
    const list = copy[key];
    if (Array.isArray(list)) copy[key] = list.map((item: unknown, i) => (indices.has(i) ? undefined : item));
  }
  return copy as PatientSnapshot;
}
