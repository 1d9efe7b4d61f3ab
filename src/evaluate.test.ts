import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { permute, snapshotArb } from "../test/arbitraries/snapshot.js";
import { evaluate, safeEvaluate } from "./evaluate.js";
import { defaultRulesDir } from "./packs/defaultRulesDir.js";
import { loadPacks } from "./packs/loadPacks.js";
import { EvaluationResultSchema } from "./output/resultSchema.js";

const ARRAYS = ["ancestry", "diagnoses", "medications", "scores", "labs", "sideEffects", "pharmacogenomics"] as const;

/** Every list of the snapshot reordered, and medication names in a different case. */
function shuffled(s: Record<string, unknown>, seed: number): Record<string, unknown> {
  const out: Record<string, unknown> = { ...s };
  for (const key of ARRAYS) {
    const v = out[key];
    if (Array.isArray(v)) out[key] = permute(v, seed + key.length);
  }
  if (Array.isArray(out["medications"])) {
    out["medications"] = (out["medications"] as { name: string }[]).map((m, i) => ({
      ...m,
      name: i % 2 === 0 ? m.name.toUpperCase() : ` ${m.name[0]?.toUpperCase() ?? ""}${m.name.slice(1)} `,
    }));
  }
  return out;
}

describe("evaluate: properties", () => {
  it("is deterministic: the same input gives byte-identical output", () => {
    fc.assert(
      fc.property(snapshotArb, (s) => {
        const a = safeEvaluate(s);
        const b = safeEvaluate(structuredClone(s));
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 150 },
    );
  });

  it("a result shares nothing the caller can change: changing the snapshot afterwards leaves the result as it was", () => {
    // Validation reuses the caller's objects and arrays where it changes nothing in them.
    const scramble = (v: unknown): void => {
      if (Array.isArray(v)) {
        v.forEach(scramble);
        v.fill(99);
      } else if (v !== null && typeof v === "object") {
        for (const [key, value] of Object.entries(v)) {
          scramble(value);
          (v as Record<string, unknown>)[key] = typeof value === "string" ? "changed" : value;
        }
      }
    };
    // A pack whose one rule shows the latest PHQ-9's item list in its `because` when it fires.
    const core = JSON.parse(readFileSync(join(defaultRulesDir(), "packs", "psych-core.json"), "utf8")) as { rules: Record<string, unknown>[] };
    const dir = mkdtempSync(join(tmpdir(), "psychrx-alias-"));
    const rule = { ...core.rules.find((r) => r["scope"] === "patient"), conditions: { all: [{ fact: "scores.PHQ-9.items", operator: "contains", value: 3 }] } };
    writeFileSync(join(dir, "pack.json"), JSON.stringify({ ...core, rules: [rule] }));
    const loaded = loadPacks(dir);
    if (!loaded.success) throw new Error(JSON.stringify(loaded.issues));
    const itemised = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }).map((rest) => [3, ...rest]);
    fc.assert(
      fc.property(snapshotArb, itemised, (s, items) => {
        const input = { ...structuredClone(s), scores: [{ instrument: "PHQ-9", date: "2026-11-01", items, total: items.reduce((a, b) => a + b, 0) }] };
        const result = safeEvaluate(input, { packs: loaded.data });
        expect(result.success && result.data.suggestions.some((x) => x.because.some((b) => Array.isArray(b.actual)))).toBe(true);
        const before = JSON.stringify(result);
        scramble(input);
        expect(JSON.stringify(result)).toBe(before);
      }),
      { numRuns: 150 },
    );
  });

  it("a caller may change a result: later results of the same packs are as they were (evidence, PDDI, because, unrecognized)", () => {
    // Every array grows and every value in an object is overwritten, at every depth.
    const scribble = (v: unknown): void => {
      if (Array.isArray(v)) {
        v.forEach(scribble);
        v.push("scribbled");
      } else if (v !== null && typeof v === "object") {
        for (const [key, value] of Object.entries(v)) {
          if (value !== null && typeof value === "object") scribble(value);
          else (v as Record<string, unknown>)[key] = "scribbled";
        }
      }
    };
    // Checked beside every generated snapshot: evidence, PDDI, array-valued `because` and an unrecognised name to scribble on.
    const interacting = { id: "p", asOf: "2026-11-22", age: 70, medications: [{ name: "phenelzine", dailyDoseMg: 45 }, { name: "sertraline", dailyDoseMg: 50 }, { name: "zzz-unknown" }] };
    fc.assert(
      fc.property(snapshotArb, (s) => {
        const before = [s, interacting].map((x) => JSON.stringify(safeEvaluate(x)));
        for (const x of [s, interacting]) scribble(safeEvaluate(x));
        expect([s, interacting].map((x) => JSON.stringify(safeEvaluate(x)))).toStrictEqual(before);
      }),
      { numRuns: 100 },
    );
  });

  it("permuting any list and changing the case of medication names leave the output byte-identical", () => {
    fc.assert(
      fc.property(snapshotArb, fc.integer({ min: 1, max: 1_000_000 }), (s, seed) => {
        const a = safeEvaluate(s);
        const b = safeEvaluate(shuffled(s, seed));
        expect(a.success).toBe(b.success);
        if (a.success && b.success) expect(JSON.stringify(b.data)).toBe(JSON.stringify(a.data));
      }),
      { numRuns: 200 },
    );
  });

  it("generated snapshots are valid, and results satisfy the output schema", () => {
    fc.assert(
      fc.property(snapshotArb, (s) => {
        const r = safeEvaluate(s);
        if (!r.success) throw new Error(JSON.stringify(r.issues));
        expect(EvaluationResultSchema.safeParse(r.data).success).toBe(true);
        for (const sug of r.data.suggestions) {
          expect(sug.summary.length).toBeLessThanOrEqual(140);
          expect(sug.evidence.length).toBeGreaterThan(0);
          expect(sug.because.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("more known facts never turn a decided rule into a data gap", () => {
    const removable = ["age", "sex", "pregnant", "ancestry", "diagnoses", "scores", "labs", "sideEffects", "pharmacogenomics", "lastVisitDate"] as const;
    const medFields = ["dailyDoseMg", "startDate", "adherence"] as const;
    fc.assert(
      fc.property(snapshotArb, fc.subarray([...removable]), fc.subarray([...medFields]), (full, drop, dropMed) => {
        const fewer: Record<string, unknown> = { ...full };
        for (const k of drop) delete fewer[k];
        if (Array.isArray(fewer["medications"])) {
          fewer["medications"] = (fewer["medications"] as Record<string, unknown>[]).map((m) => {
            const copy = { ...m };
            for (const k of dropMed) delete copy[k];
            return copy;
          });
        }
        const more = safeEvaluate(full);
        const less = safeEvaluate(fewer);
        if (!more.success || !less.success) throw new Error("generated snapshot invalid");
        const key = (ruleId: string, meds: readonly string[] | undefined) => `${ruleId}|${(meds ?? []).join("+")}`;
        const gapsWithMore = new Set(more.data.dataGaps.map((g) => key(g.ruleId, g.medications)));
        const gapsWithLess = new Set(less.data.dataGaps.map((g) => key(g.ruleId, g.medications)));
        // Every (rule, subject) decided with fewer facts is still decided with more.
        for (const g of gapsWithMore) expect(gapsWithLess.has(g)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("evaluate: examples", () => {
  it("regression (fast-check counterexample): a snapshot without a lab list leaves lab counts unknown, not 0", () => {
    // Found by "more known facts never turn a decided rule into a data gap": with `labs` absent,
    // labs.QTc.count used to be 0 (known), deciding rules that became gaps once a QTc was given.
    const withLab = safeEvaluate({ id: "pt-prop", asOf: "2026-11-22", labs: [{ test: "QTc", value: 501, unit: "ms", date: "2026-11-22" }] });
    const without = safeEvaluate({ id: "pt-prop", asOf: "2026-11-22" });
    if (!withLab.success || !without.success) throw new Error("invalid");
    const gaps = (r: typeof withLab) => (r.success ? r.data.dataGaps.map((g) => `${g.ruleId}|${(g.medications ?? []).join("+")}`) : []);
    for (const g of gaps(withLab)) expect(gaps(without)).toContain(g);
  });

  it("throws a typed error naming the paths on an invalid snapshot", () => {
    expect(() => evaluate({ id: "x", asOf: "2026-11-22", medications: [{ name: "sertraline", dailyDoseMg: "100" }] })).toThrow(
      /medications\[0\]\.dailyDoseMg/,
    );
  });

  it("an interaction alert carries the rule's PDDI minimum information", () => {
    const r = evaluate({ id: "x", asOf: "2026-11-22", medications: [{ name: "phenelzine" }, { name: "sertraline" }] });
    const alert = r.suggestions.find((s) => s.ruleId === "interaction.maoi-serotonergic");
    expect(alert?.medications).toEqual(["phenelzine", "sertraline"]);
    expect(alert?.pddi?.seriousness).toBe("serious");
    expect(alert?.pddi?.recommendedAction.length).toBeGreaterThan(0);
  });

  it("a diagnosis in a code system the condition groups are not written in leaves its groups unknown, not 'none'", () => {
    // Citalopram 40 mg: above the label maximum only with hepatic impairment (the other special maxima ruled out).
    const patient = (diagnoses: { code: string; system?: string }[]) =>
      evaluate({ id: "p", asOf: "2026-11-22", age: 50, diagnoses, pharmacogenomics: [{ gene: "CYP2C19", phenotype: "normal metabolizer" }], medications: [{ name: "citalopram", dailyDoseMg: 40, status: "active" }] });
    const fired = (r: ReturnType<typeof evaluate>) => r.suggestions.some((x) => x.ruleId === "dose.above-label-maximum");
    const gap = (r: ReturnType<typeof evaluate>) => r.dataGaps.find((g) => g.ruleId === "dose.above-label-maximum")?.missing;
    expect(fired(patient([{ code: "F33.1", system: "ICD-10-CM" }]))).toBe(false);
    expect(gap(patient([{ code: "F33.1", system: "ICD-10-CM" }]))).toBeUndefined();
    expect(fired(patient([{ code: "K74.60", system: "icd-10-cm" }]))).toBe(true);
    // Cirrhosis coded in SNOMED CT only (no group lists it): the maximum is unknown, a data gap.
    expect(gap(patient([{ code: "19943007", system: "SNOMED CT" }]))).toEqual(["conditions"]);
    // An ICD-10 code places the patient in the group whatever the other codes: the alert fires.
    expect(fired(patient([{ code: "K74.60" }, { code: "35489007", system: "SNOMED CT" }]))).toBe(true);
  });

  it("a medication listed twice gives one suggestion", () => {
    const r = evaluate({
      id: "x",
      asOf: "2026-11-22",
      medications: [
        { name: "sertraline", dailyDoseMg: 300 },
        { name: "Sertraline", dailyDoseMg: 300 },
      ],
    });
    expect(r.suggestions.filter((s) => s.ruleId === "dose.above-label-maximum")).toHaveLength(1);
  });
});
