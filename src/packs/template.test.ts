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
