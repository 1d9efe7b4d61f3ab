import fc from "fast-check";
import { Engine } from "json-rules-engine";
import { describe, expect, it } from "vitest";
import { conditionTree, FACT_NAMES, factValue, knownFacts } from "../../test/arbitraries/condition.js";
import { compileCondition, type FactResolver } from "./compileCondition.js";
import { decisiveLeaves, missingFacts } from "./explainTree.js";

const resolver: FactResolver = {
  resolve: (name) => ((FACT_NAMES as readonly string[]).includes(name) ? { slot: "p", key: name } : undefined),
  candidates: () => FACT_NAMES,
};

function compile(c: Parameters<typeof compileCondition>[0]) {
  const r = compileCondition(c, resolver);
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

async function jsonRulesEngineFires(conditions: unknown, facts: Record<string, unknown>): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: false });
  engine.addRule({ conditions: conditions as never, event: { type: "fired" } });
  const { events } = await engine.run(facts);
  return events.length > 0;
}

describe("compiled evaluator agrees with json-rules-engine where every fact is known", () => {
  it("differential property over random condition trees and fact values", async () => {
    await fc.assert(
      fc.asyncProperty(conditionTree, knownFacts, async (condition, facts) => {
        const ours = compile(condition).test({ p: { values: facts } });
        expect(ours).not.toBeNull();
        expect(ours).toBe(await jsonRulesEngineFires(condition, facts));
      }),
      { numRuns: 300 },
    );
  });

  it("a known regression shape: not over a numeric validator failure is true in both", async () => {
    const condition = { not: { fact: "s1", operator: "greaterThan" as const, value: 1 } };
    const facts = { n1: 0, n2: 0, s1: "abc", b1: true, arr1: [] };
    expect(compile(condition).test({ p: { values: facts } })).toBe(true);
    expect(await jsonRulesEngineFires(condition, facts)).toBe(true);
  });
});

describe("three-valued evaluation with missing facts", () => {
  const partialFacts = fc.record(
    { n1: factValue, n2: factValue, s1: factValue, b1: factValue, arr1: factValue },
    { requiredKeys: [] },
  );

  it("a decided outcome never changes whatever values the missing facts take", () => {
    fc.assert(
      fc.property(conditionTree, partialFacts, knownFacts, (condition, partial, filler) => {
        const compiled = compile(condition);
        const before = compiled.test({ p: { values: partial } });
        if (before === null) return;
        const completed = { ...filler, ...partial };
        expect(compiled.test({ p: { values: completed } })).toBe(before);
      }),
      { numRuns: 500 },
    );
  });

  it("an unknown outcome names only facts that are actually missing", () => {
    fc.assert(
      fc.property(conditionTree, partialFacts, (condition, partial) => {
        const compiled = compile(condition);
        const node = compiled.explain({ p: { values: partial } });
        expect(node.result).toBe(compiled.test({ p: { values: partial } }));
        const missing = missingFacts(node);
        if (node.result === null) {
          expect(missing.length).toBeGreaterThan(0);
          for (const m of missing) expect(Object.keys(partial)).not.toContain(m);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("QTc example: not (QTc > 500) is unknown, not true, when QTc is missing", () => {
    const r = compileCondition({ not: { fact: "n1", operator: "greaterThan", value: 500 } }, resolver);
    expect(r.success && r.data.test({ p: { values: {} } })).toBeNull();
  });

  it("decisive leaves of a fired rule all agree with the outcome they justify", () => {
    fc.assert(
      fc.property(conditionTree, knownFacts, (condition, facts) => {
        const node = compile(condition).explain({ p: { values: facts } });
        const leaves = decisiveLeaves(node);
        for (const leaf of leaves) expect(leaf.result).not.toBeNull();
      }),
    );
  });
});

describe("compile errors name the condition path", () => {
  it("unknown fact with did-you-mean", () => {
    const r = compileCondition({ all: [{ fact: "n1", operator: "equal", value: 1 }, { fact: "arr", operator: "contains", value: "a" }] }, resolver);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.issues[0]?.path).toBe("conditions.all[1].fact");
      expect(r.issues[0]?.code).toBe("unknown_fact");
      expect(r.issues[0]?.params?.["didYouMean"]).toBe("arr1");
    }
  });
});
