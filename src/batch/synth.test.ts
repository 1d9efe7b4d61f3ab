import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runSynth, type SynthEnv } from "../cli/commands/synth.js";
import type { Io } from "../cli/io.js";
import { buildKnowledge } from "../knowledge/buildKnowledge.js";
import { InstrumentSchema, LabEntrySchema, type Table } from "../knowledge/schema.js";
import { defaultPacks } from "../packs/loadPacks.js";
import { checkSnapshot } from "../snapshot/parseSnapshot.js";
import type { PatientSnapshot } from "../snapshot/schema.js";
import { synthesize } from "./synth.js";
import { synthHints } from "./synthHints.js";
import { weightedItemScore } from "./synthScores.js";

const packs = defaultPacks();
const knowledge = packs.knowledge;
const hints = synthHints(knowledge, packs.rules.map((r) => r.rule));
const cohort = (n: number, seed: number) => [...synthesize(n, seed, knowledge, hints)];
const issuesOf = (p: PatientSnapshot) => {
  const r = checkSnapshot(p, knowledge);
  return r.success ? [] : r.issues;
};

describe("synthesize", () => {
  it("every generated snapshot is valid, whatever the seed and size", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), fc.integer({ min: 0, max: 40 }), (seed, n) => {
        const patients = cohort(n, seed);
        expect(patients).toHaveLength(n);
        for (const p of patients) expect(issuesOf(p)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("is valid without the rules' hints too (tables only)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), (seed) => {
        for (const p of synthesize(20, seed, knowledge)) expect(issuesOf(p)).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });

  it("never draws a lab with a reference interval beyond half its lower or twice its upper limit, whatever the seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), (seed) => {
        for (const p of cohort(60, seed)) {
          for (const l of p.labs ?? []) {
            const k = knowledge.labs.get(l.test);
            const r = k?.entry.referenceInterval;
            if (k === undefined || r === undefined || hints.labThresholds.has(l.test)) continue;
            const v = k.units.get(l.unit.toLowerCase())?.toCanonical(l.value) ?? NaN;
            if (r.low !== undefined) expect(v, l.test).toBeGreaterThanOrEqual((r.low / 2) * 0.99);
            if (r.high !== undefined) expect(v, l.test).toBeLessThanOrEqual(r.high * 2 * 1.01);
          }
        }
      }),
      { numRuns: 30 },
    );
  });


  it("draws a drug level only for a patient who lists that drug, whatever the seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), (seed) => {
        for (const p of cohort(60, seed)) {
          const names = new Set((p.medications ?? []).map((m) => knowledge.drugAliases.get((m.name ?? "").toLowerCase()) ?? knowledge.rxcuis.get(m.rxcui ?? "")));
          for (const l of p.labs ?? []) {
            const drug = knowledge.drugAliases.get(l.test.toLowerCase());
            if (drug !== undefined) expect(names, `${p.id}: ${l.test}`).toContain(drug);
          }
        }
      }),
      { numRuns: 30 },
    );
  });
  it("is deterministic: the same n and seed give byte-identical patients, and a smaller cohort is a prefix", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 30 }), (seed, n, k) => {
        const a = JSON.stringify(cohort(n, seed));
        expect(JSON.stringify(cohort(n, seed))).toBe(a);
        expect(JSON.stringify(cohort(Math.min(k, n), seed))).toBe(JSON.stringify(cohort(n, seed).slice(0, k)));
      }),
      { numRuns: 30 },
    );
  });

  it("different seeds give different cohorts, with distinct ids", () => {
    const a = cohort(50, 1);
    const b = cohort(50, 2);
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
    expect(new Set([...a, ...b].map((p) => p.id)).size).toBe(100);
  });

  it("rejects a bad n or seed at the call", () => {
    expect(() => synthesize(-1, 1, knowledge)).toThrow(RangeError);
    expect(() => synthesize(1.5, 1, knowledge)).toThrow(RangeError);
    expect(() => synthesize(1, -1, knowledge)).toThrow(RangeError);
    expect(() => synthesize(1, 2 ** 32, knowledge)).toThrow(RangeError);
  });

  describe("has the structure of a real cohort (2,000 patients)", () => {
    const patients = cohort(2000, 7);
    const meds = patients.flatMap((p) => p.medications ?? []);
    const share = (pred: (p: PatientSnapshot) => boolean) => patients.filter(pred).length / patients.length;

    it("1 to 7 medications each, doses within 1.25 × the table's maximum, none without one", () => {
      const counts = new Set(patients.map((p) => p.medications?.length ?? 0));
      expect([...counts].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
      for (const m of meds) {
        if (m.dailyDoseMg === undefined) continue;
        const name = m.name !== undefined ? knowledge.drugAliases.get(m.name.toLowerCase()) : knowledge.rxcuis.get(m.rxcui ?? "");
        const max = knowledge.drugs.get(name ?? "")?.entry.maxDailyDoseMg;
        expect(max).toBeDefined();
        expect(m.dailyDoseMg).toBeGreaterThan(0);
        expect(m.dailyDoseMg).toBeLessThanOrEqual((max ?? 0) * 1.25 * 1.05);
      }
    });

    it("some stopped and tapering medications, some adherence, some doses above the label maximum", () => {
      expect(meds.filter((m) => m.status === "stopped" || m.stoppedDate !== undefined).length / meds.length).toBeGreaterThan(0.08);
      expect(meds.some((m) => m.status === "tapering")).toBe(true);
      expect(meds.filter((m) => m.adherence !== undefined).length / meds.length).toBeGreaterThan(0.2);
      const above = meds.filter((m) => {
        const max = knowledge.drugs.get(knowledge.drugAliases.get(m.name?.toLowerCase() ?? "") ?? "")?.entry.maxDailyDoseMg;
        return max !== undefined && m.dailyDoseMg !== undefined && m.dailyDoseMg > max;
      });
      expect(above.length).toBeGreaterThan(0);
    });

    it("pairs that share a flag (interactions) in a good share of patients", () => {
      const sharing = share((p) => {
        const flags = (p.medications ?? []).map((m) => {
          const name = m.name !== undefined ? knowledge.drugAliases.get(m.name.toLowerCase()) : knowledge.rxcuis.get(m.rxcui ?? "");
          return new Set(knowledge.drugs.get(name ?? "")?.flags ?? []);
        });
        return flags.some((a, i) => flags.some((b, j) => j > i && [...a].some((f) => b.has(f))));
      });
      expect(sharing).toBeGreaterThan(0.2);
    });

    it("score trajectories: several dated administrations, items summing to the total", () => {
      const withHistory = share((p) => {
        const byInstrument = new Map<string, number>();
        for (const s of p.scores ?? []) byInstrument.set(s.instrument, (byInstrument.get(s.instrument) ?? 0) + 1);
        return [...byInstrument.values()].some((c) => c >= 3);
      });
      expect(withHistory).toBeGreaterThan(0.2);
      for (const s of patients.flatMap((p) => p.scores ?? [])) {
        if (s.items !== undefined && s.total !== undefined) expect(s.items.reduce((a, b) => a + b, 0)).toBe(s.total);
      }
    });

    it("labs in accepted units, drug levels for patients on that drug", () => {
      const labs = patients.flatMap((p) => p.labs ?? []);
      expect(labs.length).toBeGreaterThan(patients.length);
      for (const l of labs) expect(knowledge.labs.get(l.test)?.units.has(l.unit.toLowerCase())).toBe(true);
      expect(labs.some((l) => l.unit !== knowledge.labs.get(l.test)?.canonicalUnit)).toBe(true);
    });

    it("labs with a reference interval: every value within half its lower and twice its upper limit, most inside it", () => {
      const canonical = (l: { test: string; value: number; unit: string }) => knowledge.labs.get(l.test)?.units.get(l.unit.toLowerCase())?.toCanonical(l.value) ?? NaN;
      const withInterval = [...knowledge.labs.values()].filter((k) => k.entry.referenceInterval !== undefined && (hints.labThresholds.get(k.entry.name) ?? []).length === 0);
      expect(withInterval.length).toBeGreaterThan(10);
      const labs = patients.flatMap((p) => p.labs ?? []);
      for (const k of withInterval) {
        const { low, high } = k.entry.referenceInterval ?? {};
        const values = labs.filter((l) => l.test === k.entry.name).map(canonical);
        expect(values.length, k.entry.name).toBeGreaterThan(50);
        // 1% for rounding to three significant digits (and in an alternate unit).
        for (const v of values) {
          if (low !== undefined) expect(v, k.entry.name).toBeGreaterThanOrEqual((low / 2) * 0.99);
          if (high !== undefined) expect(v, k.entry.name).toBeLessThanOrEqual(high * 2 * 1.01);
        }
        const inside = values.filter((v) => (low === undefined || v >= low * 0.99) && (high === undefined || v <= high * 1.01)).length / values.length;
        expect(inside, k.entry.name).toBeGreaterThan(0.8);
        if (low !== undefined && high !== undefined) expect(inside, `${k.entry.name} should sometimes fall outside`).toBeLessThan(1);
      }
    });

    it("leaves out labs nothing can place: no rule threshold, no interval, not read by any rule", () => {
      const placeless = [...knowledge.labs.values()]
        .filter((k) => k.entry.referenceInterval === undefined && k.entry.therapeuticRange === undefined)
        .map((k) => k.entry.name)
        .filter((name) => !hints.labThresholds.has(name) && !hints.labsRead.includes(name));
      expect(placeless.length).toBeGreaterThan(0);
      const generated = new Set(patients.flatMap((p) => (p.labs ?? []).map((l) => l.test)));
      for (const name of placeless) expect(generated.has(name), name).toBe(false);
      for (const name of hints.labsRead) expect(generated.has(name), name).toBe(true);
    });

    it("a realistic share of missing data: absent fields, not zeros", () => {
      expect(share((p) => p.age === undefined && p.birthDate === undefined)).toBeGreaterThan(0.01);
      expect(share((p) => p.sex === undefined)).toBeGreaterThan(0.005);
      expect(share((p) => p.labs === undefined)).toBeGreaterThan(0.05);
      expect(share((p) => p.sideEffects === undefined)).toBeGreaterThan(0.2);
      expect(share((p) => p.lastVisitDate === undefined)).toBeGreaterThan(0.05);
      expect(meds.filter((m) => m.startDate === undefined).length).toBeGreaterThan(0);
      expect(share((p) => p.pharmacogenomics !== undefined)).toBeGreaterThan(0.05);
      expect(share((p) => p.pharmacogenomics !== undefined)).toBeLessThan(0.3);
    });

    it("evaluates: rules fire and data gaps appear", async () => {
      const { evaluate } = await import("../evaluate.js");
      const results = patients.slice(0, 300).map((p) => evaluate(p, { packs }));
      expect(results.filter((r) => r.suggestions.length > 0).length).toBeGreaterThan(100);
      expect(results.filter((r) => r.dataGaps.length > 0).length).toBeGreaterThan(100);
      expect(results.every((r) => r.unrecognized.length === 0)).toBe(true);
    });
  });

  it("draws from whatever tables it is given (here made-up ones)", () => {
    const tables: Table[] = [
      { table: "vocabulary", version: "1.0.0", classes: { alpha: "A" }, flags: { shared: "S", lonely: "L" } },
      {
        table: "drugs",
        version: "1.0.0",
        drugs: [
          { name: "zedamine", classes: ["alpha"], flags: ["shared"], maxDailyDoseMg: 30, evidence: [{ source: "test" }] },
          { name: "quorbital", synonyms: ["quorb"], classes: ["alpha"], flags: ["shared", "lonely"], evidence: [{ source: "test" }] },
          { name: "pellium", rxcui: "999001", classes: [], maxDailyDoseMg: 5, evidence: [{ source: "test" }] },
        ],
      },
      {
        table: "instruments",
        version: "1.0.0",
        instruments: [{ name: "XQ-4", itemCount: 4, itemMin: 1, itemMax: 5, totalMin: 4, totalMax: 20, totalIsItemSum: true, evidence: [{ source: "test" }] }],
      },
      {
        table: "labs",
        version: "1.0.0",
        labs: [
          { name: "pellium", units: [{ unit: "nmol/L" }, { unit: "pmol/mL", multiplyBy: 1 }], min: 0 },
          {
            name: "zeta-index",
            units: [{ unit: "%" }],
            min: 10,
            max: 20,
            referenceInterval: { low: 12, high: 16, population: "made up", evidence: [{ source: "test" }] },
          },
          { name: "omega-ratio", units: [{ unit: "%" }], min: 0 },
        ],
      },
    ];
    const { knowledge: made, issues } = buildKnowledge(tables.map((table) => ({ file: "test.json", table })));
    expect(issues).toEqual([]);
    const patients = [...synthesize(300, 3, made)];
    for (const p of patients) expect(checkSnapshot(p, made)).toMatchObject({ success: true });
    const names = new Set(patients.flatMap((p) => (p.medications ?? []).map((m) => m.name ?? m.rxcui)));
    expect(names.has("zedamine") && names.has("pellium")).toBe(true);
    expect(patients.flatMap((p) => p.scores ?? []).every((s) => s.instrument === "XQ-4")).toBe(true);
    const zeta = patients.flatMap((p) => p.labs ?? []).filter((l) => l.test === "zeta-index");
    expect(zeta.length).toBeGreaterThan(0);
    for (const l of zeta) expect(l.value >= 10 && l.value <= 20).toBe(true);
    expect(zeta.filter((l) => l.value >= 12 && l.value <= 16).length / zeta.length).toBeGreaterThan(0.8);
    // No threshold, no interval, no rule reading it: not generated; once a rule reads its age, generated.
    expect(patients.some((p) => (p.labs ?? []).some((l) => l.test === "omega-ratio"))).toBe(false);
    const reading = synthHints(made, [{ conditions: { fact: "labs.omega-ratio.ageDays", operator: "greaterThan", value: 90 } }]);
    expect(reading.labsRead).toEqual(["omega-ratio"]);
    expect([...synthesize(300, 3, made, reading)].some((p) => (p.labs ?? []).some((l) => l.test === "omega-ratio"))).toBe(true);
  });

  it("the labs table's reference interval: low below high, within the entry's plausible range, at least one side", () => {
    const lab = (referenceInterval: object) => ({ name: "x", units: [{ unit: "%" }], min: 0, max: 100, referenceInterval });
    const ri = { population: "adults", evidence: [{ source: "test" }] };
    expect(LabEntrySchema.safeParse(lab({ ...ri, low: 1, high: 2 })).success).toBe(true);
    expect(LabEntrySchema.safeParse(lab({ ...ri, high: 2 })).success).toBe(true);
    expect(LabEntrySchema.safeParse(lab({ ...ri, low: 2, high: 1 })).success).toBe(false);
    expect(LabEntrySchema.safeParse(lab({ ...ri, low: 2, high: 2 })).success).toBe(false);
    expect(LabEntrySchema.safeParse(lab({ ...ri })).success).toBe(false);
    expect(LabEntrySchema.safeParse(lab({ ...ri, low: 50, high: 150 })).success).toBe(false);
    expect(LabEntrySchema.safeParse(lab({ ...ri, low: -1, high: 5 })).success).toBe(false);
    expect(LabEntrySchema.safeParse(lab({ low: 1, high: 2, population: "adults", evidence: [] })).success).toBe(false);
  });

  describe("item endorsement (the instruments table's itemEndorsement)", () => {
    const baseInstrument = { name: "XQ-5", itemCount: 5, itemMin: 0, itemMax: 3, totalMin: 0, totalMax: 15, totalIsItemSum: true, evidence: [{ source: "test" }] };
    const tablesWith = (proportions?: number[]): Table[] => [
      { table: "vocabulary", version: "1.0.0", classes: { alpha: "A" }, flags: {} },
      { table: "drugs", version: "1.0.0", drugs: [{ name: "zedamine", classes: ["alpha"], maxDailyDoseMg: 30, evidence: [{ source: "test" }] }] },
      {
        table: "instruments",
        version: "1.0.0",
        instruments: [
          proportions === undefined ? baseInstrument : { ...baseInstrument, itemEndorsement: { proportions, sample: "made up", evidence: [{ source: "test" }] } },
          { name: "YQ-3", itemCount: 3, itemMin: 1, itemMax: 4, totalMin: 3, totalMax: 12, totalIsItemSum: true, evidence: [{ source: "test" }] },
        ],
      },
      { table: "labs", version: "1.0.0", labs: [] },
    ];
    const knowledgeOf = (tables: Table[]) => {
      const { knowledge: made, issues } = buildKnowledge(tables.map((table) => ({ file: "test.json", table })));
      expect(issues).toEqual([]);
      return made;
    };
    const scoresOf = (patients: PatientSnapshot[], name: string) => patients.flatMap((p) => (p.scores ?? []).filter((s) => s.instrument === name));
    // Five proportions, two of them far apart (at least 4×), at distinct positions.
    const endorsement = fc
      .tuple(fc.array(fc.double({ min: 0.05, max: 0.9, noNaN: true }), { minLength: 5, maxLength: 5 }), fc.double({ min: 0.01, max: 0.1, noNaN: true }), fc.double({ min: 0.4, max: 0.95, noNaN: true }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 4 }))
      .map(([p, lo, hi, i, d]) => {
        const j = (i + d) % 5;
        const proportions = [...p];
        proportions[i] = lo;
        proportions[j] = hi;
        return { proportions, rare: i, common: j };
      });

    it("an item endorsed less often in the reference sample is endorsed less often, whatever the seed and proportions", () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), endorsement, (seed, { proportions, rare, common }) => {
          const items = scoresOf([...synthesize(300, seed, knowledgeOf(tablesWith(proportions)))], "XQ-5").flatMap((s) => (s.items !== undefined ? [s.items] : []));
          expect(items.length).toBeGreaterThan(100);
          const endorsed = (k: number) => items.filter((it) => (it[k] ?? 0) > 0).length;
          expect(endorsed(rare)).toBeLessThan(endorsed(common));
        }),
        { numRuns: 25 },
      );
    });

    it("items stay in range and sum to the total, the output is deterministic, and other instruments and fields are as without it", () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), endorsement, (seed, { proportions }) => {
          const made = knowledgeOf(tablesWith(proportions));
          const patients = [...synthesize(60, seed, made)];
          expect(JSON.stringify([...synthesize(60, seed, made)])).toBe(JSON.stringify(patients));
          for (const p of patients) expect(checkSnapshot(p, made)).toMatchObject({ success: true });
          for (const s of scoresOf(patients, "XQ-5")) {
            for (const v of s.items ?? []) expect(v >= 0 && v <= 3).toBe(true);
            if (s.items !== undefined && s.total !== undefined) expect(s.items.reduce((a, b) => a + b, 0)).toBe(s.total);
          }
          const without = (ps: PatientSnapshot[]) => JSON.stringify(ps.map((p) => ({ ...p, scores: (p.scores ?? []).filter((s) => s.instrument !== "XQ-5").concat(scoresOf([p], "XQ-5").map((s) => ({ instrument: s.instrument, date: s.date }))) })));
          expect(without(patients)).toBe(without([...synthesize(60, seed, knowledgeOf(tablesWith()))]));
        }),
        { numRuns: 25 },
      );
    });

    it("in the bundled tables, an instrument's least endorsed item is endorsed clearly less often than its most endorsed one (where they differ at least 2×)", () => {
      const patients = cohort(2000, 7);
      const spread = (p: readonly number[]) => Math.max(...p) >= 2 * Math.min(...p);
      const withEndorsement = [...knowledge.instruments.values()].filter((ins) => ins.itemEndorsement !== undefined && spread(ins.itemEndorsement.proportions));
      expect(withEndorsement.length).toBeGreaterThan(0);
      for (const ins of withEndorsement) {
        const p = ins.itemEndorsement?.proportions ?? [];
        const rare = p.indexOf(Math.min(...p));
        const common = p.indexOf(Math.max(...p));
        const aliases = new Set([ins.name, ...(ins.synonyms ?? [])].map((n) => n.toLowerCase()));
        const items = patients.flatMap((pt) => (pt.scores ?? []).filter((s) => aliases.has(s.instrument.toLowerCase()) && s.items !== undefined).map((s) => s.items ?? []));
        const endorsed = (k: number) => items.filter((it) => (it[k] ?? ins.itemMin) > ins.itemMin).length;
        expect(items.length, ins.name).toBeGreaterThan(100);
        // No more than halfway between the reference sample's ratio and no difference at all.
        const ratio = (p[rare] ?? 0) / (p[common] ?? 1);
        expect(endorsed(rare), ins.name).toBeLessThan(endorsed(common) * ((1 + ratio) / 2));
      }
    });

    it("weightedItemScore: never below 0 or endorsed without an expected score; rarer with a smaller weight; once endorsed, the same split whatever the weight", () => {
      fc.assert(
        fc.property(fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 0.999_999, noNaN: true }), fc.double({ min: 0.01, max: 3, noNaN: true }), (x, typical, u, w) => {
          const v = weightedItemScore(x, u, w, typical);
          expect(Number.isInteger(v) && v >= 0).toBe(true);
          if (x === 0) expect(v).toBe(0);
          // A smaller weight endorses on a subset of the draws.
          if (weightedItemScore(x, u, w / 2, typical) > 0) expect(v).toBeGreaterThan(0);
        }),
      );
      // The split above the minimum follows `typical`, not the weight: over a grid of draws.
      const split = (w: number) => {
        const counts = [0, 0, 0, 0, 0];
        for (let k = 0; k < 10_000; k++) {
          const v = weightedItemScore(0.8, (k + 0.5) / 10_000, w, 2.2);
          counts[Math.min(4, v)] = (counts[Math.min(4, v)] ?? 0) + 1;
        }
        const above = counts.slice(1).reduce((a, b) => a + b, 0);
        return { above, high: (counts[3] ?? 0) / above };
      };
      expect(split(0.2).above).toBeLessThan(split(1).above);
      expect(Math.abs(split(0.2).high - split(1).high)).toBeLessThan(0.01);
    });

    it("the schema: one proportion per item, each in [0, 1], at least one above 0, with a sample and evidence", () => {
      const ins = (itemEndorsement: object) => InstrumentSchema.safeParse({ ...baseInstrument, itemEndorsement });
      const ok = { proportions: [0.1, 0.2, 0.3, 0.4, 0.5], sample: "made up", evidence: [{ source: "test" }] };
      const paths = (r: ReturnType<typeof ins>) => (r.success ? [] : r.error.issues.map((i) => i.path.join(".")));
      expect(ins(ok).success).toBe(true);
      expect(paths(ins({ ...ok, proportions: [0.1, 0.2, 0.3, 0.4] }))).toEqual(["itemEndorsement.proportions"]);
      expect(paths(ins({ ...ok, proportions: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6] }))).toEqual(["itemEndorsement.proportions"]);
      expect(paths(ins({ ...ok, proportions: [0.1, 1.2, 0.3, 0.4, 0.5] }))).toEqual(["itemEndorsement.proportions.1"]);
      expect(paths(ins({ ...ok, proportions: [0.1, 0.2, 0.3, 0.4, -0.01] }))).toEqual(["itemEndorsement.proportions.4"]);
      expect(paths(ins({ ...ok, proportions: [0, 0, 0, 0, 0] }))).toEqual(["itemEndorsement.proportions"]);
      expect(paths(ins({ ...ok, evidence: [] }))).toEqual(["itemEndorsement.evidence"]);
      expect(paths(ins({ ...ok, sample: " " }))).toEqual(["itemEndorsement.sample"]);
      expect(paths(ins({ proportions: ok.proportions, evidence: ok.evidence }))).toEqual(["itemEndorsement.sample"]);
      expect(paths(ins({ ...ok, weights: [1] }))).toEqual(["itemEndorsement"]);
    });
  });

  it("src/batch/synth* names no drug, lab or instrument of the tables", () => {
    const dir = dirname(fileURLToPath(import.meta.url));
    const names = [...knowledge.drugs.keys(), ...knowledge.labs.keys(), ...knowledge.instruments.keys()];
    for (const file of readdirSync(dir).filter((f) => /^(synth|prng|weightedList).*\.ts$/.test(f) && !f.endsWith(".test.ts"))) {
      const text = readFileSync(join(dir, file), "utf8").toLowerCase();
      for (const name of names) {
        for (const quoted of [`"${name}"`, `'${name}'`, `\`${name}\``]) expect(text.includes(quoted.toLowerCase()), `${file} names ${name}`).toBe(false);
      }
    }
  });
});

