import type { z } from "zod";
import { didYouMean } from "./didYouMean.js";
import type { Issue } from "./issue.js";
import { toJsonPath } from "./toJsonPath.js";

/**
 * Turns zod issues into psychrx issues: one issue per bad field, each named by its JSON
 * path. An unrecognized key becomes its own issue at the key's path, with a
 * "did you mean" among the keys the object accepts (`medication` → `medications`).
 */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  allowedKeysAt: (path: readonly PropertyKey[]) => readonly string[] = () => [],
): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const suggestion = didYouMean(key, allowedKeysAt(issue.path));
        out.push({
          path: toJsonPath([...issue.path, key]),
          code: "unrecognized_key",
          message:
            `unknown field "${key}"` + (suggestion ? `; did you mean "${suggestion}"?` : "; remove it or check its spelling"),
          ...(suggestion ? { params: { didYouMean: suggestion } } : {}),
        });
      }
      continue;
    }
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // Report the branch that got furthest (most specific path) rather than "invalid input".
      const branches = issue.errors.map((branch) => fromZodIssues(branch, allowedKeysAt));
      branches.sort((a, b) => depth(b) - depth(a) || a.length - b.length);
      const best = branches[0];
      if (best && best.length > 0 && depth(best) > issue.path.length) {
        out.push(...best);
        continue;
      }
    }
    out.push({ path: toJsonPath(issue.path), code: issue.code, message: describe(issue) });
  }
  return out;
}

function depth(issues: readonly Issue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.split(/[.[]/).length));
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${issue.expected}, received ${receivedOf(issue.input)}`;
    default:
      return issue.message;
  }
}

function receivedOf(input: unknown): string {
  if (input === undefined) return "nothing (field is required)";
  if (input === null) return "null";
  if (Array.isArray(input)) return "array";
  return typeof input;
}
