import type { Issue } from "./issue.js";
import { toJsonPath } from "./toJsonPath.js";

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Finds keys that could reach an object's prototype (`__proto__`, `constructor`,
 * `prototype`) anywhere in a parsed JSON value. Such input is refused outright rather
 * than cleaned, so that nothing downstream ever sees it.
 */
export function findForbiddenKeys(value: unknown, path: PropertyKey[] = [], out: Issue[] = []): Issue[] {
  if (out.length >= 100 || path.length > 64) return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) => findForbiddenKeys(item, [...path, i], out));
  } else if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value)) {
      const next = [...path, key];
      if (FORBIDDEN.has(key)) {
        out.push({
          path: toJsonPath(next),
          code: "forbidden_key",
          message: `the key "${key}" is not allowed (it could alter object prototypes)`,
        });
      } else {
        findForbiddenKeys((value as Record<string, unknown>)[key], next, out);
      }
    }
  }
  return out;
}
