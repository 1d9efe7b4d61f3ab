import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../evaluate.js";
import { defaultRulesDir } from "./defaultRulesDir.js";
import { defaultPacks, loadPacks } from "./loadPacks.js";
import { testPacks } from "./testPacks.js";

const core = JSON.parse(readFileSync(join(defaultRulesDir(), "packs", "psych-core.json"), "utf8")) as { rules: Record<string, unknown>[] } & Record<string, unknown>;

function dirWith(pack: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "psychrx-pack-"));
  writeFileSync(join(dir, "pack.json"), typeof pack === "string" ? pack : JSON.stringify(pack));
  return dir;
}
function issuesOf(pack: unknown) {
  const r = loadPacks(dirWith(pack));
  return r.success ? [] : r.issues;
}
function withRule(patch: Record<string, unknown>, index = 0) {
  const copy = structuredClone(core);
  copy.rules = [{ ...copy.rules[index], ...patch }];
  return copy;
}

describe("loadPacks", () => {
  it("loads the bundled packs and tables, each listed with version and sha256", () => {
    const packs = defaultPacks();
    expect(packs.rules.length).toBeGreaterThan(8);
    const core = packs.packs.find((p) => p.id === "psych-core");
    expect(core?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(packs.packs.some((p) => p.type === "table" && p.id.startsWith("table:tables/drugs/"))).toBe(true);
  });

  it("a directory holding only a pack takes the bundled tables", () => {
    const r = loadPacks(dirWith(core));
    expect(r.success).toBe(true);
    if (r.success) expect(r.data.packs.some((p) => p.id === "table:tables/labs")).toBe(true);
  });

  it.each([
    ["not JSON", "{ nope", "$", "invalid_json"],
    ["an array", "[]", "$", "unknown_document"],
    ["a wrong kind", withRule({ kind: "alert" }), "rules[0].kind", "invalid_value"],
    ["an empty evidence list", withRule({ evidence: [] }), "rules[0].evidence", "too_small"],
    ["a missing summary", withRule({ summary: undefined }), "rules[0].summary", "invalid_type"],
    ["an unknown key", withRule({ severty: "info" }), "rules[0].severty", "unrecognized_key"],
    ["an unknown fact", withRule({ conditions: { all: [{ fact: "a.flag", operator: "contains", value: "x" }] } }), "rules[0].conditions.all[0].fact", "unknown_fact"],
    ["an unknown operator", withRule({ conditions: { all: [{ fact: "a.flags", operator: "has", value: "x" }] } }), "rules[0].conditions.all[0].operator", "invalid_value"],
    ["an unknown placeholder", withRule({ summary: "{{a.nmae}} with {{b.name}}" }), "rules[0].summary", "unknown_placeholder"],
    ["a prototype key", `{"id":"x","version":"1.0.0","title":"t","rules":[],"__proto__":{"polluted":1}}`, "__proto__", "forbidden_key"],
  ])("refuses %s, naming file and path", (_label, pack, path, code) => {
    const issues = issuesOf(pack);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ path, code });
    expect(issues[0]?.file).toMatch(/pack\.json$/);
  });

  it("refuses duplicate rule ids across packs", () => {
    const dir = mkdtempSync(join(tmpdir(), "psychrx-dup-"));
    writeFileSync(join(dir, "a.json"), JSON.stringify({ ...core, id: "pack-a" }));
    writeFileSync(join(dir, "b.json"), JSON.stringify({ ...core, id: "pack-b" }));
    const r = loadPacks(dir);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.some((i) => i.code === "duplicate_rule_id" && i.file?.endsWith("b.json"))).toBe(true);
  });

  it("refuses a key written twice in a rule (the first would be dropped without a word), naming it by path", () => {
    const text = JSON.stringify(core).replace('"severity":', '"severity":"info","severity":');
    expect(issuesOf(text).map((i) => [i.code, i.path])).toEqual([["duplicate_key", "rules[0].severity"]]);
  });

  it("a missing directory is an issue, not an exception", () => {
    const r = loadPacks("/nonexistent/psychrx-rules");
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]?.code).toBe("not_found");
  });

  it("a threshold changed in a copied pack changes the outcome (knowledge is data, not code)", () => {
    const copy = structuredClone(core);
    const adherence = copy.rules.find((r) => r["id"] === "adherence.low-pdc") as { conditions: { all: { fact?: string; value: unknown }[] } };
    const threshold = adherence.conditions.all.find((c) => c.fact === "med.pdc");
    if (threshold === undefined) throw new Error("adherence rule has no med.pdc condition");
    threshold.value = 0.95;
    const dir = dirWith(copy);
    const loaded = loadPacks(dir);
    if (!loaded.success) throw new Error(JSON.stringify(loaded.issues));
    const snapshot = { id: "x", asOf: "2026-11-22", medications: [{ name: "sertraline", adherence: { pdc: 0.9 } }] };
    const ids = (r: ReturnType<typeof evaluate>) => r.suggestions.map((s) => s.ruleId);
    expect(ids(evaluate(snapshot))).not.toContain("adherence.low-pdc");
    expect(ids(evaluate(snapshot, { packs: loaded.data }))).toContain("adherence.low-pdc");
  });
});

describe("testPacks", () => {
  it("the bundled packs' own cases pass", () => {
    const report = testPacks(defaultPacks());
    const bad = report.cases.filter((c) => c.outcome !== "passed");
    expect(bad).toEqual([]);
    expect(report.passed).toBeGreaterThan(30);
  });

  it("a case with a wrong expectation fails with a readable message", () => {
    const copy = structuredClone(core);
    const rule = copy.rules[0] as { cases: { expect: string }[] };
    rule.cases[0]!.expect = "quiet";
    const dir = mkdtempSync(join(tmpdir(), "psychrx-fail-"));
    mkdirSync(join(dir, "packs"));
    writeFileSync(join(dir, "packs", "p.json"), JSON.stringify(copy));
    const loaded = loadPacks(dir);
    if (!loaded.success) throw new Error(JSON.stringify(loaded.issues));
    const failed = testPacks(loaded.data).cases.filter((c) => c.outcome === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toMatch(/expected quiet; got 1 firing/);
  });
});
