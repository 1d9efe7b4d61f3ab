import type { Issue } from "./issue.js";
import { toJsonPath } from "./toJsonPath.js";

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Finds keys that could reach an object's prototype (`__proto__`, `constructor`,
 * `prototype`) anywhere in a parsed JSON value. Such input is refused outright rather
 * than cleaned, so that nothing downstream ever sees it.
 */
export function findForbiddenKeys(value: unknown, path: PropertyKey[] = [], out: Issue[] = []): Issue[] {
  // One path array, pushed and popped: this runs on every record of a cohort.
  if (out.length >= 100 || path.length > 64) return out;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === null || typeof item !== "object") continue;
      path.push(i);
      findForbiddenKeys(item, path, out);
      path.pop();
    }
  } else if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value)) {
      path.push(key);
      if (FORBIDDEN.has(key)) {
        out.push({
          path: toJsonPath(path),
          code: "forbidden_key",
          message: `the key "${key}" is not allowed (it could alter object prototypes)`,
        });
      } else {
        const child = (value as Record<string, unknown>)[key];
        if (child !== null && typeof child === "object") findForbiddenKeys(child, path, out);
      }
      path.pop();
    }
  }
  return out;
}
