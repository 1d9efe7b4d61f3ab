import type { Condition } from "../core/condition.js";
import type { Evidence } from "../core/evidence.js";
import type { PackSet } from "./packSet.js";
import type { Rule } from "./ruleSchema.js";

/**
 * Renders `docs/rules.md`: every pack and every rule with its kind, severity, scope,
 * follow-up interval, summary template, conditions, test cases and sources. Pure and
 * deterministic (packs sorted by id, rules in pack order), so a test can tell when the
 * file is stale.
 */
export function renderRulesMarkdown(packSet: PackSet): string {
  const packs = [...packSet.sources].sort((a, b) => (a.pack.id < b.pack.id ? -1 : a.pack.id > b.pack.id ? 1 : 0));
  const out: string[] = [
    "# Rules",
    "",
    "Generated from the rule packs in `rules/packs/` by `npm run docs`; do not edit by hand (a test fails when this",
    "file is stale). Each rule is JSON in its pack: see [authoring.md](authoring.md) for how to write, test and lint",
    "one, and [facts.md](facts.md) for the facts its conditions read. Suggestions are decision support for a",
    "qualified clinician, not a substitute for clinical judgment; validate the packs locally before clinical use.",
    "",
    "| pack | version | rules | title |",
    "|---|---|---|---|",
    ...packs.map(({ pack }) => `| [\`${pack.id}\`](#${anchor(pack.id)}) | ${pack.version} | ${pack.rules.length} | ${text(pack.title)} |`),
  ];
  for (const { pack } of packs) {
    out.push("", `## ${pack.id}`, "", `**${text(pack.title)}**, version ${pack.version}.`);
    if (pack.description !== undefined) out.push("", text(pack.description));
    out.push("", "| rule | kind | severity | scope |", "|---|---|---|---|");
    for (const r of pack.rules) out.push(`| [\`${r.id}\`](#${anchor(r.id)}) | ${r.kind} | ${r.severity} | ${r.scope} |`);
    for (const r of pack.rules) out.push("", ...renderRule(r));
  }
  return `${out.join("\n")}\n`;
}

function renderRule(r: Rule): string[] {
  const cases = r.cases ?? [];
  const count = (e: string) => cases.filter((c) => c.expect === e).length;
  const facts = [
    `**kind** ${r.kind}`,
    `**severity** ${r.severity}`,
    `**scope** ${r.scope}`,
    ...(r.followUpDays !== undefined ? [`**follow-up** within ${r.followUpDays} days`] : []),
    `**cases** ${cases.length} (${count("fires")} fire, ${count("quiet")} quiet, ${count("gap")} gap)`,
    ...(r.enabled === false ? ["**disabled**"] : []),
    ...(r.verified === false ? ["**not fully verified** (see the sources' notes)"] : []),
  ];
  return [
    `### ${r.id}`,
    "",
    ...(r.title !== undefined ? [`${text(r.title)}${/[.!?]$/.test(r.title) ? "" : "."}`, ""] : []),
    facts.join(" · "),
    "",
    `**Summary:** ${text(r.summary)}`,
    "",
    "**When:**",
    "",
    ...renderCondition(r.conditions, ""),
    "",
    "**Sources:**",
    "",
    ...r.evidence.map(renderEvidence),
  ];
}

function renderCondition(c: Condition, pad: string): string[] {
  if ("all" in c) return [`${pad}- all of:`, ...c.all.flatMap((k) => renderCondition(k, `${pad}  `))];
  if ("any" in c) return [`${pad}- any of:`, ...c.any.flatMap((k) => renderCondition(k, `${pad}  `))];
  if ("not" in c) return [`${pad}- not:`, ...renderCondition(c.not, `${pad}  `)];
  const v = c.value;
  const value = typeof v === "object" && v !== null && !Array.isArray(v) && "fact" in v ? `${String(v.fact)}${typeof v.path === "string" ? v.path : ""}` : JSON.stringify(v);
  return [`${pad}- \`${c.fact}${c.path ?? ""} ${c.operator} ${value}\`${c.name !== undefined ? ` (${text(c.name)})` : ""}`];
}

function renderEvidence(e: Evidence): string {
  const link = e.url !== undefined ? ` <${e.url}>` : "";
  const unverified = e.verified === false ? " (not verified)" : "";
  return `- ${text(e.source)}${link}${unverified}`;
}

/** Escapes text for Markdown: emphasis, links, HTML and table pipes. */
function text(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (ch) => `\\${ch}`).replace(/\s+/g, " ").trim();
}

/** GitHub's heading anchor: lower case, punctuation other than - and _ dropped, spaces to -. */
function anchor(heading: string): string {
  return heading.toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-");
}
