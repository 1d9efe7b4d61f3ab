import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dailyDose } from "./fhirDose.js";
import type { Dosage } from "./fhirSchema.js";

const UCUM = "http://unitsofmeasure.org";
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
      [[{ doseAndRate: [{ doseQuantity: { value: 1, unit: "TAB" } }], timing: { repeat: { frequency: 1, period: 1, periodUnit: "d" } } }], 'a dose in "TAB", not a mass (mg)'],
      [[line(50, 1, 1, "mo")], 'a period in "mo"'],
      [[{ ...line(50, 1, 1, "d"), timing: { repeat: { frequency: 1, frequencyMax: 2, period: 1, periodUnit: "d" } } }], "a range of frequencies"],
      [[{ doseAndRate: [{ doseQuantity: { value: 50, unit: "mg" } }] }], "no timing"],
      [[line(50, 1, 1, "d"), { text: "as directed" }], "no dose quantity"],
    ];
    for (const [dosage, why] of cases) expect(dailyDose(dosage)).toEqual({ unknown: why });
  });
});
