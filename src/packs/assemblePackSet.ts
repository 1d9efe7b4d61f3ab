import { findForbiddenKeys } from "../core/forbiddenKeys.js";
import type { Issue, Result } from "../core/issue.js";
import { fromZodIssues } from "../core/zodIssues.js";
import { createFactDeriver } from "../facts/deriveFacts.js";
import { buildKnowledge, type SourcedTable } from "../knowledge/buildKnowledge.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { TableSchema } from "../knowledge/schema.js";
import type { CompiledRule } from "./compiledRule.js";
import { compileRules } from "./compileRules.js";
import { applyOverlays } from "./overlay/applyOverlays.js";
import { OverlaySchema } from "./overlay/overlaySchema.js";
import { expandTableRules, type SourcedPackInput } from "./expandTableRules.js";
import { RulePackInputSchema } from "./packSchema.js";
import type { PackInfo, PackSet, SourcedOverlay, SourcedPack } from "./packSet.js";
import type { RawDocument } from "./readRulesDir.js";
import { genesRead } from "./genesRead.js";

/** The table kinds a complete knowledge base has. */
export const TABLE_KINDS = ["vocabulary", "drugs", "instruments", "labs", "age-bands", "conditions", "monitoring", "interactions"] as const;

/** Which table kinds a set of documents provides. */
export function tableKindsIn(documents: readonly RawDocument[]): Set<string> {
  const kinds = new Set<string>();
  for (const d of documents) {
    const t = (d.json as { table?: unknown } | null)?.table;
    if (typeof t === "string") kinds.add(t);
  }
  return kinds;
}

/** What a document is, told by its top-level keys. */
export function documentType(json: unknown): "table" | "overlay" | "pack" | undefined {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return undefined;
  return "table" in json ? "table" : "overlay" in json ? "overlay" : "rules" in json ? "pack" : undefined;
}

/** Documents validated one by one with zod: tables, packs and overlays, each with its file. */
export interface ParsedDocuments {
  readonly tables: SourcedTable[];
  /** Packs as written: rules may still name table entries (see `expandTableRules`). */
  readonly packs: SourcedPackInput[];
  /** In document order, the order they apply in. */
  readonly overlays: SourcedOverlay[];
  readonly infos: PackInfo[];
  readonly issues: Issue[];
}

/** Validates each document with its zod schema; every issue names file and JSON path. */
export function parseDocuments(documents: readonly RawDocument[]): ParsedDocuments {
  const parsed: ParsedDocuments = { tables: [], packs: [], overlays: [], infos: [], issues: [] };
  const { issues } = parsed;
  for (const doc of documents) {
    const forbidden = findForbiddenKeys(doc.json);
    if (forbidden.length > 0) {
      issues.push(...forbidden.map((i) => ({ ...i, file: doc.file })));
      continue;
    }
    const type = documentType(doc.json);
    const fail = (zodIssues: Parameters<typeof fromZodIssues>[0]) => issues.push(...fromZodIssues(zodIssues).map((i) => ({ ...i, file: doc.file })));
    if (type === "table") {
      const r = TableSchema.safeParse(doc.json, { reportInput: true });
      if (!r.success) fail(r.error.issues);
      else {
        parsed.tables.push({ file: doc.file, table: r.data });
        parsed.infos.push({ id: `table:${doc.id}`, version: r.data.version, sha256: doc.sha256, type: "table" });
      }
    } else if (type === "overlay") {
      const r = OverlaySchema.safeParse(doc.json, { reportInput: true });
      if (!r.success) fail(r.error.issues);
      else {
        parsed.overlays.push({ file: doc.file, overlay: r.data });
        parsed.infos.push({ id: r.data.overlay.id, version: r.data.overlay.version, sha256: doc.sha256, type: "overlay" });
      }
    } else if (type === "pack") {
      const r = RulePackInputSchema.safeParse(doc.json, { reportInput: true });
      if (!r.success) fail(r.error.issues);
      else {
        parsed.packs.push({ file: doc.file, pack: r.data });
        parsed.infos.push({ id: r.data.id, version: r.data.version, sha256: doc.sha256, type: "pack" });
      }
    } else {
      issues.push({
        file: doc.file,
        path: "$",
        code: "unknown_document",
        message: 'expected a rule pack (an object with "rules"), an overlay (an object with "overlay") or a knowledge table (an object with "table")',
      });
    }
  }
  return parsed;
}

