import { didYouMean } from "../../core/didYouMean.js";
import type { Issue } from "../../core/issue.js";
import { toJsonPath } from "../../core/toJsonPath.js";
import { fromZodIssues } from "../../core/zodIssues.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import { compileRules } from "../compileRules.js";
import type { RulePack } from "../packSchema.js";
import type { SourcedOverlay, SourcedPack } from "../packSet.js";
import { RuleSchema, type Rule } from "../ruleSchema.js";
import { jsonEqual, lookupPath, parseRulePath, setAtPath } from "./rulePath.js";

/** Fields of a rule an overlay may not set: they are what the overlay and the results refer to it by. */
const FIXED = new Set(["id", "scope", "cases"]);

/**
 * Applies overlays to validated packs, in order (a later overlay wins). Each change must
 * name a loaded rule and existing paths, and leave a rule that still validates and compiles;
 * otherwise it is not applied and the issue names the overlay file and the change's JSON path.
 * Pure: the packs given are not modified; changed packs are copies.
 */
export function applyOverlays(
  packs: readonly SourcedPack[],
  overlays: readonly SourcedOverlay[],
  knowledge: Knowledge,
): { packs: SourcedPack[]; issues: Issue[] } {
  const issues: Issue[] = [];
  if (overlays.length === 0) return { packs: [...packs], issues };
  const out = packs.map((p) => ({ file: p.file, pack: p.pack }));
  const where = new Map<string, { packIndex: number; ruleIndex: number }>();
  out.forEach((p, packIndex) => p.pack.rules.forEach((r, ruleIndex) => where.has(r.id) || where.set(r.id, { packIndex, ruleIndex })));
  const copied = new Set<number>();

  for (const { file, overlay } of overlays) {
    overlay.changes.forEach((change, i) => {
      const at = `changes[${i}]`;
      const loc = where.get(change.rule);
      if (loc === undefined) {
        const suggestion = didYouMean(change.rule, where.keys());
        issues.push({
          file,
          path: `${at}.rule`,
          code: "overlay_unknown_rule",
          message:
            `no rule "${change.rule}" in the packs loaded with this overlay` +
            (suggestion !== undefined ? `; did you mean "${suggestion}"?` : "; load the packs it changes first (--packs rules --packs OVERLAY)"),
          params: { ruleId: change.rule, ...(suggestion !== undefined ? { didYouMean: suggestion } : {}) },
        });
        return;
      }
      const target = out[loc.packIndex] as { file: string; pack: RulePack };
      const rule = structuredClone(target.pack.rules[loc.ruleIndex]) as Rule;
      const problems: Issue[] = [];
      if (change.enabled !== undefined) rule.enabled = change.enabled;
      if (change.severity !== undefined) rule.severity = change.severity;
      (change.set ?? []).forEach((s, j) => {
        const setAt = `${at}.set[${j}]`;
        const keys = parseRulePath(s.path);
        if (FIXED.has(String(keys[0]))) {
          problems.push({ file, path: `${setAt}.path`, code: "overlay_fixed_field", message: `an overlay cannot change a rule's ${String(keys[0])}` });
          return;
        }
        const found = lookupPath(rule, keys);
        if (!found.found) {
          problems.push({
            file,
            path: `${setAt}.path`,
            code: "overlay_unknown_path",
            message: `rule "${change.rule}" has no ${s.path}: ${describeStop(found.existing, found.at)}`,
            params: { ruleId: change.rule, rulePath: s.path },
          });
          return;
        }
        if (s.from !== undefined && !jsonEqual(found.value, s.from)) {
          problems.push({
            file,
            path: `${setAt}.from`,
            code: "overlay_from_mismatch",
            message: `rule "${change.rule}" has ${JSON.stringify(found.value)} at ${s.path}, not ${JSON.stringify(s.from)}: the pack changed under this overlay; review it`,
            params: { ruleId: change.rule, rulePath: s.path, actual: found.value },
          });
          return;
        }
        setAtPath(rule, keys, structuredClone(s.value));
      });
      if (problems.length === 0) problems.push(...revalidate(rule, change.rule, target.pack, knowledge, file, at));
      if (problems.length > 0) {
        issues.push(...problems.map((p) => ({ ...p, params: { ...p.params, ruleId: change.rule } })));
        return;
      }
      if (!copied.has(loc.packIndex)) {
        target.pack = { ...target.pack, rules: [...target.pack.rules] };
        copied.add(loc.packIndex);
      }
      target.pack.rules[loc.ruleIndex] = rule;
    });
  }
  return { packs: out, issues };
}

/** A changed rule must still be a valid rule that compiles against the tables. */
function revalidate(rule: Rule, ruleId: string, pack: RulePack, knowledge: Knowledge, file: string, at: string): Issue[] {
  const parsed = RuleSchema.safeParse(rule, { reportInput: true });
  const inner = parsed.success
    ? compileRules({ ...pack, rules: [{ ...parsed.data, enabled: true }] }, file, knowledge).issues.map((i) => ({ ...i, path: i.path.replace(/^rules\[0\]\.?/, "") }))
    : fromZodIssues(parsed.error.issues);
  return inner.map((i) => ({
    file,
    path: at,
    code: "overlay_invalid_result",
    message: `after this change, rule "${ruleId}" is invalid at ${i.path || "$"}: ${i.message} [${i.code}]`,
    params: { ruleId, rulePath: i.path, cause: i.code },
  }));
}

function describeStop(existing: readonly (string | number)[], at: unknown): string {
  const shown = existing.length === 0 ? "the rule" : toJsonPath(existing);
  if (Array.isArray(at)) return `${shown} has ${at.length} item${at.length === 1 ? "" : "s"}`;
  if (at !== null && typeof at === "object") return `${shown} has ${Object.keys(at).map((k) => `"${k}"`).join(", ") || "no fields"}`;
  return `${shown} is ${JSON.stringify(at)}, not a list or object`;
}
