import fc from "fast-check";
import { Engine } from "json-rules-engine";
import { describe, expect, it } from "vitest";
import { conditionTree, FACT_NAMES, factValue, knownFacts } from "../../test/arbitraries/condition.js";
import { compileCondition, missingFactsOf, type ExplainNode, type FactResolver } from "./compileCondition.js";
import { decisiveLeaves } from "./explainTree.js";

/** Reference for addMissing: the facts named by the unknown leaves of an explanation tree, sorted and unique. */
function missingFacts(node: ExplainNode): string[] {
  const out = new Set<string>();
  const walk = (n: ExplainNode) => {
    if (n.result !== null) return;
    if (n.kind === "leaf") for (const m of n.missing ?? []) out.add(m);
    else n.children.forEach(walk);
  };
  walk(node);
  return [...out].sort();
}

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

  it("the missing facts of an unknown outcome are the same read without the tree (addMissing) as from explain", () => {
    fc.assert(
      fc.property(conditionTree, partialFacts, (condition, partial) => {
        const compiled = compile(condition);
        const b = { p: { values: partial, missing: { n2: ["n2-source"] } } };
        expect(missingFactsOf(compiled, b)).toEqual(missingFacts(compiled.explain(b)));
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

  it("decisive leaves justify the outcome: each, read through its `not`s, has the root's result, and there is one whenever the tree has leaves", () => {
    // Leaves that could justify the root: their own result, flipped once per enclosing `not`, equals the root's.
    const justifying = (n: ExplainNode, flips: boolean, root: boolean | null, out: Set<ExplainNode>) => {
      if (n.kind === "leaf") {
        if ((flips ? !n.result : n.result) === root) out.add(n);
      } else for (const c of n.children) justifying(c, n.kind === "not" ? !flips : flips, root, out);
      return out;
    };
    const hasLeaf = (n: ExplainNode): boolean => n.kind === "leaf" || n.children.some(hasLeaf);
    fc.assert(
      fc.property(conditionTree, knownFacts, (condition, facts) => {
        const node = compile(condition).explain({ p: { values: facts } });
        const allowed = justifying(node, false, node.result, new Set());
        const leaves = decisiveLeaves(node);
        for (const leaf of leaves) expect(allowed.has(leaf)).toBe(true);
        // An empty all/any decides without leaves (json-rules-engine: true), so only trees with leaves need one.
        if (hasLeaf(node) && !emptyListDecides(node)) expect(leaves.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

/** Whether the outcome comes from an empty all/any somewhere on a deciding path (json-rules-engine decides it as true). */
function emptyListDecides(n: ExplainNode): boolean {
  if (n.kind === "leaf") return false;
  if (n.kind !== "not" && n.children.length === 0) return true;
  return n.children.filter((c) => c.result === (n.kind === "not" ? !n.result : n.result)).some(emptyListDecides);
}

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
