import { readFileSync } from "node:fs";
import { duplicateKeyIssue, duplicateKeys } from "../core/duplicateKeys.js";
import type { Issue, Result } from "../core/issue.js";

/**
 * Reads and parses a JSON file; a missing, empty or malformed file is an issue, never an
 * exception, and so is a key written twice in one object (each named by its path).
 */
export function readJsonFile(file: string): Result<unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const issue: Issue = {
      file,
      path: "$",
      code: code === "ENOENT" ? "not_found" : "unreadable",
      message: code === "ENOENT" ? "no such file" : `cannot read file (${code ?? (error as Error).message})`,
    };
    return { success: false, issues: [issue] };
  }
  if (text.trim() === "") return { success: false, issues: [{ file, path: "$", code: "empty_file", message: "the file is empty; expected a JSON object" }] };
  const json = text.replace(/^\uFEFF/, "");
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { success: false, issues: [{ file, path: "$", code: "invalid_json", message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const twice = duplicateKeys(json);
  if (twice.length > 0) return { success: false, issues: twice.map((path) => duplicateKeyIssue(file, path)) };
  return { success: true, data };
}