describe("psychrx synth", () => {
  const capture = () => {
    let out = "";
    let err = "";
    const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), stdoutIsTty: false };
    return { io, out: () => out, err: () => err };
  };
  const env = (io: Io): SynthEnv => ({
    write: (bytes) => io.out(Buffer.from(bytes).toString("utf8")),
    stderrIsTty: false,
    now: () => 0,
    writable: () => Promise.resolve(),
    closed: () => false,
  });

  it("writes N valid snapshots as NDJSON, the same bytes every time, nothing on stderr", async () => {
    const a = capture();
    expect(await runSynth(["--n", "25", "--seed", "9"], a.io, env(a.io))).toBe(0);
    const b = capture();
    expect(await runSynth(["--seed", "9", "--n", "25"], b.io)).toBe(0);
    expect(a.out()).toBe(b.out());
    expect(a.err()).toBe("");
    const lines = a.out().split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(25);
    for (const line of lines) expect(issuesOf(JSON.parse(line) as PatientSnapshot)).toEqual([]);
    expect(a.out()).toBe(cohort(25, 9).map((p) => `${JSON.stringify(p)}\n`).join(""));
  });

  it("--n 0 writes nothing; --seed defaults to 1", async () => {
    const zero = capture();
    expect(await runSynth(["--n", "0"], zero.io, env(zero.io))).toBe(0);
    expect(zero.out()).toBe("");
    const d = capture();
    await runSynth(["--n", "3"], d.io, env(d.io));
    expect(d.out()).toBe(cohort(3, 1).map((p) => `${JSON.stringify(p)}\n`).join(""));
  });

  it.each([
    [[], "--n N is required"],
    [["--n", "-3"], "--n"],
    [["--n", "ten"], "--n takes a whole number"],
    [["--n", "2.5"], "--n takes a whole number"],
    [["--n", "5", "--seed", "4294967296"], "--seed"],
    [["--n", "5", "--seed", "x"], "--seed"],
    [["--n", "5", "--bogus"], "bogus"],
    [["--n", "5", "extra"], "extra"],
  ])("exits 2 on bad arguments %j", async (args, message) => {
    const c = capture();
    expect(await runSynth(args, c.io, env(c.io))).toBe(2);
    expect(c.out()).toBe("");
    expect(c.err()).toContain(message);
    expect(c.err()).toContain("usage: psychrx synth");
  });

  it("exits 2 on invalid --packs", async () => {
    const c = capture();
    expect(await runSynth(["--n", "1", "--packs", "/nonexistent/psychrx-packs"], c.io, env(c.io))).toBe(2);
    expect(c.err()).toContain("not_found");
  });

  it("reports progress as plain lines every few seconds when stderr is not a terminal", async () => {
    const c = capture();
    let clock = 0;
    const slow: SynthEnv = { ...env(c.io), now: () => (clock += 3_000) };
    expect(await runSynth(["--n", "3000"], c.io, slow)).toBe(0);
    expect(c.err()).toMatch(/^psychrx synth: [\d,]+ \/ 3,000 patients/m);
    expect(c.err()).not.toContain("\r");
  });
});
