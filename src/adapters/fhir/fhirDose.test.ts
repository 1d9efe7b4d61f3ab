import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultPacks } from "../../packs/loadPacks.js";
import { dailyDose as dailyDoseWith, unitStrengthMg as strengthWith } from "./fhirDose.js";
import type { Dosage } from "./fhirSchema.js";

const UCUM = "http://unitsofmeasure.org";
/** The bundled vocabulary table's dose words (rules/tables/vocabulary.json `doses`). */
const vocabulary = defaultPacks().knowledge.doses;
const dailyDose = (d: Dosage[] | undefined, strengthMg?: number) => dailyDoseWith(d, strengthMg, vocabulary);
const unitStrengthMg = (name: string | undefined) => strengthWith(name, vocabulary);
const line = (mg: number, frequency: number, period: number, periodUnit: string): Dosage => ({
  timing: { repeat: { frequency, period, periodUnit } },
  doseAndRate: [{ doseQuantity: { value: mg, unit: "mg", system: UCUM, code: "mg" } }],
});

describe("dailyDose", () => {
  it("is the dose times administrations a day, summed over split-dose lines, whatever the period's unit", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ mg: fc.integer({ min: 1, max: 2000 }), perDay: fc.integer({ min: 1, max: 6 }), unit: fc.constantFrom("d", "h", "wk") }), { minLength: 1, maxLength: 4 }),
        (lines) => {
          // The same rate written per day, per hour (24/n h) or per week (7n per wk).
          const dosage = lines.map((l) => (l.unit === "d" ? line(l.mg, l.perDay, 1, "d") : l.unit === "h" ? line(l.mg, 1, 24 / l.perDay, "h") : line(l.mg, 7 * l.perDay, 1, "wk")));
          const expected = lines.reduce((sum, l) => sum + l.mg * l.perDay, 0);
          const got = dailyDose(dosage);
          expect("mg" in got && got.mg).toBeCloseTo(expected, 6);
        },
      ),
    );
  });

  it("converts g and micrograms, reads timing codes, and rounds to a microgram", () => {
    const q = (value: number, code: string) => ({ doseAndRate: [{ doseQuantity: { value, system: UCUM, code } }], timing: { code: { coding: [{ code: "TID" }] } } });
    expect(dailyDose([q(1, "g")])).toEqual({ mg: 3000 });
    expect(dailyDose([q(100, "ug")])).toEqual({ mg: 0.3 });
    expect(dailyDose([{ ...line(0.1, 3, 1, "d") }])).toEqual({ mg: 0.3 });
    expect(dailyDose([{ doseAndRate: [{ doseQuantity: { value: 50, unit: "mg" } }], timing: { repeat: { period: 1, periodUnit: "d" } } }])).toEqual({ mg: 50 });
  });

  it("is unknown, with the reason, when the dosage does not fix a daily amount", () => {
    const cases: [Dosage[] | undefined, string][] = [
      [undefined, "no dosage"],
      [[{ ...line(50, 1, 1, "d"), asNeededBoolean: true }], "taken as needed"],
      [[{ doseAndRate: [{ doseQuantity: { value: 1, unit: "TAB" } }], timing: { repeat: { frequency: 1, period: 1, periodUnit: "d" } } }], "a dose of 1 TAB of a drug whose name gives no strength per unit"],
      [[{ doseAndRate: [{ doseQuantity: { value: 5, unit: "mL" } }], timing: { repeat: { frequency: 1, period: 1, periodUnit: "d" } } }], 'a dose in "mL", not a mass (mg)'],
      [[line(50, 1, 1, "mo")], 'a period in "mo"'],
      [[{ ...line(50, 1, 1, "d"), timing: { repeat: { frequency: 1, frequencyMax: 2, period: 1, periodUnit: "d" } } }], "a range of frequencies"],
      [[{ doseAndRate: [{ doseQuantity: { value: 50, unit: "mg" } }] }], "no timing"],
      [[line(50, 1, 1, "d"), { text: "as directed" }], "no dose quantity"],
    ];
    for (const [dosage, why] of cases) expect(dailyDose(dosage)).toEqual({ unknown: why });
  });

  it("counts tablets and capsules by the strength a single-ingredient RxNorm name gives, and only then", () => {
    expect(unitStrengthMg("sertraline 50 MG Oral Tablet")).toBe(50);
    expect(vocabulary).toBeDefined();
    expect(unitStrengthMg("24 HR bupropion hydrochloride 150 MG Extended Release Oral Tablet [Wellbutrin]")).toBe(150);
    expect(unitStrengthMg("lithium carbonate 300 MG Oral Capsule")).toBe(300);
    expect(unitStrengthMg("clonazepam 0.5 MG Oral Tablet")).toBe(0.5);
    for (const name of ["fluoxetine 20 MG/5ML Oral Solution", "amphetamine aspartate 1.25 MG / dextroamphetamine sulfate 1.25 MG Oral Tablet", "aripiprazole 400 MG Injection", "sertraline", undefined]) {
      expect(unitStrengthMg(name)).toBeUndefined();
    }
    const tablets = (value: number, unit?: string): Dosage => ({
      doseAndRate: [{ doseQuantity: { value, ...(unit !== undefined ? { unit } : {}) } }],
      timing: { repeat: { frequency: 2, period: 1, periodUnit: "d" } },
    });
    expect(dailyDose([tablets(1)], 50)).toEqual({ mg: 100 }); // Synthea writes the count with no unit
    expect(dailyDose([tablets(1.5, "{tbl}")], 50)).toEqual({ mg: 150 });
    expect(dailyDose([tablets(2, "capsule")], 300)).toEqual({ mg: 1200 });
    expect(dailyDose([tablets(5, "mL")], 50)).toEqual({ unknown: 'a dose in "mL", not a mass (mg)' });
  });

  it("counts tablets and reads timing codes only by the vocabulary table: without it they are unknown, never guessed", () => {
    const dosage: Dosage[] = [{ doseAndRate: [{ doseQuantity: { value: 1, unit: "TAB" } }], timing: { code: { coding: [{ code: "BID" }] } } }];
    expect(dailyDoseWith(dosage, strengthWith("sertraline 50 MG Oral Tablet", vocabulary), vocabulary)).toEqual({ mg: 100 });
    expect(strengthWith("sertraline 50 MG Oral Tablet", undefined)).toBeUndefined();
    expect(dailyDoseWith(dosage, 50, undefined)).toEqual({ unknown: 'a dose in "TAB", not a mass (mg)' });
    const mg = [{ doseAndRate: [{ doseQuantity: { value: 50, unit: "mg" } }], timing: { code: { coding: [{ code: "BID" }] } } }];
    expect(dailyDoseWith(mg, undefined, undefined)).toEqual({ unknown: "no timing" });
    const weekly = [{ doseAndRate: [{ doseQuantity: { value: 70, unit: "mg" } }], timing: { code: { coding: [{ code: "WK" }] } } }];
    expect(dailyDose(weekly)).toEqual({ mg: 10 });
  });
});
