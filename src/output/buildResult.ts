import type { Mutable } from "../core/mutable.js";
import { sharedConstant } from "../core/sharedConstant.js";
import type { RuleOutcomes } from "../engine/evaluateRules.js";
import type { PackSet } from "../packs/packSet.js";
import { SEVERITIES, KINDS } from "../packs/ruleSchema.js";
import type { NormalizedSnapshot } from "../snapshot/normalizedSnapshot.js";
import { VERSION } from "../version.js";
import { DISCLAIMER } from "./disclaimer.js";
import type { DataGap, EvaluationResult, Suggestion } from "./resultSchema.js";
import { toSuggestion } from "./toSuggestion.js";

const severityRank = (s: Suggestion["severity"]) => SEVERITIES.indexOf(s);
const kindRank = (k: Suggestion["kind"]) => KINDS.indexOf(k);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds the result: suggestions from firings, merged (one per rule and subject; one
 * interaction alert per drug pair, highest severity wins), data gaps not already
 * answered by a suggestion, everything in a fixed order.
 *
 * With `shared`, the parts that are the same in every result of the pack set (the engine, the
 * pack list, each rule's evidence and PDDI information) are shared, deep-frozen constants (see
 * `sharedConstant`) instead of fresh objects: for results that are serialised and dropped, never
 * handed to a caller, who may change them.
 */
export function buildResult(s: NormalizedSnapshot, outcomes: RuleOutcomes, packSet: PackSet, shared = false): EvaluationResult {
  const byId = new Map<string, Suggestion>();
  for (const f of outcomes.fired) {
    const sug = toSuggestion(f, shared);
    const prior = byId.get(sug.id);
    // The same rule and subject twice (a medication listed twice): keep one, chosen by content.
    if (prior === undefined || JSON.stringify(sug) < JSON.stringify(prior)) byId.set(sug.id, sug);
  }
  const merged = mergePairAlerts([...byId.values()]);
  merged.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      kindRank(a.kind) - kindRank(b.kind) ||
      cmp(a.ruleId, b.ruleId) ||
      cmp(a.medications.join(","), b.medications.join(",")) ||
      cmp(a.id, b.id),
  );

  const answered = new Set(outcomes.fired.map((f) => `${f.rule.rule.id}\u0000${f.medications.join("\u0000")}`));
  const gaps = new Map<string, DataGap>();
  for (const g of outcomes.gaps) {
    const key = `${g.rule.rule.id}\u0000${g.medications.join("\u0000")}`;
    if (answered.has(key)) continue;
    const prior = gaps.get(key);
    const missing = prior === undefined ? sortedUnique(g.missing) : sortedUnique([...prior.missing, ...g.missing]);
    const gap: Mutable<DataGap> = {
      ruleId: g.rule.rule.id,
      pack: g.rule.packId,
      kind: g.rule.rule.kind,
      severity: g.rule.rule.severity,
      missing,
    };
    if (g.medications.length > 0) gap.medications = [...g.medications];
    gaps.set(key, gap);
  }
  const dataGaps = [...gaps.values()].sort(
    (a, b) => cmp(a.ruleId, b.ruleId) || cmp((a.medications ?? []).join(","), (b.medications ?? []).join(",")),
  );

  return {
    patientId: s.id,
    asOf: s.asOf,
    engine: shared ? SHARED_ENGINE : { name: "psychrx", version: VERSION },
    packs: shared ? sharedPacksOf(packSet) : packsOf(packSet),
    suggestions: merged,
    dataGaps,
    unrecognized: [...s.unrecognized],
    disclaimer: DISCLAIMER,
  };
}

const SHARED_ENGINE = sharedConstant({ name: "psychrx" as const, version: VERSION });
const sharedPacks = new WeakMap<PackSet, EvaluationResult["packs"]>();

function packsOf(packSet: PackSet): EvaluationResult["packs"] {
  return packSet.packs.map((p) => ({ id: p.id, version: p.version, sha256: p.sha256, type: p.type }));
}

/** The pack list of every result of a pack set, made once. */
function sharedPacksOf(packSet: PackSet): EvaluationResult["packs"] {
  let packs = sharedPacks.get(packSet);
  if (packs === undefined) {
    packs = sharedConstant(packsOf(packSet));
    sharedPacks.set(packSet, packs);
  }
  return packs;
}

/** The distinct names of a list, sorted; a copy, made without sorting when the list is already in order (the usual case). */
function sortedUnique(list: readonly string[]): string[] {
  for (let i = 1; i < list.length; i++) {
    if (!((list[i - 1] as string) < (list[i] as string))) return [...new Set(list)].sort();
  }
  return [...list];
}

/** One interaction alert per drug pair: the most severe wins (ties: lowest rule id); the others are named in `alsoFired`. */
function mergePairAlerts(suggestions: Suggestion[]): Suggestion[] {
  const out: Suggestion[] = [];
  const pairs = new Map<string, Suggestion[]>();
  for (const s of suggestions) {
    if (s.kind !== "interaction-alert" || s.medications.length !== 2) {
      out.push(s);
      continue;
    }
    const key = s.medications.join("\u0000");
    pairs.set(key, [...(pairs.get(key) ?? []), s]);
  }
  for (const group of pairs.values()) {
    group.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || cmp(a.ruleId, b.ruleId));
    const [winner, ...rest] = group;
    if (winner === undefined) continue;
    out.push(rest.length === 0 ? winner : { ...winner, alsoFired: rest.map((r) => r.ruleId).sort() });
  }
  return out;
}
