import { describe, expect, it } from "vitest";
import { explainRule, renderExplanation } from "./explainRule.js";
import { defaultPacks } from "./loadPacks.js";

describe("explainRule", () => {
  const snapshot = { id: "x", asOf: "2026-11-22", medications: [{ name: "citalopram", dailyDoseMg: 30 }, { name: "sertraline", dailyDoseMg: 300 }] };

  it("shows each subject's outcome with actual values, including the facts that left it unknown", () => {
    const r = explainRule(snapshot, "dose.above-label-maximum", defaultPacks());
    if (!r.success) throw new Error(JSON.stringify(r.issues));
    const byMed = Object.fromEntries(r.data.subjects.map((s) => [s.medications.join("+"), s.outcome]));
    expect(byMed).toEqual({ citalopram: "data gap", sertraline: "fired" });
    const text = renderExplanation(r.data);
    expect(text).toContain("med.labelMaxDailyDoseMg (missing)");
    expect(text).toContain("actual: 300");
  });

  it("an unknown rule id is an issue, not an exception", () => {
    const r = explainRule(snapshot, "no.such-rule", defaultPacks());
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]?.code).toBe("unknown_rule");
  });
});
