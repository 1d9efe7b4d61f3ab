import { didYouMean } from "../../core/didYouMean.js";
import type { LintFinding } from "./lintFinding.js";
import { conditionLeaves } from "./conditionLeaves.js";
import { ruleFinding, type RuleCheck, type RuleContext } from "./ruleContext.js";

/** Which table a fact's values come from, by the fact's resolved slot and key. */
type Vocabulary = "drug" | "class" | "flag" | "age band" | "score band";

function vocabularyOf(slot: string, key: string): Vocabulary | undefined {
  if (slot === "p") {
    if (/^scores\..+\.band$/.test(key)) return "score band";
    return key === "meds.names" ? "drug" : key === "meds.classes" ? "class" : key === "meds.flags" ? "flag" : key === "ageBands" ? "age band" : undefined;
  }
  return key === "name" ? "drug" : key === "classes" ? "class" : key === "flags" ? "flag" : undefined;
}

const CODES: Readonly<Record<Vocabulary, string>> = {
  drug: "unknown_drug",
  class: "unknown_class",
  flag: "unknown_flag",
  "age band": "unknown_age_band",
  "score band": "unknown_band",
};
const TABLES: Readonly<Record<Vocabulary, string>> = {
  drug: "the drug tables",
  class: "the vocabulary table's classes",
  flag: "the vocabulary table's flags",
  "age band": "the age-bands table",
  "score band": "the instrument's bands in the instruments table",
};

/**
 * A condition comparing a drug name, class, flag, age band or score band with a value the
 * tables do not define can never match what the engine derives (names are canonical
 * ingredients, classes and flags come from the vocabulary, bands from their tables): it is a
 * typo or a missing table entry.
 */
export const checkVocabulary: RuleCheck = (ctx) => {
  const out: LintFinding[] = [];
  for (const { leaf, path } of conditionLeaves(ctx.rule.conditions, `${ctx.at}.conditions`)) {
    const resolved = ctx.resolver.resolve(leaf.fact);
    if (resolved === undefined || leaf.path !== undefined) continue;
    const vocabulary = vocabularyOf(resolved.slot, resolved.key);
    if (vocabulary === undefined) continue;
    const known = knownValues(ctx, vocabulary, resolved.key);
    const check = (value: unknown, at: string) => {
      if (typeof value !== "string" || known.has(value)) return;
      out.push(unknownValue(ctx, vocabulary, leaf.fact, value, at, known));
    };
    if (Array.isArray(leaf.value)) leaf.value.forEach((v, i) => check(v, `${path}.value[${i}]`));
    else check(leaf.value, `${path}.value`);
  }
  return out;
};

function knownValues(ctx: RuleContext, vocabulary: Vocabulary, key: string): ReadonlySet<string> {
  const k = ctx.knowledge;
  if (vocabulary === "score band") {
    const instrument = k.instruments.get(key.slice("scores.".length, -".band".length));
    return new Set((instrument?.bands ?? []).map((b) => b.label));
  }
  if (vocabulary === "drug") return new Set(k.drugs.keys());
  if (vocabulary === "class") return new Set(k.classes.keys());
  if (vocabulary === "flag") return new Set(k.flags.keys());
  return new Set(k.ageBands.map((b) => b.name));
}

function unknownValue(ctx: RuleContext, vocabulary: Vocabulary, fact: string, value: string, at: string, known: ReadonlySet<string>): LintFinding {
  const canonical = vocabulary === "drug" ? ctx.knowledge.drugAliases.get(value.toLowerCase().trim()) : undefined;
  const suggestion = canonical ?? didYouMean(value, known);
  const message =
    canonical !== undefined
      ? `"${value}" is not a canonical drug name: ${fact} holds "${canonical}" (write that instead)`
      : `unknown ${vocabulary} "${value}": not in ${TABLES[vocabulary]}, so ${fact} never holds it` +
        (suggestion !== undefined ? `; did you mean "${suggestion}"?` : "");
  return ruleFinding(ctx, "error", CODES[vocabulary], at, message, { value, ...(suggestion !== undefined ? { didYouMean: suggestion } : {}) });
}
