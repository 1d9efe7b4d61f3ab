import { createFactDeriver } from "../facts/deriveFacts.js";
import { factResolver } from "../facts/factResolver.js";
import { buildKnowledge } from "../knowledge/buildKnowledge.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { applyOverlays } from "./overlay/applyOverlays.js";
import { checkDuplicates, compilePacks, parseDocuments } from "./assemblePackSet.js";
import { expandTableRules } from "./expandTableRules.js";
import { checkCases } from "./lint/checkCases.js";
import { checkEvidence } from "./lint/checkEvidence.js";
import { checkPddi } from "./lint/checkPddi.js";
import { checkNeverTrue } from "./lint/checkNeverTrue.js";
import { checkOverlaidRules } from "./lint/checkOverlaidRules.js";
import { checkOverlay } from "./lint/checkOverlay.js";
import { checkSummaryLength } from "./lint/checkSummaryLength.js";
import { checkVocabulary } from "./lint/checkVocabulary.js";
import { fromLoadIssue } from "./lint/fromLoadIssue.js";
import { compileSalvaged, salvageRules } from "./lint/salvageRules.js";
import type { LintFinding, LintReport } from "./lint/lintFinding.js";
import type { RuleCheck } from "./lint/ruleContext.js";
import { gatherDocuments } from "./loadPacks.js";
import type { PackSet, SourcedOverlay, SourcedPack } from "./packSet.js";
import type { RawDocument } from "./readRulesDir.js";
import type { Rule } from "./ruleSchema.js";

/** The checks run over every rule, beyond what loading validates. */
export const RULE_CHECKS: readonly RuleCheck[] = [checkVocabulary, checkNeverTrue, checkEvidence, checkPddi, checkCases, checkSummaryLength];

/**
 * Lints rule packs, overlays and tables: everything loading validates (zod schemas, unknown
 * facts and placeholders, duplicate ids, overlay targets), reported as errors, and what a
 * schema cannot see: unknown drugs, classes, flags and age bands; conditions that can never
 * be true; evidence without a url; rules without test cases; summaries that could exceed 140
 * characters. Each finding names file, JSON path and rule id. Give directories (read like
 * `loadPacks`, with the same fallback to the bundled tables) or an already loaded `PackSet`.
 * Never throws.
 */
export function lintPacks(input: string | readonly string[] | PackSet): LintReport {
  if (typeof input !== "string" && !isStringArray(input)) {
    const findings = lintParsed(input.sources, input.overlays, input.knowledge, input.sources);
    return report(findings, input.packs.length, countRules(input.sources));
  }
  const gathered = gatherDocuments(input);
  const fromRead = gathered.issues.map((i) => fromLoadIssue(i, () => undefined));
  const linted = lintDocuments(gathered.documents);
  return report([...fromRead, ...linted.findings], linted.documents, linted.rules);
}

/** Lints documents already read (pure; {@link lintPacks} reads them from directories). */
export function lintDocuments(documents: readonly RawDocument[]): LintReport {
  const raw = new Map(documents.map((d) => [d.file, d.json]));
  const load = (issues: Parameters<typeof fromLoadIssue>[0][]) => issues.map((i) => fromLoadIssue(i, (file) => raw.get(file)));
  const parsed = parseDocuments(documents);
  const built = buildKnowledge(parsed.tables);
  const deriver = createFactDeriver(built.knowledge);
  const expanded = expandTableRules(parsed.packs, built.knowledge);
  const unique = checkDuplicates(expanded.packs, parsed.overlays);
  const overlaid = applyOverlays(unique.packs, parsed.overlays, built.knowledge);
  const compiled = compilePacks(unique.packs, built.knowledge);
  const salvaged = salvageRules(documents, new Set(parsed.packs.map((p) => p.file)));
  const findings = [
    ...load([...parsed.issues, ...built.issues, ...deriver.issues, ...expanded.issues, ...unique.issues, ...overlaid.issues, ...compiled.issues]),
    ...load(salvaged.flatMap((s) => compileSalvaged(s, built.knowledge))),
    ...lintParsed(unique.packs, parsed.overlays, built.knowledge, overlaid.packs),
    ...salvaged.flatMap((s) => checkRule(s.file, s.rule, s.index, built.knowledge)),
  ];
  return report(findings, documents.length, countRules(parsed.packs) + salvaged.length);
}

function checkRule(file: string, rule: Rule, index: number, knowledge: Knowledge): LintFinding[] {
  const ctx = { file, rule, at: `rules[${index}]`, knowledge, resolver: factResolver(rule.scope, knowledge) };
  return RULE_CHECKS.flatMap((check) => check(ctx));
}

/** The checks beyond loading, over packs as written, and over overlays with the rules they produce. */
function lintParsed(packs: readonly SourcedPack[], overlays: readonly SourcedOverlay[], knowledge: Knowledge, overlaid: readonly SourcedPack[]): LintFinding[] {
  const out: LintFinding[] = [];
  for (const { file, pack } of packs) pack.rules.forEach((rule, index) => out.push(...checkRule(file, rule, index, knowledge)));
  const rules = new Map(overlaid.flatMap(({ pack }) => pack.rules.map((r) => [r.id, r] as const)));
  for (const overlay of overlays) out.push(...checkOverlay(overlay, rules));
  if (overlaid !== packs) out.push(...checkOverlaidRules(packs, overlaid, overlays, knowledge, RULE_CHECKS));
  return out;
}

function report(findings: readonly LintFinding[], documents: number, rules: number): LintReport {
  const key = (f: LintFinding) => `${f.file ?? ""}\u0000${f.path.replace(/\d+/g, (d) => d.padStart(8, "0"))}\u0000${f.code}\u0000${f.message}`;
  const seen = new Set<string>();
  const sorted = [...findings]
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .filter((f) => !seen.has(key(f)) && seen.add(key(f)) !== undefined);
  return {
    findings: sorted,
    errors: sorted.filter((f) => f.severity === "error").length,
    warnings: sorted.filter((f) => f.severity === "warning").length,
    documents,
    rules,
  };
}

function countRules(packs: readonly { readonly pack: { readonly rules: readonly unknown[] } }[]): number {
  return packs.reduce((n, p) => n + p.pack.rules.length, 0);
}

function isStringArray(v: unknown): v is readonly string[] {
  return Array.isArray(v);
}
