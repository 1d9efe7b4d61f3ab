import { ruleFinding, type RuleCheck } from "./ruleContext.js";

/** A source that names the knowledge tables defers to the citations each table entry carries. */
const TABLE_REFERENCE = /\brules\/tables\//;

/**
 * Evidence a reader cannot open: every citation should carry a `url` (a label on DailyMed, a
 * CPIC guideline, a paper's DOI). A source that points to the knowledge tables
 * (`… cited per drug in rules/tables/drugs/`) is a cross-reference, not a citation: the tables
 * cite each entry, so it needs no url. An empty evidence list is already refused when loading.
 */
export const checkEvidence: RuleCheck = (ctx) =>
  ctx.rule.evidence.flatMap((e, i) =>
    e.url === undefined && !TABLE_REFERENCE.test(e.source)
      ? [ruleFinding(ctx, "warning", "evidence_without_url", `${ctx.at}.evidence[${i}]`, `evidence "${cut(e.source)}" has no url; add a link a reader can open`)]
      : [],
  );

function cut(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 59).trimEnd()}…`;
}
