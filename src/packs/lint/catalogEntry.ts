import { FACT_CATALOG, type FactSpec } from "../../facts/catalog.js";
import type { ResolvedFact } from "../../logic/compileCondition.js";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Catalog entries as patterns (`labs.<lab>.ageDays` → /^labs\.(.+)\.ageDays$/), most specific first. */
const PATTERNS = FACT_CATALOG.map((spec) => ({
  spec,
  literal: spec.name.replace(/<[^>]+>/g, "").length,
  re: new RegExp(`^${spec.name.split(/<[^>]+>/).map(escape).join("(.+)")}$`),
})).sort((a, b) => b.literal - a.literal);

/** The catalog entry a resolved fact is an instance of (`p:labs.X.ageDays` → `labs.<lab>.ageDays`). */
export function catalogEntry(fact: ResolvedFact): FactSpec | undefined {
  const scope = fact.slot === "p" ? "patient" : "medication";
  return PATTERNS.find((p) => p.spec.scope === scope && p.re.test(fact.key))?.spec;
}
