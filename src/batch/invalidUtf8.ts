import type { Issue } from "../core/issue.js";
import { toJsonPath } from "../core/toJsonPath.js";
import { idOf, type BatchOutcome } from "./evaluateRecord.js";

const REPLACEMENT = "\uFFFD";

/** The likely cause of bytes that are not UTF-8, and the remedy. */
export const UTF8_HINT = "was the file saved as Latin-1 or Windows-1252? convert it to UTF-8";

/** What an issue of code `invalid_utf8` says, after where. */
export const INVALID_UTF8_MESSAGE = `bytes that are not UTF-8 (${UTF8_HINT})`;

/**
 * A record whose input was found, before evaluation, to hold bytes that are not UTF-8 (the rows
 * of CSV tables joined into it): its outcome is an `invalid_utf8` error with these issues.
 */
export interface InvalidInput {
  readonly patientId: string | null;
  readonly issues: readonly Issue[];
}

/** The outcome of a record whose input is known not to be UTF-8 (see {@link InvalidInput}). */
export function invalidInputOutcome(record: number, invalid: InvalidInput): BatchOutcome {
  return { record, ok: false, patientId: invalid.patientId, error: { code: "invalid_utf8", issues: invalid.issues } };
}

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
    message: INVALID_UTF8_MESSAGE,
  }));
  return { record, ok: false, patientId: id !== null && !id.includes(REPLACEMENT) ? id : null, error: { code: "invalid_utf8", issues } };
}
