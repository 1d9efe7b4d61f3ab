import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultPacks } from "../packs/loadPacks.js";
import { normalizeDrugName } from "./normalizeDrugName.js";

const k = defaultPacks().knowledge;
const name = (raw: string) => normalizeDrugName(raw, k);

describe("normalizeDrugName", () => {
  it("strips strengths written with spaces, ratios and rates", () => {
    expect(name("fentanyl 12 mcg/hr transdermal patch").canonical).toBe("fentanyl");
    expect(name("Sertraline HCl 50 mg tablet").canonical).toBe("sertraline");
    expect(name("lithium carbonate 300mg").canonical).toBe("lithium");
  });

  it("a known name followed by free text is that drug", () => {
    expect(name("lorazepam 1 mg PRN anxiety").canonical).toBe("lorazepam");
  });

  it("a combination product with one known ingredient is that ingredient", () => {
    expect(name("Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG Oral Tablet").canonical).toBe("oxycodone");
    expect(name("buprenorphine 8 mg/naloxone 2 mg sublingual film").canonical).toBe("buprenorphine");
  });

  it("a combination product with several known ingredients lists them all, and no one canonical name", () => {
    for (const raw of ["olanzapine and fluoxetine", "Olanzapine 6 MG / Fluoxetine 25 MG Oral Capsule", "olanzapine-fluoxetine", "fluoxetine olanzapine"]) {
      const m = name(raw);
      expect(m.canonical).toBeUndefined();
      expect(m.ingredients).toEqual(["fluoxetine", "olanzapine"]);
    }
  });

  it("names the tables do not know stay unknown", () => {
    expect(name("amlodipine 5 mg").canonical).toBeUndefined();
    expect(name("amlodipine 5 mg").ingredients).toBeUndefined();
    expect(name("sertralin").canonical).toBeUndefined();
  });

  it("property: strength, form and free-text words around a known name never change what it resolves to, and never throw", () => {
    const drugs = [...k.drugs.keys()].filter((d) => !d.includes(" ") && !d.includes("-"));
    const noise = fc.constantFrom("50 mg", "12 mcg/hr", "5/325", "1.5 MG", "tablet", "Oral Tablet", "prn", "daily", "8 mg/2 mg", "%", "0.5 ml");
    fc.assert(
      fc.property(fc.constantFrom(...drugs), fc.array(noise, { maxLength: 3 }), fc.array(noise, { maxLength: 3 }), fc.string(), (drug, before, after, junk) => {
        const m = name([...before, drug, ...after].join(" "));
        expect(m.canonical).toBe(drug);
        expect(() => name(`${junk} ${drug} ${junk}`)).not.toThrow();
      }),
    );
  });
});
