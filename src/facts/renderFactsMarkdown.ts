import { FACT_CATALOG } from "./catalog.js";

/** `docs/facts.md`, generated from the fact catalog (a test fails when the file is stale). */
export function renderFactsMarkdown(): string {
  const row = (f: (typeof FACT_CATALOG)[number]) =>
    `| \`${f.scope === "medication" ? `med.${f.name}` : f.name}\` | ${f.type} | ${f.unit ?? ""} | ${f.description} | ${f.from} |`;
  const header = "| fact | type | unit | meaning | derived from |\n|---|---|---|---|---|";
  return `<!-- Generated from src/facts/catalog.ts by \`npm run docs\`; do not edit by hand. -->
# Fact catalog

Facts are what rule conditions read (json-rules-engine syntax: \`{ "fact": "...", "operator": "...", "value": ... }\`).
A fact is **unknown** when the snapshot does not give what it is derived from; a condition on an unknown
fact is neither true nor false, and a rule whose outcome depends on it is reported as a data gap naming it.

Placeholders: \`<instrument>\` is any instrument of the instruments table (see \`rules/tables/instruments.json\`), \`<lab>\` any lab
of the labs table (see \`rules/tables/labs.json\`), \`<gene>\` a gene or HLA allele (e.g. \`CYP2C19\`, \`HLA-B*15:02\`),
\`<attribute>\` an attribute of the drug table, \`<n>\` an item number.

## Patient facts

Available to every rule.

${header}
${FACT_CATALOG.filter((f) => f.scope === "patient").map(row).join("\n")}

## Medication facts

In a \`medication\` rule they are written \`med.<fact>\` (the medication being checked). In a
\`medication-pair\` rule they are written \`a.<fact>\` and \`b.<fact>\`; the engine tries both orientations
of every pair of distinct ingredients, so a rule is written once. Every listed medication is checked,
stopped ones included: test \`med.active\` or \`med.inEffect\` when a rule is about current drugs.
A medication with neither \`status\` nor \`stoppedDate\` is a current (active) one.

${header}
${FACT_CATALOG.filter((f) => f.scope === "medication").map(row).join("\n")}
`;
}
