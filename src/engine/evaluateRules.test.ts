import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snapshotArb } from "../../test/arbitraries/snapshot.js";
import { synthesize } from "../batch/synth.js";
import { defaultPacks } from "../packs/loadPacks.js";
import { checkSnapshot } from "../snapshot/parseSnapshot.js";
import { evaluateRules, type RuleOutcomes } from "./evaluateRules.js";

const packs = defaultPacks();
/** The same rules without their drug gates: every condition evaluated for every subject. */
const ungated = packs.rules.map(({ gates: _gates, ...rule }) => rule);

/** Outcomes as comparable text: which rule fired or had a gap for which subject, and in which orientation. */
function outcomes(o: RuleOutcomes): string {
  return JSON.stringify({
    fired: o.fired.map((f) => [f.rule.rule.id, f.medications, f.bindings.a?.values["name"] ?? null]),
    gaps: o.gaps.map((g) => [g.rule.rule.id, g.medications, g.missing]),
  });
}

function both(input: unknown): [string, string] | undefined {
  const s = checkSnapshot(input, packs.knowledge);
  if (!s.success) return undefined;
  const facts = packs.deriver.derive(s.data);
  return [outcomes(evaluateRules(facts, packs.rules)), outcomes(evaluateRules(facts, ungated))];
}

describe("evaluateRules: drug gates", () => {
  it("the default packs have gates to skip (else the properties below test nothing)", () => {
    expect(packs.rules.filter((r) => r.gates !== undefined).length).toBeGreaterThan(packs.rules.length / 2);
  });

  it("skipping rules whose drug gate is false changes no outcome, in the same order (generated snapshots)", () => {
    fc.assert(
      fc.property(snapshotArb, (s) => {
        const r = both(s);
        if (r !== undefined) expect(r[0]).toBe(r[1]);
      }),
      { numRuns: 300 },
    );
  });

  it("… and on synthetic patients drawn from every table, evaluated one after another as in a cohort", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        for (const p of synthesize(25, seed, packs.knowledge)) {
          const r = both(p);
          if (r !== undefined) expect(r[0]).toBe(r[1]);
        }
      }),
      { numRuns: 25 },
    );
  });
});
