import { findForbiddenKeys } from "../../core/forbiddenKeys.js";
import type { Issue } from "../../core/issue.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import { documentType } from "../assemblePackSet.js";
import { compileRules } from "../compileRules.js";
import type { RawDocument } from "../readRulesDir.js";
import { RuleSchema, type Rule } from "../ruleSchema.js";

/** A rule that is valid on its own, in a pack that failed validation. */
export interface SalvagedRule {
  readonly file: string;
  /** Its index in the pack's `rules`, for JSON paths. */
  readonly index: number;
  readonly rule: Rule;
}

/**
 * The valid rules of packs that failed validation (a wrong `kind` in one rule, a missing
 * `version`), so that lint reports every problem of a pack at once rather than only the first
 * schema error. Documents with prototype keys are never looked into.
 */
export function salvageRules(documents: readonly RawDocument[], parsedFiles: ReadonlySet<string>): SalvagedRule[] {
  const out: SalvagedRule[] = [];
  for (const doc of documents) {
    if (parsedFiles.has(doc.file) || documentType(doc.json) !== "pack" || findForbiddenKeys(doc.json).length > 0) continue;
    const rules = (doc.json as { rules?: unknown }).rules;
    if (!Array.isArray(rules)) continue;
    rules.forEach((candidate, index) => {
      const r = RuleSchema.safeParse(candidate);
      if (r.success) out.push({ file: doc.file, index, rule: r.data });
    });
  }
  return out;
}

/** Compile issues (unknown facts, placeholders) of a salvaged rule, at its own path. */
export function compileSalvaged({ file, index, rule }: SalvagedRule, knowledge: Knowledge): Issue[] {
  const pack = { id: "salvaged", version: "0.0.0", title: "salvaged", rules: [rule] };
  return compileRules(pack, file, knowledge).issues.map((i) => ({ ...i, path: i.path.replace(/^rules\[0\]/, `rules[${index}]`) }));
}
