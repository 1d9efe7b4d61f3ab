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
});
