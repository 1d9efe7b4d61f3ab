import type { z } from "zod";
import type { Issue } from "../../core/issue.js";
import { fromZodIssues } from "../../core/zodIssues.js";
import type { Knowledge } from "../../knowledge/knowledge.js";

/** A resource of the bundle with its path there (`entry[3].resource`). */
export type Entry = { readonly path: string; readonly resource: Record<string, unknown> };

/** What every part of the import reads and writes: the tables, the evaluation date, and its issues, notes and origins. */
export interface ImportContext {
  readonly knowledge: Knowledge;
  /** The evaluation date, YYYY-MM-DD; undefined when none could be found (an issue says so). */
  readonly day: string | undefined;
  /** Malformed input: the bundle is refused. */
  readonly issues: Issue[];
  /** Parts not used, or used in part. */
  readonly notes: Issue[];
  /** Snapshot list item → the bundle path it was read from. */
  readonly origins: Record<string, string>;
}

/** Parses a resource with its schema; issues at the resource's path in the bundle. */
export function parseResource<T>(schema: z.ZodType<T>, e: Entry, issues: Issue[]): T | undefined {
  const r = schema.safeParse(e.resource, { reportInput: true });
  if (r.success) return r.data;
  for (const i of fromZodIssues(r.error.issues)) issues.push({ ...i, path: i.path === "$" ? e.path : `${e.path}.${i.path}` });
  return undefined;
}
