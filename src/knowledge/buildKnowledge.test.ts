import { describe, expect, it } from "vitest";
import { buildKnowledge } from "./buildKnowledge.js";
import type { Table } from "./schema.js";

const evidence = [{ source: "test" }];

describe("buildKnowledge", () => {
  it("names every entry defined twice (condition groups, schedules, interactions) and keeps the first", () => {
    const tables: Table[] = [
      { table: "vocabulary", version: "1.0.0", classes: { alpha: "A" }, flags: {} },
      { table: "drugs", version: "1.0.0", drugs: [{ name: "zedamine", classes: ["alpha"], evidence }] },
      { table: "labs", version: "1.0.0", labs: [{ name: "zeta", units: [{ unit: "%" }] }] },
      {
        table: "conditions",
        version: "1.0.0",
        conditions: [
          { name: "grp", codePrefixes: ["A1"], evidence },
          { name: "grp", codePrefixes: ["B2"], evidence },
        ],
      },
      {
        table: "monitoring",
        version: "1.0.0",
        schedules: [
          { id: "zeta-check", title: "Zeta", medication: { names: ["zedamine"] }, labs: ["zeta"], everyDays: 90, evidence },
          { id: "zeta-check", title: "Zeta again", medication: { names: ["zedamine"] }, labs: ["zeta"], everyDays: 30, evidence },
        ],
      },
      {
        table: "interactions",
        version: "1.0.0",
        interactions: [
          { id: "pair", title: "Pair", a: { classes: ["alpha"] }, b: { names: ["zedamine"] }, pddi: { clinicalConsequence: "x", seriousness: "serious" }, evidence },
          { id: "pair", title: "Pair again", a: { classes: ["alpha"] }, b: { names: ["zedamine"] }, pddi: { clinicalConsequence: "y", seriousness: "serious" }, evidence },
        ],
      },
    ] as Table[];
    const { knowledge, issues } = buildKnowledge(tables.map((table) => ({ file: "t.json", table })));
    expect(issues.filter((i) => i.code === "duplicate_entry").map((i) => i.path)).toEqual(["conditions[1].name", "schedules[1].id", "interactions[1].id"]);
    expect(knowledge.conditionGroups.find((g) => g.name === "grp")?.prefixes).toEqual(["A1"]);
    expect(knowledge.schedules.get("zeta-check")?.everyDays).toBe(90);
    expect(knowledge.interactions.get("pair")?.title).toBe("Pair");
  });

  it("indexes LOINC codes of labs, totals and items, and UCUM codes as units; names a code claimed twice and a UCUM code naming another unit", () => {
    const instrument = { name: "S-2", itemCount: 2, itemMin: 0, itemMax: 3, totalMin: 0, totalMax: 6, totalIsItemSum: true, evidence };
    const tables = [
      { table: "labs", version: "1.0.0", labs: [
        { name: "zeta", units: [{ unit: "10^9/L", ucum: "10*9/L" }, { unit: "/uL", multiplyBy: 0.001, ucum: "10^9/l" }], loinc: ["1-8"] },
        { name: "eta", units: [{ unit: "%" }], loinc: ["1-8", "2-6"] },
      ] },
      { table: "instruments", version: "1.0.0", instruments: [{ ...instrument, loinc: { total: ["3-4"], items: ["5-1", "2-6"] } }] },
    ] as Table[];
    const { knowledge, issues } = buildKnowledge(tables.map((table) => ({ file: "t.json", table })));
    expect(knowledge.loinc.get("1-8")).toEqual({ kind: "lab", name: "zeta" });
    expect(knowledge.loinc.get("3-4")).toEqual({ kind: "total", name: "S-2" });
    expect(knowledge.loinc.get("5-1")).toEqual({ kind: "item", name: "S-2", item: 1 });
    expect(knowledge.labs.get("zeta")?.units.get("10*9/l")?.unit).toBe("10^9/L");
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ["labs[0].units[1].ucum", "duplicate_entry"],
      ["labs[1].loinc[0]", "duplicate_entry"],
      ["instruments[0].loinc.items[1]", "duplicate_entry"],
    ]);
  });
});
