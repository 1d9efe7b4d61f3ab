import type { EvaluationResult } from "../output/resultSchema.js";

const MARK = { critical: "!!", warning: "! ", info: "i " } as const;

function show(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** A plain-text report of a result for a terminal, with the disclaimer. */
export function toTextReport(result: EvaluationResult): string {
  const lines: string[] = [];
  lines.push(`psychrx ${result.engine.version} — patient ${result.patientId}, as of ${result.asOf}`);
  lines.push(`packs: ${result.packs.filter((p) => p.type !== "table").map((p) => `${p.id}@${p.version}`).join(", ")}`);
  lines.push("");
  if (result.suggestions.length === 0) lines.push("No suggestions.");
  for (const s of result.suggestions) {
    lines.push(`[${MARK[s.severity]}] ${s.severity.toUpperCase()} ${s.kind}: ${s.summary}`);
    lines.push(`     ${s.detail}`);
    if (s.followUp) lines.push(`     follow up within ${s.followUp.withinDays} days`);
    for (const b of s.because) {
      lines.push(`     because ${b.fact}${b.path ?? ""} ${b.operator} ${show(b.expected)} — patient: ${show(b.actual)}${b.result ? "" : " (false)"}`);
    }
    for (const e of s.evidence) lines.push(`     source: ${e.source}${e.url ? ` <${e.url}>` : ""}`);
    if (s.alsoFired) lines.push(`     also matched: ${s.alsoFired.join(", ")}`);
    lines.push(`     rule ${s.ruleId} (${s.pack})`);
    lines.push("");
  }
  if (result.dataGaps.length > 0) {
    lines.push(`Could not decide (data missing) — ${result.dataGaps.length}:`);
    for (const g of result.dataGaps) {
      lines.push(`  - ${g.ruleId}${g.medications ? ` [${g.medications.join(", ")}]` : ""}: missing ${g.missing.join(", ")}`);
    }
    lines.push("");
  }
  if (result.unrecognized.length > 0) {
    lines.push("Not in the knowledge tables (kept, checked only with what is known):");
    for (const u of result.unrecognized) lines.push(`  - ${u.field}: ${u.value}${u.didYouMean ? ` (did you mean ${u.didYouMean}?)` : ""}`);
    lines.push("");
  }
  lines.push(result.disclaimer);
  return `${lines.join("\n")}\n`;
}
