import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { factValue } from "../../test/arbitraries/condition.js";
import type { Condition } from "../core/condition.js";
import { OPERATORS } from "../core/condition.js";
import { factResolver } from "../facts/factResolver.js";
import { compileCondition, type Bindings, type FactRecord } from "../logic/compileCondition.js";
import { drugGates } from "./drugGate.js";
import { defaultPacks } from "./loadPacks.js";

const knowledge = defaultPacks().knowledge;
const resolvers = { medication: factResolver("medication", knowledge), "medication-pair": factResolver("medication-pair", knowledge) };
/** Medication facts the drug sets (catalog `byDrug`), and facts that vary with the patient's record. */
const DRUG = ["name", "flags", "classes", "attr.halfLifeHours"] as const;
const RECORD = ["dailyDoseMg", "daysSinceStart", "status", "pdc"] as const;
const fields = [...DRUG, ...RECORD];

/** Random condition trees over medication facts written with the given prefixes. */
function trees(prefixes: readonly string[]): fc.Arbitrary<Condition> {
  const name = fc.tuple(fc.constantFrom(...prefixes), fc.constantFrom(...fields)).map(([p, f]) => `${p}.${f}`);
  const leaf: fc.Arbitrary<Condition> = fc
    .record({ fact: name, operator: fc.constantFrom(...OPERATORS), value: factValue, list: fc.array(factValue, { maxLength: 3 }), ref: fc.option(name, { nil: undefined }) })
    .map(({ fact, operator, value, list, ref }) => {
      if (operator === "in" || operator === "notIn") return { fact, operator, value: list };
      return { fact, operator, value: ref === undefined ? value : { fact: ref } };
    });
  return fc.letrec<{ node: Condition }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      leaf,
      fc.record({ all: fc.array(tie("node"), { minLength: 1, maxLength: 4 }) }),
      fc.record({ any: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: tie("node") }),
    ),
  })).node;
}
/** Some facts of a record, each possibly unknown. */
const values = (names: readonly string[]) => fc.record(Object.fromEntries(names.map((n) => [n, fc.option(factValue, { nil: undefined })])) as Record<string, fc.Arbitrary<unknown>>);

function compiled(c: Condition, scope: keyof typeof resolvers = "medication") {
  const r = compileCondition(c, resolvers[scope], "conditions");
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

describe("drugGate", () => {
  it("property: a false gate means a false condition, and the gate reads only what the drug sets", () => {
    fc.assert(
      fc.property(trees(["med"]), values(DRUG), values(RECORD), values(RECORD), (condition, drug, one, other) => {
        const gate = drugGates(condition, "medication").m;
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

  it("property, pairs: a slot's false gate means a false condition whatever the other medication, and reads only that slot's drug", () => {
    fc.assert(
      fc.property(trees(["a", "b"]), fc.constantFrom("a" as const, "b" as const), values(DRUG), values(RECORD), values(RECORD), values([...DRUG, ...RECORD]), values([...DRUG, ...RECORD]), (condition, slot, drug, one, other, side1, side2) => {
        const gate = drugGates(condition, "medication-pair")[slot];
        if (gate === undefined) return;
        const g = compiled(gate, "medication-pair");
        const whole = compiled(condition, "medication-pair");
        const otherSlot = slot === "a" ? "b" : "a";
        const bind = (rest: Record<string, unknown>, opposite: Record<string, unknown>) => ({ p: { values: {} }, [slot]: { values: { ...drug, ...rest } }, [otherSlot]: { values: opposite } }) as Bindings;
        const first = bind(one, side1);
        const second = bind(other, side2);
        if (g.test(first) === false) expect(whole.test(first)).toBe(false);
        expect(g.test(second)).toBe(g.test(first));
      }),
      { numRuns: 2000 },
    );
  });

  it("takes the top-level leaves on one slot's drug facts, per slot of a pair, and none from patient rules, any, not or references across slots", () => {
    const onName = { fact: "med.name", operator: "in" as const, value: ["x"] };
    const onDose = { fact: "med.dailyDoseMg", operator: "greaterThan" as const, value: 10 };
    const onFlags = { fact: "med.flags", operator: "contains" as const, value: "f" };
    const doseAgainstDrug = { fact: "med.generalMaxDailyDoseMg", operator: "lessThan" as const, value: { fact: "med.dailyDoseMg" } };
    expect(drugGates({ all: [onName, onDose, { any: [onFlags] }, onFlags, doseAgainstDrug] }, "medication")).toEqual({ m: { all: [onName, onFlags] } });
    expect(drugGates(onName, "medication")).toEqual({ m: { all: [onName] } });
    expect(drugGates({ any: [onName, onFlags] }, "medication")).toEqual({});
    expect(drugGates({ not: onName }, "medication")).toEqual({});
    expect(drugGates({ all: [{ fact: "age", operator: "greaterThan", value: 1 }] }, "patient")).toEqual({});
    const aFlags = { fact: "a.flags", operator: "contains" as const, value: "f" };
    const bClasses = { fact: "b.classes", operator: "contains" as const, value: "c" };
    const bPdc = { fact: "b.pdc", operator: "lessThan" as const, value: 0.8 };
    const across = { fact: "a.name", operator: "notEqual" as const, value: { fact: "b.name" } };
    expect(drugGates({ all: [aFlags, bClasses, bPdc, across] }, "medication-pair")).toEqual({ a: { all: [aFlags] }, b: { all: [bClasses] } });
  });
});
