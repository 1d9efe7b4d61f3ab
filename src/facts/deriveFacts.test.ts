import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snapshotArb } from "../../test/arbitraries/snapshot.js";
import { defaultPacks } from "../packs/loadPacks.js";
import { checkSnapshot } from "../snapshot/parseSnapshot.js";
import { factResolver } from "./factResolver.js";

function factsOf(input: unknown) {
  const packs = defaultPacks();
  const s = checkSnapshot(input, packs.knowledge);
  if (!s.success) throw new Error(JSON.stringify(s.issues));
  return { facts: packs.deriver.derive(s.data), snapshot: s.data };
}
const base = { id: "pt", asOf: "2026-11-22" };

describe("deriveFacts", () => {
  it("joins each medication with the drug table and computes its days", () => {
    const { facts } = factsOf({
      ...base,
      age: 70,
      medications: [{ name: "Citalopram Hydrobromide 20 mg tablet", dailyDoseMg: 40, startDate: "2026-08-01", doseChangedDate: "2026-10-01" }],
    });
    const m = facts.medications[0]?.values ?? {};
    expect(m["name"]).toBe("citalopram");
    expect(m["classes"]).toContain("ssri");
    expect(m["generalMaxDailyDoseMg"]).toBe(40);
    expect(m["labelMaxDailyDoseMg"]).toBe(20); // age over 60
    expect(m["daysOnCurrentDose"]).toBe(52);
    expect(m["daysSinceStart"]).toBe(113);
    expect(m["status"]).toBe("active");
  });

  it("a special maximum that cannot be decided leaves the patient's maximum unknown, naming why", () => {
    const { facts } = factsOf({ ...base, medications: [{ name: "citalopram", dailyDoseMg: 30 }] });
    const m = facts.medications[0];
    expect(m?.values["labelMaxDailyDoseMg"]).toBeUndefined();
    expect(m?.missing?.["labelMaxDailyDoseMg"]).toEqual(expect.arrayContaining(["age"]));
  });

  it("latest score, baseline and percent change; ties on a date go to the higher total", () => {
    const { facts } = factsOf({
      ...base,
      scores: [
        { instrument: "PHQ-9", total: 10, date: "2026-11-20" },
        { instrument: "phq9", total: 20, date: "2026-08-01" },
        { instrument: "PHQ-9", total: 12, date: "2026-11-20" },
      ],
    });
    const p = facts.patient.values;
    expect(p["scores.PHQ-9.latest"]).toBe(12);
    expect(p["scores.PHQ-9.baseline"]).toBe(20);
    expect(p["scores.PHQ-9.percentChange"]).toBe(-40);
    expect(p["scores.PHQ-9.band"]).toBe("moderate");
    expect(p["scores.PHQ-9.ageDays"]).toBe(2);
    expect(p["scores.GAD-7.count"]).toBe(0);
    expect(factsOf(base).facts.patient.values["scores.GAD-7.count"]).toBeUndefined();
    expect(p["scores.GAD-7.latest"]).toBeUndefined();
  });

  it("labs are converted to the canonical unit; the newest wins", () => {
    const { facts } = factsOf({
      ...base,
      labs: [
        { test: "creatinine", value: 88.4, unit: "umol/L", date: "2026-11-01" },
        { test: "weight", value: 220.462, unit: "lb", date: "2026-11-01" },
        { test: "lithium", value: 1.1, unit: "mEq/L", date: "2026-06-01" },
        { test: "lithium", value: 0.7, unit: "mmol/L", date: "2026-10-01" },
      ],
    });
    const p = facts.patient.values;
    expect(p["labs.creatinine"]).toBeCloseTo(1, 6);
    expect(p["labs.weight"]).toBeCloseTo(100, 2);
    expect(p["labs.lithium"]).toBe(0.7);
    expect(p["labs.lithium.previous"]).toBe(1.1);
    expect(p["labs.lithium.ageDays"]).toBe(52);
    expect(p["labs.QTc"]).toBeUndefined();
  });

  it("a lab's therapeutic range from the table is a fact for every patient; labs without one have no such fact", () => {
    const p = factsOf(base).facts.patient.values;
    expect([p["labs.lithium.therapeuticLow"], p["labs.lithium.therapeuticHigh"]]).toEqual([0.8, 1.2]);
    const resolver = factResolver("patient", defaultPacks().knowledge);
    expect(resolver.resolve("labs.lithium.therapeuticHigh")).toBeDefined();
    expect(resolver.resolve("labs.TSH.therapeuticHigh")).toBeUndefined();
  });

  it("a stopped drug stays in effect for its washout, then not", () => {
    const within = factsOf({ ...base, medications: [{ name: "fluoxetine", status: "stopped", stoppedDate: "2026-11-01" }] });
    const after = factsOf({ ...base, medications: [{ name: "fluoxetine", status: "stopped", stoppedDate: "2026-09-01" }] });
    expect(within.facts.medications[0]?.values["inEffect"]).toBe(true);
    expect(after.facts.medications[0]?.values["inEffect"]).toBe(false);
  });

  it("absent lists are unknown, empty lists are known", () => {
    const absent = factsOf(base).facts.patient.values;
    const empty = factsOf({ ...base, medications: [], sideEffects: [] }).facts.patient.values;
    expect(absent["meds.count"]).toBeUndefined();
    expect(absent["sideEffects"]).toBeUndefined();
    expect(empty["meds.count"]).toBe(0);
    expect(empty["sideEffects"]).toEqual([]);
  });

  it("unrecognised medications are kept with a did-you-mean, without array indices", () => {
    const { snapshot, facts } = factsOf({ ...base, medications: [{ name: "sertralin" }, { name: "Amlodipine 5 mg tablet" }] });
    expect(snapshot.unrecognized).toEqual([
      { field: "medications.name", value: "amlodipine" },
      { field: "medications.name", value: "sertralin", didYouMean: "sertraline" },
    ]);
    expect(facts.medications).toHaveLength(2);
    expect(facts.medications[0]?.values["classes"]).toEqual([]);
  });

  it("RxCUI alone resolves the drug", () => {
    const { facts } = factsOf({ ...base, medications: [{ rxcui: "36437" }] });
    expect(facts.medications[0]?.values["name"]).toBe("sertraline");
  });

  it("diagnosis codes fall in condition groups by prefix, dots and case ignored; no diagnosis list is unknown", () => {
    const cirrhosis = factsOf({ ...base, diagnoses: [{ code: "k7460" }, { code: "F33.1" }] }).facts.patient.values;
    expect(cirrhosis["conditions"]).toEqual(["chronic-liver-disease", "hepatic-impairment"]);
    expect(factsOf({ ...base, diagnoses: [{ code: "F33.1" }] }).facts.patient.values["conditions"]).toEqual([]);
    expect(factsOf(base).facts.patient.values["conditions"]).toBeUndefined();
  });

  it("a special maximum keyed on a condition group lowers the patient's maximum", () => {
    const pgx = [{ gene: "CYP2C19", phenotype: "normal metabolizer" }];
    const med = [{ name: "citalopram", dailyDoseMg: 40 }];
    const liver = factsOf({ ...base, age: 45, pharmacogenomics: pgx, medications: med, diagnoses: [{ code: "K70.30" }] }).facts;
    const none = factsOf({ ...base, age: 45, pharmacogenomics: pgx, medications: med, diagnoses: [] }).facts;
    expect(liver.medications[0]?.values["labelMaxDailyDoseMg"]).toBe(20);
    expect(none.medications[0]?.values["labelMaxDailyDoseMg"]).toBe(40);
  });

  it("property: flag and class counts match the distinct medications in effect; unknown without a medication list", () => {
    const packs = defaultPacks();
    fc.assert(
      fc.property(snapshotArb, (input) => {
        const s = checkSnapshot(input, packs.knowledge);
        if (!s.success) return;
        const { patient, medications } = packs.deriver.derive(s.data);
        const p = patient.values;
        if (input.medications === undefined) {
          expect(p["meds.flagCount.serotonergic"]).toBeUndefined();
          return;
        }
        const inEffect = new Map<string, (typeof medications)[number]>();
        for (const m of medications) if (m.values["inEffect"] !== false) inEffect.set(m.values["name"] as string, m);
        for (const flag of packs.knowledge.flags.keys()) {
          const expected = [...inEffect.values()].filter((m) => (m.values["flags"] as string[]).includes(flag)).length;
          expect(p[`meds.flagCount.${flag}`]).toBe(expected);
          expect(expected).toBeLessThanOrEqual(p["meds.count"] as number);
        }
        for (const cls of packs.knowledge.classes.keys()) {
          expect(p[`meds.classCount.${cls}`]).toBe([...inEffect.values()].filter((m) => (m.values["classes"] as string[]).includes(cls)).length);
        }
        expect(p["meds.unrecognizedCount"]).toBe([...inEffect.values()].filter((m) => m.values["recognized"] !== true).length);
      }),
      { numRuns: 150 },
    );
  });
});
