import { findForbiddenKeys } from "../core/forbiddenKeys.js";
import type { Issue, Result } from "../core/issue.js";
import { fromZodIssues } from "../core/zodIssues.js";
import { createFactDeriver } from "../facts/deriveFacts.js";
import { buildKnowledge, type SourcedTable } from "../knowledge/buildKnowledge.js";
import { TableSchema } from "../knowledge/schema.js";
import type { CompiledRule } from "./compiledRule.js";
import { compileRules } from "./compileRules.js";
import { RulePackSchema } from "./packSchema.js";
import type { PackInfo, PackSet, SourcedPack } from "./packSet.js";
import type { RawDocument } from "./readRulesDir.js";

/** The table kinds a complete knowledge base has. */
export const TABLE_KINDS = ["vocabulary", "drugs", "instruments", "labs", "age-bands"] as const;

/** Which table kinds a set of documents provides. */
export function tableKindsIn(documents: readonly RawDocument[]): Set<string> {
  const kinds = new Set<string>();
  for (const d of documents) {
    const t = (d.json as { table?: unknown } | null)?.table;
    if (typeof t === "string") kinds.add(t);
  }
  return kinds;
}

/**
 * Validates documents (packs and tables) with zod, builds the knowledge base, compiles
 * every rule. Pure: the caller reads the files. Every issue names file and JSON path.
 */
export function assemblePackSet(documents: readonly RawDocument[]): Result<PackSet> {
  const issues: Issue[] = [];
  const tables: SourcedTable[] = [];
  const packs: SourcedPack[] = [];
  const infos: PackInfo[] = [];
  for (const doc of documents) {
    const forbidden = findForbiddenKeys(doc.json);
    if (forbidden.length > 0) {
      issues.push(...forbidden.map((i) => ({ ...i, file: doc.file })));
      continue;
    }
    const json = doc.json;
    const isObject = typeof json === "object" && json !== null && !Array.isArray(json);
    if (isObject && "table" in json) {
      const parsed = TableSchema.safeParse(json, { reportInput: true });
      if (!parsed.success) {
        issues.push(...fromZodIssues(parsed.error.issues).map((i) => ({ ...i, file: doc.file })));
        continue;
      }
      tables.push({ file: doc.file, table: parsed.data });
      infos.push({ id: `table:${doc.id}`, version: parsed.data.version, sha256: doc.sha256, type: "table" });
    } else if (isObject && "rules" in json) {
      const parsed = RulePackSchema.safeParse(json, { reportInput: true });
      if (!parsed.success) {
        issues.push(...fromZodIssues(parsed.error.issues).map((i) => ({ ...i, file: doc.file })));
        continue;
      }
      packs.push({ file: doc.file, pack: parsed.data });
      infos.push({ id: parsed.data.id, version: parsed.data.version, sha256: doc.sha256, type: "pack" });
    } else {
      issues.push({
        file: doc.file,
        path: "$",
        code: "unknown_document",
        message: 'expected a rule pack (an object with "rules") or a knowledge table (an object with "table")',
      });
    }
  }

  const built = buildKnowledge(tables);
  issues.push(...built.issues);
  const { deriver, issues: deriverIssues } = createFactDeriver(built.knowledge);
  issues.push(...deriverIssues);

  const rules: CompiledRule[] = [];
  const seenPacks = new Map<string, string>();
  const seenRules = new Map<string, string>();
  for (const { file, pack } of packs) {
    const prior = seenPacks.get(pack.id);
    if (prior !== undefined) {
      issues.push({ file, path: "id", code: "duplicate_pack_id", message: `pack id "${pack.id}" is also used by ${prior}` });
      continue;
    }
    seenPacks.set(pack.id, file);
    pack.rules.forEach((r, i) => {
      const other = seenRules.get(r.id);
      if (other !== undefined) {
        issues.push({ file, path: `rules[${i}].id`, code: "duplicate_rule_id", message: `rule id "${r.id}" is also defined in ${other}`, params: { ruleId: r.id } });
      } else seenRules.set(r.id, file);
    });
    const compiled = compileRules(pack, file, built.knowledge);
    issues.push(...compiled.issues);
    rules.push(...compiled.rules);
  }
  if (issues.length > 0) return { success: false, issues };

  rules.sort((a, b) => (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
  infos.sort((a, b) => (a.type !== b.type ? (a.type === "pack" ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { success: true, data: { packs: infos, knowledge: built.knowledge, rules, deriver, sources: packs } };
}
