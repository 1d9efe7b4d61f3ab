import { createHash } from "node:crypto";
import type { EvaluationResult } from "../output/resultSchema.js";

/** A CDS Hooks 2.0 card (https://cds-hooks.hl7.org/2.0/#card-attributes). */
export interface CdsCard {
  uuid: string;
  summary: string;
  detail: string;
  indicator: "info" | "warning" | "critical";
  source: { label: string; url?: string; topic?: { system: string; code: string; display?: string } };
  links?: { label: string; url: string; type: "absolute" }[];
}

/** A CDS Hooks 2.0 service response. */
export interface CdsHooksResponse {
  cards: CdsCard[];
}

/** A UUID-shaped id derived from content, so the same result gives the same cards. */
function contentUuid(text: string): string {
  const h = createHash("sha256").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Turns a result into CDS Hooks 2.0 cards: one card per suggestion (severity becomes the
 * indicator, evidence becomes links), one info card listing the data gaps, and one listing the
 * inputs not recognised (checked by no rule).
 */
export function toCdsHooksResponse(result: EvaluationResult): CdsHooksResponse {
  const packLabel = result.packs.filter((p) => p.type !== "table").map((p) => `${p.id} ${p.version}`).join(", ");
  const cards: CdsCard[] = result.suggestions.map((s) => {
    const links = s.evidence.filter((e) => e.url !== undefined).map((e) => ({ label: e.source.length <= 120 ? e.source : `${e.source.slice(0, 119).replace(/\s+\S*$/, "")}…`, url: e.url as string, type: "absolute" as const }));
    const sources = s.evidence.map((e) => `- ${e.source}`).join("\n");
    const pddi = s.pddi
      ? `\n\n**Interaction:** ${s.pddi.clinicalConsequence.replace(/[.\s]*$/, "")} (${s.pddi.seriousness}). **Mechanism:** ${s.pddi.mechanism.replace(/[.\s]*$/, ".")} **Recommended action:** ${s.pddi.recommendedAction.replace(/[.\s]*$/, ".")}${
          s.pddi.modifyingFactors?.length ? `\n\n**Modifying factors:**\n${s.pddi.modifyingFactors.map((m) => `- ${m.factor}: ${m.effect}`).join("\n")}` : ""
        }`
      : "";
    const because = s.because.map((b) => `- ${b.fact} ${b.operator} ${JSON.stringify(b.expected)} (patient: ${JSON.stringify(b.actual)})`).join("\n");
    return {
      uuid: contentUuid(`${result.patientId}\u0000${s.id}`),
      summary: s.summary,
      detail: `${s.detail}${pddi}\n\n**Why:**\n${because}\n\n**Sources:**\n${sources}\n\n*${result.disclaimer}*`,
      indicator: s.severity,
      source: { label: `psychrx (${packLabel})`, topic: { system: "urn:psychrx:rule", code: s.ruleId, display: s.kind } },
      ...(links.length > 0 ? { links } : {}),
    };
  });
  if (result.dataGaps.length > 0) {
    const lines = result.dataGaps.map((g) => `- ${g.ruleId}${g.medications ? ` (${g.medications.join(", ")})` : ""}: missing ${g.missing.join(", ")}`);
    cards.push({
      uuid: contentUuid(`${result.patientId}\u0000data-gaps\u0000${lines.join("\n")}`),
      summary: `${result.dataGaps.length} check${result.dataGaps.length === 1 ? "" : "s"} could not be completed: data missing`,
      detail: `These checks could not be decided because data is missing; they are not "no alert".\n\n${lines.join("\n")}\n\n*${result.disclaimer}*`,
      indicator: "info",
      source: { label: `psychrx (${packLabel})` },
    });
  }
  if (result.unrecognized.length > 0) {
    // Inputs the tables do not know were checked against nothing: a clinician must know which.
    const lines = result.unrecognized.map((u) => `- ${u.field}: ${u.value}${u.didYouMean !== undefined ? ` (did you mean ${u.didYouMean}?)` : ""}`);
    const meds = result.unrecognized.filter((u) => u.field.startsWith("medications.")).length;
    const count = result.unrecognized.length;
    cards.push({
      uuid: contentUuid(`${result.patientId}\u0000unrecognized\u0000${lines.join("\n")}`),
      summary:
        meds === count
          ? `${count} medication${count === 1 ? " was" : "s were"} not recognised and not checked for interactions or doses`
          : `${count} input${count === 1 ? " was" : "s were"} not recognised and not used by any check`,
      detail: `psychrx's knowledge tables do not know these inputs, so no rule checked them (interactions, doses, monitoring); check them yourself.\n\n${lines.join("\n")}\n\n*${result.disclaimer}*`,
      indicator: "info",
      source: { label: `psychrx (${packLabel})` },
    });
  }
  return { cards };
}
