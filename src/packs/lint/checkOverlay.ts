import type { Rule } from "../ruleSchema.js";
import type { SourcedOverlay } from "../packSet.js";
import type { LintFinding } from "./lintFinding.js";

/**
 * Overlay changes that could mislead without anyone noticing:
 * - a `set` without `from`: it addresses a rule by position (`conditions.all[2].value`), so a
 *   reordered or updated pack would silently take the new value in the wrong place;
 * - a threshold changed while the rule's summary or detail (as finally overlaid) still states
 *   the old number (`below the 0.5 threshold`, `less than 50%`): the clinician reads the wrong one.
 * Unknown rules and paths are already load errors.
 */
export function checkOverlay({ file, overlay }: SourcedOverlay, rules: ReadonlyMap<string, Rule>): LintFinding[] {
  const out: LintFinding[] = [];
  overlay.changes.forEach((change, i) =>
    (change.set ?? []).forEach((s, j) => {
      const base = { file, path: `changes[${i}].set[${j}]`, ruleId: change.rule };
      if (s.from === undefined) {
        out.push({
          ...base,
          severity: "warning",
          code: "overlay_set_without_from",
          message: `set ${s.path} has no "from": give the value it replaces, so that the overlay is refused if the pack changes under it`,
        });
        return;
      }
      const rule = rules.get(change.rule);
      if (rule === undefined || typeof s.from !== "number" || !s.path.startsWith("conditions") || s.from === s.value) return;
      for (const field of ["summary", "detail"] as const) {
        const stated = statedAs(rule[field], s.from);
        if (stated !== undefined) {
          out.push({
            ...base,
            severity: "warning",
            code: "overlay_stale_text",
            message: `the rule's ${field} still says "${stated}" after ${s.path} changed from ${s.from} to ${JSON.stringify(s.value)}; set ${field} too`,
            params: { field, stated },
          });
        }
      }
    }),
  );
  return out;
}

/** How a text states a number, if it does: `0.5`, or `50%` for a proportion. */
function statedAs(text: string, n: number): string | undefined {
  const forms = [String(n), ...(n > 0 && n < 1 ? [`${Math.round(n * 1000) / 10}%`] : [])];
  return forms.find((f) => new RegExp(`(^|[^\\d.])${f.replace(/[.%]/g, "\\$&")}(?![\\d])`).test(text));
}
