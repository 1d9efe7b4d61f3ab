import type { LeafAt } from "./conditionLeaves.js";
import { conjunctions } from "./conditionLeaves.js";
import { catalogEntry } from "./catalogEntry.js";
import { allowedValues, type Constraint } from "./findConflict.js";
import { ruleFinding, type RuleCheck, type RuleContext } from "./ruleContext.js";
import { PLACEHOLDER } from "../template.js";

/** The most a suggestion's summary may hold (CONTRACT §3); longer ones are cut with "…". */
export const SUMMARY_MAX = 140;
/** Widths assumed for a filled value: numbers are shown with at most 2 decimals ("1234.56"). */
const WIDTH = { number: 7, boolean: 5, string: 24 } as const;

/**
 * A summary template that could exceed 140 characters once filled. Each placeholder is
 * counted at its widest: a drug name at the longest name the rule's conditions allow (by
 * name, class and flag), a string at the longest constant the conditions allow, a number at
 * 7 characters. A list (names, classes) has no bound and is reported as such.
 */
export const checkSummaryLength: RuleCheck = (ctx) => {
  const template = ctx.rule.summary;
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "");
  let length = template.replace(PLACEHOLDER, "").length;
  const top = "all" in ctx.rule.conditions ? (conjunctions(ctx.rule.conditions, "")[0]?.leaves ?? []) : [];
  for (const name of names) {
    const width = widthOf(ctx, name, top);
    if (width === undefined) {
      return [
        ruleFinding(ctx, "warning", "summary_may_exceed_140", `${ctx.at}.summary`, `{{${name}}} is a list with no length bound; a summary can hold at most ${SUMMARY_MAX} characters (move it to the detail)`, {
          placeholder: name,
        }),
      ];
    }
    length += width;
  }
  if (length <= SUMMARY_MAX) return [];
  return [
    ruleFinding(ctx, "warning", "summary_may_exceed_140", `${ctx.at}.summary`, `the summary can reach ${length} characters once filled (max ${SUMMARY_MAX}, longer ones are cut); shorten the template`, {
      maxLength: length,
    }),
  ];
};

/** Widest rendering of a placeholder; undefined when unbounded. Unknown facts are load errors, counted as 0 here. */
function widthOf(ctx: RuleContext, name: string, top: readonly LeafAt[]): number | undefined {
  const resolved = ctx.resolver.resolve(name);
  if (resolved === undefined) return 0;
  const spec = catalogEntry(resolved);
  if (spec === undefined) return WIDTH.string;
  if (spec.type === "string[]" || spec.type === "number[]") return undefined;
  if (spec.type === "number" || spec.type === "boolean") return WIDTH[spec.type];
  const constraints = constraintsOn(ctx, name, top);
  if (resolved.slot !== "p" && resolved.key === "name") return longest(drugCandidates(ctx, name.slice(0, name.indexOf(".")), top));
  const allowed = allowedValues(constraints);
  if (allowed !== undefined && allowed.length > 0) return longest(allowed.map(String));
  if (spec.name.endsWith(".band")) return longest([...ctx.knowledge.instruments.values()].flatMap((i) => (i.bands ?? []).map((b) => b.label)));
  return WIDTH.string;
}

function constraintsOn(ctx: RuleContext, fact: string, top: readonly LeafAt[]): Constraint[] {
  const target = ctx.resolver.resolve(fact);
  return top
    .filter(({ leaf }) => {
      const r = ctx.resolver.resolve(leaf.fact);
      return leaf.path === undefined && r !== undefined && target !== undefined && r.slot === target.slot && r.key === target.key;
    })
    .map(({ leaf, path }) => ({ operator: leaf.operator, value: leaf.value, path }));
}

/** Drug names the rule can bind to a slot (`med`, `a`, `b`), given its name, class and flag conditions. */
function drugCandidates(ctx: RuleContext, prefix: string, top: readonly LeafAt[]): string[] {
  const byName = allowedValues(constraintsOn(ctx, `${prefix}.name`, top));
  const needs = (field: "classes" | "flags") =>
    constraintsOn(ctx, `${prefix}.${field}`, top)
      .filter((c) => c.operator === "contains" && typeof c.value === "string")
      .map((c) => c.value as string);
  const classes = needs("classes");
  const flags = needs("flags");
  const all = [...ctx.knowledge.drugs.values()];
  const fit = all.filter(
    (d) => (byName === undefined || byName.includes(d.entry.name)) && classes.every((c) => d.classes.includes(c)) && flags.every((f) => d.flags.includes(f)),
  );
  return (fit.length > 0 ? fit : all).map((d) => d.entry.name);
}

function longest(values: readonly string[]): number {
  return values.reduce((max, v) => Math.max(max, v.length), 0);
}
