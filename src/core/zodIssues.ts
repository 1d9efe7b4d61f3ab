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
  prefix: readonly PropertyKey[] = [],
): Issue[] {
  const out: Issue[] = [];
  for (const raw of issues) {
    const issue = { ...raw, path: [...prefix, ...raw.path] } as z.core.$ZodIssue;
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
      // Report the branch the input was meant for: the one whose shape fits at the union's
      // own level (fewest issues there), then the most specific one; not "invalid input".
      const branches = issue.errors.map((branch) => ({
        atRoot: branch.filter((b) => b.path.length === 0 && b.code !== "invalid_union").length,
        issues: fromZodIssues(branch, allowedKeysAt, issue.path),
      }));
      branches.sort((a, b) => a.atRoot - b.atRoot || depth(b.issues) - depth(a.issues) || a.issues.length - b.issues.length);
      const best = branches[0];
      if (best && best.issues.length > 0) {
        out.push(...best.issues);
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
      // zod refuses NaN and ±Infinity as numbers; "expected number, received number" would not say why.
      if (issue.expected === "number" && typeof issue.input === "number" && !Number.isFinite(issue.input)) return `expected a finite number, received ${nonFinite(issue.input)}`;
      return `expected ${issue.expected}, received ${receivedOf(issue.input)}`;
    default:
      return issue.message;
  }
}

function nonFinite(n: number): string {
  return Number.isNaN(n) ? "NaN" : `${n > 0 ? "" : "-"}Infinity (a number too large to represent, such as 1e400)`;
}

function receivedOf(input: unknown): string {
  if (input === undefined) return "nothing (field is required)";
  if (input === null) return "null";
  if (Array.isArray(input)) return "array";
  return typeof input;
}
