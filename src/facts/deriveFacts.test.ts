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

  it("a tapering medication without the date of its last dose change has an unknown time on the current dose", () => {
    const tapering = factsOf({ ...base, medications: [{ name: "lorazepam", dailyDoseMg: 1, startDate: "2020-01-01", status: "tapering" }] });
    expect(tapering.facts.medications[0]?.values["daysOnCurrentDose"]).toBeUndefined();
    const active = factsOf({ ...base, medications: [{ name: "lorazepam", dailyDoseMg: 1, startDate: "2026-11-01", status: "active" }] });
    expect(active.facts.medications[0]?.values["daysOnCurrentDose"]).toBe(21);
  });

  it("a combination product of two known ingredients is both, each with an unknown dose (the dose is the product's)", () => {
    const { facts } = factsOf({ ...base, medications: [{ name: "Olanzapine 6 MG / Fluoxetine 25 MG Oral Capsule", dailyDoseMg: 6, startDate: "2026-01-01" }] });
    expect(facts.medications.map((m) => m.values["name"])).toEqual(["fluoxetine", "olanzapine"]);
    for (const m of facts.medications) {
      expect(m.values["dailyDoseMg"]).toBeUndefined();
      expect(m.values["daysSinceStart"]).toBe(325);
    }
    expect(facts.patient.values["meds.names"]).toEqual(["fluoxetine", "olanzapine"]);
  });

  it("property: a drug listed several times as current is taken at the sum of its doses, unknown when one has none; stopped entries keep their own", () => {
    const entry = fc.record({
      name: fc.constantFrom("citalopram", "Celexa", "citalopram hydrobromide 20 mg tablet"),
      dose: fc.option(fc.constantFrom(10, 20, 40), { nil: undefined }),
      status: fc.constantFrom("active" as const, "tapering" as const, "stopped" as const),
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), (entries) => {
        const medications = entries.map((e) => ({ name: e.name, status: e.status, ...(e.dose !== undefined ? { dailyDoseMg: e.dose } : {}), ...(e.status === "stopped" ? { stoppedDate: "2026-11-01" } : {}) }));
        const current = entries.filter((e) => e.status !== "stopped");
        const total = current.every((e) => e.dose !== undefined) ? current.reduce((sum, e) => sum + (e.dose ?? 0), 0) : undefined;
        const facts = factsOf({ ...base, medications }).facts.medications;
        const doses = (list: typeof facts) => list.map((m) => [m.values["status"], m.values["dailyDoseMg"]]);
        for (const m of facts) {
          if (m.values["status"] !== "stopped" && current.length > 1) expect(m.values["dailyDoseMg"]).toBe(total);
        }
        const stopped = facts.filter((m) => m.values["status"] === "stopped").map((m) => m.values["dailyDoseMg"]).sort();
        expect(stopped).toEqual(entries.filter((e) => e.status === "stopped").map((e) => e.dose).sort());
        expect(doses(factsOf({ ...base, medications: [...medications].reverse() }).facts.medications)).toEqual(doses(facts));
      }),
    );
  });

  it("each medication knows the score it started from (newest on or before its start) and the change since", () => {
    const { facts } = factsOf({
      ...base,
      medications: [
        { name: "sertraline", startDate: "2026-06-01" },
        { name: "bupropion", startDate: "2025-01-01" },
        { name: "mirtazapine" },
      ],
      scores: [
        { instrument: "PHQ-9", total: 9, date: "2024-03-01" },
        { instrument: "PHQ-9", total: 24, date: "2026-05-20" },
        { instrument: "PHQ-9", total: 11, date: "2026-11-15" },
      ],
    });
    const med = (name: string) => facts.medications.find((m) => m.values["name"] === name)?.values ?? {};
    expect(med("sertraline")["scores.PHQ-9.atStart"]).toBe(24);
    expect(med("sertraline")["scores.PHQ-9.percentChangeSinceStart"]).toBe(-54.2);
    expect(med("bupropion")["scores.PHQ-9.atStart"]).toBe(9);
    expect(med("bupropion")["scores.PHQ-9.percentChangeSinceStart"]).toBe(22.2);
    expect(med("mirtazapine")["scores.PHQ-9.atStart"]).toBeUndefined();
    expect(facts.patient.values["scores.PHQ-9.baseline"]).toBe(9); // the patient's oldest, unchanged
  });

  it("rules read a medication's scores since its start as med.scores.<instrument>.<field>; unknown instruments are not facts", () => {
    const k = defaultPacks().knowledge;
    const r = factResolver("medication", k);
    expect(r.resolve("med.scores.PHQ-9.percentChangeSinceStart")).toEqual({ slot: "m", key: "scores.PHQ-9.percentChangeSinceStart" });
    expect(r.resolve("med.scores.NOPE-1.atStart")).toBeUndefined();
    expect(r.resolve("med.scores.PHQ-9.latest")).toBeUndefined();
    expect(r.candidates()).toContain("med.scores.GAD-7.atStart");
  });

  it("a special maximum that cannot be decided leaves the patient's maximum unknown, naming why", () => {
    const { facts } = factsOf({ ...base, medications: [{ name: "citalopram", dailyDoseMg: 30 }] });
    const m = facts.medications[0];
    expect(m?.values["labelMaxDailyDoseMg"]).toBeUndefined();
    expect(m?.missing?.["labelMaxDailyDoseMg"]).toEqual(expect.arrayContaining(["age"]));
  });

  it("two different scores on the newest date leave the latest unknown (which is newer is unknown); the date is known", () => {
    const { facts } = factsOf({
      ...base,
      scores: [
        { instrument: "PHQ-9", total: 10, date: "2026-11-20" },
        { instrument: "phq9", total: 20, date: "2026-08-01" },
        { instrument: "PHQ-9", total: 12, date: "2026-11-20" },
      ],
    });
    const p = facts.patient.values;
    expect(p["scores.PHQ-9.ageDays"]).toBe(2);
    expect(p["scores.PHQ-9.count"]).toBe(3);
    for (const f of ["latest", "band", "previous", "change", "baseline", "percentChange"]) expect(p[`scores.PHQ-9.${f}`]).toBeUndefined();
    const items = factsOf({
      ...base,
      scores: [
        { instrument: "PHQ-9", total: 9, items: [1, 1, 1, 1, 1, 1, 1, 2, 0], date: "2026-11-20" },
        { instrument: "PHQ-9", total: 9, items: [1, 1, 1, 1, 1, 1, 1, 1, 1], date: "2026-11-20" },
      ],
    }).facts.patient.values;
    expect(items["scores.PHQ-9.item9"]).toBeUndefined();
    expect(items["scores.PHQ-9.latest"]).toBeUndefined();
  });

  it("latest score, baseline and percent change; the same score twice on the newest date is that score", () => {
    const { facts } = factsOf({
      ...base,
      scores: [
        { instrument: "PHQ-9", total: 12, date: "2026-11-20" },
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

  it("property: a lab's newest value is known exactly when the values of its newest date agree, whatever their order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: fc.constantFrom(0.4, 0.8, 2), day: fc.constantFrom("2026-11-01", "2026-11-20") }), { minLength: 1, maxLength: 5 }),
        (entries) => {
          const labs = entries.map((e) => ({ test: "ANC", value: e.value, unit: "10^9/L", date: e.day }));
          const newest = entries.some((e) => e.day === "2026-11-20") ? "2026-11-20" : "2026-11-01";
          const values = new Set(entries.filter((e) => e.day === newest).map((e) => e.value));
          const forward = factsOf({ ...base, labs }).facts.patient.values;
          const backward = factsOf({ ...base, labs: [...labs].reverse() }).facts.patient.values;
          expect(forward["labs.ANC"]).toBe(values.size === 1 ? [...values][0] : undefined);
          expect(forward["labs.ANC.ageDays"]).toBe(newest === "2026-11-20" ? 2 : 21);
          expect(backward).toEqual(forward);
        },
      ),
    );
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

  it("sex \"unknown\" is a missing fact, not a value; the other values are kept", () => {
    expect(factsOf({ ...base, sex: "unknown" }).facts.patient.values["sex"]).toBeUndefined();
    expect(factsOf({ ...base, sex: "other" }).facts.patient.values["sex"]).toBe("other");
    expect(factsOf({ ...base, sex: "female" }).facts.patient.values["sex"]).toBe("female");
  });

  it("an HLA allele in the old nomenclature is read as today's; a gene no rule reads is listed as unrecognised", () => {
    const { facts, snapshot } = factsOf({
      ...base,
      pharmacogenomics: [
        { gene: "HLA-B*1502", phenotype: "positive" },
        { gene: "CYP2C9", phenotype: "poor metabolizer" },
      ],
    });
    expect(facts.patient.values["pgx.HLA-B*15:02"]).toBe("positive");
    expect(snapshot.unrecognized).toEqual([{ field: "pharmacogenomics.gene", value: "CYP2C9" }]);
  });

  it("property: every gene reported is read by a rule or listed as unrecognised, never dropped unsaid", () => {
    const read = [...(defaultPacks().knowledge.genesRead ?? [])];
    expect(read).toContain("CYP2D6");
    const gene = fc.oneof(fc.constantFrom(...read), fc.constantFrom("CYP2C9", "HLA-A*31:01", "hla-b*1502", "HLA-B*5801", "DPYD"));
    fc.assert(
      fc.property(fc.uniqueArray(gene, { selector: (g) => g.toUpperCase(), maxLength: 4 }), (genes) => {
        const pharmacogenomics = genes.map((g) => ({ gene: g, phenotype: g.toUpperCase().startsWith("CYP") ? "poor metabolizer" : "positive" }));
        const checked = checkSnapshot({ ...base, pharmacogenomics }, defaultPacks().knowledge);
        if (!checked.success) return; // two spellings of one allele may conflict: refused, not dropped
        const listed = new Set(checked.data.unrecognized.filter((u) => u.field === "pharmacogenomics.gene").map((u) => u.value));
        for (const g of checked.data.pharmacogenomics.keys()) expect(read.includes(g) !== listed.has(g)).toBe(true);
        expect(checked.data.pharmacogenomics.size).toBe(new Set(genes.map((g) => g.toUpperCase().replace(/^(HLA-B\*)(\d\d)(\d\d)$/, "$1$2:$3"))).size);
      }),
    );
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