/** Pack, overlay and rule ids that are used twice. Packs whose id is taken are left out of `packs`. */
export function checkDuplicates(packs: readonly SourcedPack[], overlays: readonly SourcedOverlay[]): { packs: SourcedPack[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const kept: SourcedPack[] = [];
  const seenPacks = new Map<string, string>();
  const seenRules = new Map<string, string>();
  for (const sourced of packs) {
    const { file, pack } = sourced;
    const prior = seenPacks.get(pack.id);
    if (prior !== undefined) {
      issues.push({ file, path: "id", code: "duplicate_pack_id", message: `pack id "${pack.id}" is also used by ${prior}` });
      continue;
    }
    seenPacks.set(pack.id, file);
    kept.push(sourced);
    pack.rules.forEach((r, i) => {
      const other = seenRules.get(r.id);
      if (other !== undefined) {
        issues.push({ file, path: `rules[${i}].id`, code: "duplicate_rule_id", message: `rule id "${r.id}" is also defined in ${other}`, params: { ruleId: r.id } });
      } else seenRules.set(r.id, file);
    });
  }
  const seenOverlays = new Map<string, string>();
  for (const { file, overlay } of overlays) {
    const prior = seenOverlays.get(overlay.overlay.id);
    if (prior !== undefined) issues.push({ file, path: "overlay.id", code: "duplicate_overlay_id", message: `overlay id "${overlay.overlay.id}" is also used by ${prior}` });
    else seenOverlays.set(overlay.overlay.id, file);
  }
  return { packs: kept, issues };
}

/** Compiles every rule of every pack; issues name file, JSON path and rule. */
export function compilePacks(packs: readonly SourcedPack[], knowledge: Knowledge): { rules: CompiledRule[]; issues: Issue[] } {
  const rules: CompiledRule[] = [];
  const issues: Issue[] = [];
  for (const { file, pack } of packs) {
    const compiled = compileRules(pack, file, knowledge);
    issues.push(...compiled.issues);
    rules.push(...compiled.rules);
  }
  return { rules, issues };
}

const TYPE_ORDER = { pack: 0, overlay: 1, table: 2 } as const;

/**
 * Validates documents (packs, overlays and tables) with zod, builds the knowledge base,
 * applies the overlays in document order, and compiles every rule. Pure: the caller reads
 * the files. Every issue names file and JSON path.
 */
export function assemblePackSet(documents: readonly RawDocument[]): Result<PackSet> {
  const parsed = parseDocuments(documents);
  const issues: Issue[] = [...parsed.issues];
  const built = buildKnowledge(parsed.tables);
  issues.push(...built.issues);
  const { deriver, issues: deriverIssues } = createFactDeriver(built.knowledge);
  issues.push(...deriverIssues);
  const expanded = expandTableRules(parsed.packs, built.knowledge);
  issues.push(...expanded.issues);
  const unique = checkDuplicates(expanded.packs, parsed.overlays);
  issues.push(...unique.issues);
  const overlaid = applyOverlays(unique.packs, parsed.overlays, built.knowledge);
  issues.push(...overlaid.issues);
  const compiled = compilePacks(overlaid.packs, built.knowledge);
  issues.push(...compiled.issues);
  if (issues.length > 0) return { success: false, issues };

  const rules = compiled.rules.sort((a, b) => (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
  // Packs and tables by id; overlays keep the order they were applied in (Array#sort is stable).
  const infos = parsed.infos.sort((a, b) =>
    a.type !== b.type ? TYPE_ORDER[a.type] - TYPE_ORDER[b.type] : a.type === "overlay" ? 0 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  return {
    success: true,
    data: {
      packs: infos,
      knowledge: { ...built.knowledge, genesRead: genesRead(built.knowledge, rules.map((r) => r.rule.conditions)) },
      rules,
      deriver,
      sources: overlaid.packs,
      overlays: parsed.overlays,
    },
  };
}
