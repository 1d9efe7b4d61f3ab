import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snapshotArb } from "../../test/arbitraries/snapshot.js";
import { synthesize } from "../batch/synth.js";
import { evaluateRules } from "../engine/evaluateRules.js";
import { evaluateNormalized } from "../evaluate.js";
import { buildResult } from "../output/buildResult.js";
import { checkSnapshot } from "../snapshot/parseSnapshot.js";
import { defaultRulesDir } from "./defaultRulesDir.js";
import { defaultPacks, loadPacks } from "./loadPacks.js";
import type { PackSet } from "./packSet.js";

const defaults = defaultPacks();

/** The result as evaluated with every fact derived (`packs.deriver`). */
function withAllFacts(input: unknown, packs: PackSet = defaults): string {
  const s = checkSnapshot(input, packs.knowledge);
  if (!s.success) return JSON.stringify(s);
  return JSON.stringify(buildResult(s.data, evaluateRules(packs.deriver.derive(s.data), packs.rules), packs));
}

function withFactsRead(input: unknown, packs: PackSet = defaults): string {
  const s = checkSnapshot(input, packs.knowledge);
  if (!s.success) return JSON.stringify(s);
  return JSON.stringify(evaluateNormalized(s.data, packs));
}

describe("patientFactsRead", () => {
  it("evaluation deriving only the facts the rules read gives byte-identical results (generated snapshots)", () => {
    fc.assert(
      fc.property(snapshotArb, (s) => {
        expect(withFactsRead(s)).toBe(withAllFacts(s));
      }),
      { numRuns: 300 },
    );
  });

  it("… and on synthetic patients drawn from every table (all instruments, labs and drugs)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        for (const p of synthesize(20, seed, defaults.knowledge)) expect(withFactsRead(p)).toBe(withAllFacts(p));
      }),
      { numRuns: 25 },
    );
  });

  // The default packs read none of these facts only through the paths below, so each path gets a
  // rule of its own: a fact read only as a fact reference, only in a template, only by a drug's
  // special maximum, and only as a count.
  describe("facts read by one path only", () => {
    const dir = mkdtempSync(join(tmpdir(), "psychrx-reads-"));
    const drugs = join(defaultRulesDir(), "tables", "drugs");
    for (const f of readdirSync(drugs).filter((f) => f.endsWith(".json"))) copyFileSync(join(drugs, f), join(dir, `drugs-${f}`));
    const cite = [{ source: "test" }];
    writeFileSync(
      join(dir, "drugs-test.json"),
      JSON.stringify({
        table: "drugs",
        version: "1.0.0",
        drugs: [
          { name: "testdrug", classes: ["ssri"], flags: [], maxDailyDoseMg: 20, specialMaxima: [{ label: "low eGFR", when: { all: [{ fact: "labs.eGFR", operator: "lessThan", value: 30 }] }, maxDailyDoseMg: 10, evidence: cite }], evidence: cite },
          // A maximum that depends on the other medications taken (a label's "with an inhibitor of …").
          { name: "otherdrug", classes: ["ssri"], flags: [], maxDailyDoseMg: 20, specialMaxima: [{ label: "with another SSRI", when: { all: [{ fact: "meds.classCount.ssri", operator: "greaterThanInclusive", value: 2 }] }, maxDailyDoseMg: 5, evidence: cite }], evidence: cite },
        ],
      }),
    );
    const rule = (id: string, scope: string, conditions: unknown, summary = "s") => ({ id, kind: "monitoring", severity: "info", scope, summary, detail: "d", evidence: cite, conditions });
    writeFileSync(
      join(dir, "pack.json"),
      JSON.stringify({
        id: "reads",
        version: "1.0.0",
        title: "reads",
        rules: [
          rule("t.reference", "patient", { all: [{ fact: "age", operator: "greaterThan", value: { fact: "labs.TSH" } }] }),
          rule("t.template", "patient", { all: [{ fact: "age", operator: "greaterThan", value: 0 }] }, "GAD-7 {{scores.GAD-7.latest}}"),
          rule("t.maximum", "medication", { all: [{ fact: "med.dailyDoseMg", operator: "greaterThan", value: { fact: "med.labelMaxDailyDoseMg" } }] }),
          rule("t.count", "patient", { all: [{ fact: "meds.classCount.ssri", operator: "equal", value: 0 }] }),
        ],
      }),
    );
    const loaded = loadPacks(dir);
    if (!loaded.success) throw new Error(JSON.stringify(loaded.issues.slice(0, 3)));
    const packs = loaded.data;
    const patient = (extra: Record<string, unknown>) => ({
      id: "p",
      asOf: "2026-11-22",
      age: 50,
      medications: [{ name: "testdrug", dailyDoseMg: 15 }],
      scores: [{ instrument: "GAD-7", total: 12, date: "2026-11-01" }],
      labs: [
        { test: "TSH", value: 2.5, unit: "mIU/L", date: "2026-11-01" },
        { test: "eGFR", value: 25, unit: "mL/min/1.73m2", date: "2026-11-01" },
      ],
      ...extra,
    });

    it.each([
      ["a fact reference", "t.reference", {}],
      ["a template placeholder", "t.template", {}],
      ["a special maximum", "t.maximum", {}],
      ["a count", "t.count", { medications: [] }],
    ])("%s: the rule fires and the result is the one with every fact derived", (_, id, extra) => {
      const input = patient(extra);
      const result = withFactsRead(input, packs);
      expect(result).toBe(withAllFacts(input, packs));
      expect((JSON.parse(result) as { suggestions: { ruleId: string; summary: string }[] }).suggestions.map((x) => x.ruleId)).toContain(id);
      if (id === "t.template") expect(result).toContain("GAD-7 12");
    });

    it("a special maximum can read the other medications (meds.*), decided after them", () => {
      const fired = (medications: unknown[]) => {
        const input = patient({ medications });
        const result = withFactsRead(input, packs);
        expect(result).toBe(withAllFacts(input, packs));
        const parsed = JSON.parse(result) as { suggestions: { ruleId: string; medications: string[] }[]; dataGaps: { ruleId: string }[] };
        return parsed.suggestions.some((x) => x.ruleId === "t.maximum" && x.medications.includes("otherdrug"));
      };
      expect(fired([{ name: "otherdrug", dailyDoseMg: 8 }, { name: "testdrug", dailyDoseMg: 5 }])).toBe(true);
      expect(fired([{ name: "otherdrug", dailyDoseMg: 8 }])).toBe(false);
    });
  });
});
