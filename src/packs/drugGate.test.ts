import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { factValue } from "../../test/arbitraries/condition.js";
import type { Condition } from "../core/condition.js";
import { OPERATORS } from "../core/condition.js";
import { factResolver } from "../facts/factResolver.js";
import { compileCondition, type FactRecord } from "../logic/compileCondition.js";
import { drugGate } from "./drugGate.js";
import { defaultPacks } from "./loadPacks.js";

const knowledge = defaultPacks().knowledge;
const resolver = factResolver("medication", knowledge);
/** Medication facts the drug sets (catalog `byDrug`), and facts that vary with the patient's record. */
const DRUG = ["name", "flags", "classes", "attr.halfLifeHours"] as const;
const RECORD = ["dailyDoseMg", "daysSinceStart", "status", "pdc"] as const;
const fields = [...DRUG, ...RECORD];

const leaf: fc.Arbitrary<Condition> = fc
  .record({ fact: fc.constantFrom(...fields), operator: fc.constantFrom(...OPERATORS), value: factValue, list: fc.array(factValue, { maxLength: 3 }), ref: fc.option(fc.constantFrom(...fields), { nil: undefined }) })
  .map(({ fact, operator, value, list, ref }) => {
    if (operator === "in" || operator === "notIn") return { fact: `med.${fact}`, operator, value: list };
    return { fact: `med.${fact}`, operator, value: ref === undefined ? value : { fact: `med.${ref}` } };
  });
const tree: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    leaf,
    fc.record({ all: fc.array(tie("node"), { minLength: 1, maxLength: 4 }) }),
    fc.record({ any: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie("node") }),
  ),
})).node;
/** Some facts of a record, each possibly unknown. */
const values = (names: readonly string[]) => fc.record(Object.fromEntries(names.map((n) => [n, fc.option(factValue, { nil: undefined })])) as Record<string, fc.Arbitrary<unknown>>);

function compiled(c: Condition) {
  const r = compileCondition(c, resolver, "conditions");
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

describe("drugGate", () => {
  it("property: a false gate means a false condition, and the gate reads only what the drug sets", () => {
    fc.assert(
      fc.property(tree, values(DRUG), values(RECORD), values(RECORD), (condition, drug, one, other) => {
        const gate = drugGate(condition, "medication");
        if (gate === undefined) return;
        const g = compiled(gate);
        const whole = compiled(condition);
        const record = (rest: Record<string, unknown>): FactRecord => ({ values: { ...drug, ...rest } });
        const a = { p: { values: {} }, m: record(one) };
        const b = { p: { values: {} }, m: record(other) };
        if (g.test(a) === false) expect(whole.test(a)).toBe(false);
        // Two medications of the same drug (same drug facts) whose records differ: the same gate.
        expect(g.test(b)).toBe(g.test(a));
      }),
      { numRuns: 2000 },
    );
  });

  it("takes the top-level leaves on drug facts only, in either slot of a pair, and none from patient rules, any or not", () => {
    const onName = { fact: "med.name", operator: "in" as const, value: ["x"] };
    const onDose = { fact: "med.dailyDoseMg", operator: "greaterThan" as const, value: 10 };
    const onFlags = { fact: "med.flags", operator: "contains" as const, value: "f" };
    const doseAgainstDrug = { fact: "med.generalMaxDailyDoseMg", operator: "lessThan" as const, value: { fact: "med.dailyDoseMg" } };
    expect(drugGate({ all: [onName, onDose, { any: [onFlags] }, onFlags, doseAgainstDrug] }, "medication")).toEqual({ all: [onName, onFlags] });
    expect(drugGate(onName, "medication")).toEqual({ all: [onName] });
    expect(drugGate({ any: [onName, onFlags] }, "medication")).toBeUndefined();
    expect(drugGate({ not: onName }, "medication")).toBeUndefined();
    expect(drugGate({ all: [{ fact: "age", operator: "greaterThan", value: 1 }] }, "patient")).toBeUndefined();
    const pair = { all: [{ fact: "a.flags", operator: "contains" as const, value: "f" }, { fact: "b.classes", operator: "contains" as const, value: "c" }, { fact: "b.pdc", operator: "lessThan" as const, value: 0.8 }] };
    expect(drugGate(pair, "medication-pair")).toEqual({ all: pair.all.slice(0, 2) });
  });
});
