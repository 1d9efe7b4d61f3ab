import type { Issue } from "../core/issue.js";
import { toJsonPath } from "../core/toJsonPath.js";
import { idOf, type BatchOutcome } from "./evaluateRecord.js";

const REPLACEMENT = "\uFFFD";

/** The paths of the keys and strings in `value` holding U+FFFD, where the decoder replaced bytes that were not UTF-8. */
function replacedAt(value: unknown, path: PropertyKey[], out: string[]): void {
  if (out.length >= 20) return;
  if (typeof value === "string") {
    if (value.includes(REPLACEMENT)) out.push(toJsonPath(path));
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => replacedAt(v, [...path, i], out));
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes(REPLACEMENT)) out.push(toJsonPath([...path, k]));
      replacedAt(v, [...path, k], out);
    }
  }
}

/**
 * The outcome of a line whose bytes are not UTF-8 (an extract saved as Latin-1 or Windows-1252,
 * say): an error naming each field with such bytes (found in the line decoded with replacement
 * characters; `$` when the line is not JSON even so), never a result with `sertral�ne` in it.
 */
export function invalidUtf8Outcome(decoded: string, record: number): BatchOutcome {
  let json: unknown;
  try {
    json = JSON.parse(decoded);
  } catch {
    json = undefined;
  }
  const paths: string[] = [];
  if (json !== undefined) replacedAt(json, [], paths);
  if (paths.length === 0) paths.push("$");
  const id = idOf(json);
  const issues: Issue[] = paths.map((path) => ({
    path,
    code: "invalid_utf8",
    message: "bytes that are not UTF-8 (was the file saved as Latin-1 or Windows-1252? convert it to UTF-8)",
  }));
  return { record, ok: false, patientId: id !== null && !id.includes(REPLACEMENT) ? id : null, error: { code: "invalid_utf8", issues } };
}
