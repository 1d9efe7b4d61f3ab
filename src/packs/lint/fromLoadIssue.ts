import { OPERATORS } from "../../core/condition.js";
import { didYouMean } from "../../core/didYouMean.js";
import type { Issue } from "../../core/issue.js";
import { RulePackInputSchema } from "../packSchema.js";
import { KINDS, RuleCaseSchema, RuleInputSchema, SCOPES, SEVERITIES } from "../ruleSchema.js";
import { lookupPath, parseRulePath } from "../overlay/rulePath.js";
import type { LintFinding } from "./lintFinding.js";

/** The fields a pack, rule or case accepts, by the path of the unknown key. */
function keysAt(path: string): readonly string[] | undefined {
  if (/^rules\[\d+\]\.cases\[\d+\]\.[^.[]+$/.test(path)) return Object.keys(RuleCaseSchema.shape);
  if (/^rules\[\d+\]\.[^.[]+$/.test(path)) return Object.keys(RuleInputSchema.shape);
  if (/^[^.[]+$/.test(path)) return Object.keys(RulePackInputSchema.shape);
  return undefined;
}

const CHOICES: Readonly<Record<string, readonly string[]>> = {
  operator: OPERATORS,
  kind: KINDS,
  severity: SEVERITIES,
  scope: SCOPES,
  expect: ["fires", "quiet", "gap"],
};

/**
 * A load issue (zod validation, unknown fact or placeholder, duplicate id, overlay target)
 * as an error finding: the rule id comes from the issue's params or from the document at
 * `rules[N]`, and a value outside a closed list (operator, kind, severity, scope) gets a
 * "did you mean".
 */
export function fromLoadIssue(issue: Issue, documentAt: (file: string) => unknown): LintFinding {
  const raw = issue.file !== undefined ? documentAt(issue.file) : undefined;
  const fromParams = issue.params?.["ruleId"];
  const index = /^rules\[(\d+)\]/.exec(issue.path)?.[1];
  const fromDoc = index !== undefined ? lookupPath(raw, ["rules", Number(index), "id"]) : undefined;
  const ruleId = typeof fromParams === "string" ? fromParams : fromDoc?.found === true && typeof fromDoc.value === "string" ? fromDoc.value : undefined;
  let { message, params } = issue;
  const field = /(?:^|\.)([A-Za-z]+)$/.exec(issue.path)?.[1];
  const choices = field !== undefined ? CHOICES[field] : undefined;
  if (issue.code === "invalid_value" && choices !== undefined && raw !== undefined) {
    const value = lookupPath(raw, parseRulePath(issue.path));
    if (value.found && typeof value.value === "string") {
      const suggestion = didYouMean(value.value, choices);
      const article = /^[aeiou]/.test(field ?? "") ? "an" : "a";
      message = `${JSON.stringify(value.value)} is not ${article} ${field}` + (suggestion !== undefined ? `; did you mean "${suggestion}"?` : "") + ` (one of ${choices.join(", ")})`;
      if (suggestion !== undefined) params = { ...params, didYouMean: suggestion };
    }
  }
  const keys = issue.code === "unrecognized_key" && params?.["didYouMean"] === undefined ? keysAt(issue.path) : undefined;
  const key = /(?:^|\.)([^.[\]]+)$/.exec(issue.path)?.[1];
  const keySuggestion = keys !== undefined && key !== undefined ? didYouMean(key, keys) : undefined;
  if (keySuggestion !== undefined) {
    message = `unknown field "${key}"; did you mean "${keySuggestion}"?`;
    params = { ...params, didYouMean: keySuggestion };
  }
  const { ruleId: _, ...rest } = params ?? {};
  return {
    severity: "error",
    code: issue.code,
    ...(issue.file !== undefined ? { file: issue.file } : {}),
    path: issue.path,
    ...(ruleId !== undefined ? { ruleId } : {}),
    message,
    ...(Object.keys(rest).length > 0 ? { params: rest } : {}),
  };
}
