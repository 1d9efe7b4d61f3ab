import { describe, expect, it } from "vitest";
import { evaluate } from "../evaluate.js";
import { toCdsHooksResponse } from "./cdsHooks.js";

const base = { id: "pt", asOf: "2026-11-22", age: 40, sex: "female" };

describe("toCdsHooksResponse", () => {
  it("lists the medications not recognised on one info card, with did-you-mean; none, no card", () => {
    const result = evaluate({ ...base, medications: [{ name: "sertralin" }, { name: "amlodipine" }] });
    const cards = toCdsHooksResponse(result).cards.filter((c) => c.summary.includes("not recognised"));
    expect(cards).toHaveLength(1);
    expect(cards[0]?.indicator).toBe("info");
    expect(cards[0]?.summary).toBe("2 medications were not recognised and not checked for interactions or doses");
    expect(cards[0]?.detail).toContain("- medications.name: sertralin (did you mean sertraline?)");
    expect(cards[0]?.detail).toContain("- medications.name: amlodipine");
    const known = evaluate({ ...base, medications: [{ name: "sertraline" }] });
    expect(toCdsHooksResponse(known).cards.some((c) => c.summary.includes("not recognised"))).toBe(false);
  });

  it("other inputs not recognised are named as inputs", () => {
    const result = evaluate({ ...base, medications: [{ name: "amlodipine" }], labs: [{ test: "zinc", value: 1, unit: "mg/L", date: "2026-11-01" }] });
    const card = toCdsHooksResponse(result).cards.find((c) => c.summary.includes("not recognised"));
    expect(card?.summary).toBe("2 inputs were not recognised and not used by any check");
    expect(card?.detail).toContain("- labs.test: zinc");
  });
});
