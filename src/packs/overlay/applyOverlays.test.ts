import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../evaluate.js";
import { defaultRulesDir } from "../defaultRulesDir.js";
import { defaultPacks, loadPacks } from "../loadPacks.js";
import type { PackSet } from "../packSet.js";
import { testPacks } from "../testPacks.js";

function overlayDir(...overlays: { id: string; changes: unknown[] }[]): string {
  const dir = mkdtempSync(join(tmpdir(), "psychrx-overlay-"));
  overlays.forEach((o, i) => writeFileSync(join(dir, `${i}-${o.id}.json`), JSON.stringify({ overlay: { id: o.id, version: "1.0.0", title: `Overlay ${o.id}` }, changes: o.changes })));
  return dir;
}
function load(...dirs: string[]): PackSet {
  const r = loadPacks(dirs);
  if (!r.success) throw new Error(JSON.stringify(r.issues, null, 2));
  return r.data;
}
const pdcThreshold = (value: number, from = 0.8) => ({ rule: "adherence.low-pdc", set: [{ path: "conditions.all[2].value", from, value }], reason: "local adherence target" });
const sertralineAt = (pdc: number) => ({ id: "x", asOf: "2026-11-22", medications: [{ name: "sertraline", status: "active", adherence: { pdc } }] });
const fired = (snapshot: unknown, packs?: PackSet) => evaluate(snapshot, packs ? { packs } : {}).suggestions.map((s) => `${s.ruleId}:${s.severity}`);

describe("overlays", () => {
  it("change a threshold, and the outcome changes", () => {
    const site = load(defaultRulesDir(), overlayDir({ id: "site", changes: [pdcThreshold(0.95)] }));
    expect(fired(sertralineAt(0.9))).not.toContain("adherence.low-pdc:warning");
    expect(fired(sertralineAt(0.9), site)).toContain("adherence.low-pdc:warning");
    // The default packs are not modified by loading an overlay.
    expect(defaultPacks().rules.find((r) => r.rule.id === "adherence.low-pdc")?.rule.conditions).toEqual(
      expect.objectContaining({ all: expect.arrayContaining([expect.objectContaining({ fact: "med.pdc", value: 0.8 })]) }),
    );
  });

  it("disable a rule: it no longer fires, and its cases are skipped", () => {
    const site = load(defaultRulesDir(), overlayDir({ id: "site", changes: [{ rule: "adherence.low-pdc", enabled: false }] }));
    expect(fired(sertralineAt(0.5))).toContain("adherence.low-pdc:warning");
    expect(fired(sertralineAt(0.5), site).filter((s) => s.startsWith("adherence.low-pdc"))).toEqual([]);
    const report = testPacks(site, { filter: "adherence.low-pdc" });
    expect(report.rules[0]?.outcome).toBe("skipped");
    expect(report.failed + report.errors).toBe(0);
  });

  it("change a severity", () => {
    const site = load(defaultRulesDir(), overlayDir({ id: "site", changes: [{ rule: "adherence.low-pdc", severity: "info" }] }));
    expect(fired(sertralineAt(0.5), site)).toContain("adherence.low-pdc:info");
  });

  it("apply in --packs order: the later overlay wins", () => {
    const first = overlayDir({ id: "first", changes: [pdcThreshold(0.95)] });
    const second = overlayDir({ id: "second", changes: [pdcThreshold(0.85, 0.95)] });
    const site = load(defaultRulesDir(), first, second);
    expect(fired(sertralineAt(0.9), site)).not.toContain("adherence.low-pdc:warning");
    expect(fired(sertralineAt(0.8), site)).toContain("adherence.low-pdc:warning");
    // Each overlay is listed with version and sha256, after the packs, in the order applied.
    const listed = site.packs.filter((p) => p.type === "overlay");
    expect(listed.map((p) => p.id)).toEqual(["first", "second"]);
    for (const p of listed) expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
    const types = site.packs.map((p) => p.type);
    expect(types.indexOf("overlay")).toBeGreaterThan(types.lastIndexOf("pack"));
    expect(evaluate(sertralineAt(0.8), { packs: site }).packs.filter((p) => p.type === "overlay").map((p) => p.id)).toEqual(["first", "second"]);
  });

  it("a directory holding only overlays applies them to the bundled packs", () => {
    const site = load(overlayDir({ id: "site", changes: [pdcThreshold(0.95)] }));
    expect(site.packs.some((p) => p.id === "psych-core")).toBe(true);
    expect(fired(sertralineAt(0.9), site)).toContain("adherence.low-pdc:warning");
  });

  it("the default cases run under an overlay show what it changes", () => {
    const site = load(defaultRulesDir(), overlayDir({ id: "site", changes: [pdcThreshold(0.95)] }));
    const failed = testPacks(site, { filter: "adherence.low-pdc" }).cases.filter((c) => c.outcome === "failed");
    expect(failed.map((c) => c.caseName)).toEqual(["sertraline PDC 0.9"]);
  });

  it.each([
    ["a missing rule", { rule: "adherence.no-such-rule", enabled: false }, "changes[0].rule", "overlay_unknown_rule"],
    ["a path that does not exist", { rule: "adherence.low-pdc", set: [{ path: "conditions.any[0].value", value: 1 }] }, "changes[0].set[0].path", "overlay_unknown_path"],
    ["a stale from", pdcThreshold(0.9, 0.7), "changes[0].set[0].from", "overlay_from_mismatch"],
    ["a change to the rule id", { rule: "adherence.low-pdc", set: [{ path: "id", value: "x.y" }] }, "changes[0].set[0].path", "overlay_fixed_field"],
    ["a value of the wrong type", { rule: "adherence.low-pdc", set: [{ path: "severity", from: "warning", value: "urgent" }] }, "changes[0]", "overlay_invalid_result"],
    ["a change that changes nothing", { rule: "adherence.low-pdc" }, "changes[0]", "custom"],
  ])("refuses %s, naming the overlay file and the path", (_label, change, path, code) => {
    const r = loadPacks([defaultRulesDir(), overlayDir({ id: "site", changes: [change] })]);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ path, code });
    expect(r.issues[0]?.file).toMatch(/0-site\.json$/);
  });

  it("refuses two overlays with one id", () => {
    const r = loadPacks([defaultRulesDir(), overlayDir({ id: "site", changes: [pdcThreshold(0.9)] }, { id: "site", changes: [pdcThreshold(0.95, 0.9)] })]);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map((i) => i.code)).toEqual(["duplicate_overlay_id"]);
  });
});
