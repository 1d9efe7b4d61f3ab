import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fillTemplate, formatValue, PLACEHOLDER } from "./template.js";

/** The definition fillTemplate is an optimisation of: one String.replace over the placeholders. */
const reference = (template: string, lookup: (name: string) => unknown) => template.replace(PLACEHOLDER, (_, name: string) => formatValue(lookup(name)));

describe("fillTemplate", () => {
  it("gives what String.replace over the placeholders gives, on any template", () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom("{{", "}}", "{", "}", " ", "$&", "$1", "{{ med.name }}", "{{dose}}", "{{  a.b  }}", "{{}}", "{{ {x} }}", "{{ unknown }}", "\u00b5"),
    );
    const values: Record<string, unknown> = { "med.name": "sertraline", dose: 150.456, "a.b": ["x", "y"], x: null };
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((p) => p.join("")), (template) => {
        const lookup = (name: string) => values[name];
        expect(fillTemplate(template, lookup)).toBe(reference(template, lookup));
        expect(fillTemplate(template, lookup)).toBe(reference(template, lookup)); // a second time, from the split kept
      }),
      { numRuns: 2000 },
    );
  });
});

describe("formatValue", () => {
  it("drops a unit conversion's float noise and keeps a patient's digits", () => {
    expect(formatValue(220.462 / 2.20462)).toBe("100");
    expect(formatValue(0.1 + 0.2)).toBe("0.3");
    expect(formatValue(0.999)).toBe("0.999");
    expect(formatValue(1.499)).toBe("1.499");
    expect(formatValue(0.37)).toBe("0.37");
    expect(formatValue(501)).toBe("501");
    expect(formatValue([])).toBe("none");
    expect(formatValue(undefined)).toBe("unknown");
  });

  it("property: a value given with up to 5 significant digits is never rounded across a threshold of up to 4", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 1, max: 9_999 }), fc.integer({ min: -6, max: 3 }), (digits, cut, exponent) => {
        // Both as the doubles nearest their decimals, as a patient's value and a pack's threshold are.
        const value = Number(`${digits}e${exponent}`);
        const threshold = Number(`${cut}e${exponent}`);
        const shown = Number(formatValue(value));
        // The number shown compares with the threshold as the value does.
        expect(Math.sign(shown - threshold)).toBe(Math.sign(digits - cut));
      }),
    );
  });
});
