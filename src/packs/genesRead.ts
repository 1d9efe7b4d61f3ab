import type { Condition } from "../core/condition.js";
import type { Knowledge } from "../knowledge/knowledge.js";

const PGX_FACT = /^pgx\.(.+)$/;

/**
 * The genes and HLA alleles (upper case) whose `pgx.<gene>` fact some rule or drug-table special
 * maximum reads: a result reported for any other is kept but used by nothing, and says so.
 */
export function genesRead(knowledge: Knowledge, conditions: readonly Condition[]): ReadonlySet<string> {
  const genes = new Set<string>();
  const visit = (c: Condition): void => {
    if ("all" in c) c.all.forEach(visit);
    else if ("any" in c) c.any.forEach(visit);
    else if ("not" in c) visit(c.not);
    else {
      const gene = PGX_FACT.exec(c.fact)?.[1];
      if (gene !== undefined) genes.add(gene.toUpperCase());
      const other = typeof c.value === "object" && c.value !== null && !Array.isArray(c.value) ? c.value["fact"] : undefined;
      const referenced = typeof other === "string" ? PGX_FACT.exec(other)?.[1] : undefined;
      if (referenced !== undefined) genes.add(referenced.toUpperCase());
    }
  };
  for (const drug of knowledge.drugs.values()) for (const m of drug.specialMaxima) visit(m.when);
  conditions.forEach(visit);
  return genes;
}
