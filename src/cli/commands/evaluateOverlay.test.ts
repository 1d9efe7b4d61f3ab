import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultRulesDir } from "../../packs/defaultRulesDir.js";
import { captureIo } from "../captureIo.js";
import { main } from "../main.js";

function files(entries: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "psychrx-eval-overlay-"));
  for (const [name, json] of Object.entries(entries)) writeFileSync(join(dir, name), JSON.stringify(json));
  return dir;
}
async function evaluate(...argv: string[]) {
  const io = captureIo();
  const status = await main(["evaluate", ...argv, "--format", "json"], io);
  return { status, stdout: io.stdout(), stderr: io.stderr() };
}
const overlay = (changes: unknown[]) => ({ "site.json": { overlay: { id: "site", version: "2.1.0", title: "Site changes" }, changes } });
const patient = files({ "p.json": { id: "p", asOf: "2026-11-22", medications: [{ name: "sertraline", status: "active", adherence: { pdc: 0.85 } }] } });
const snapshot = join(patient, "p.json");

describe("psychrx evaluate --packs rules --packs OVERLAY", () => {
  it("applies the overlay and lists it in packs with version and sha256", async () => {
    const site = files(overlay([{ rule: "adherence.low-pdc", set: [{ path: "conditions.all[2].value", from: 0.8, value: 0.9 }] }]));
    const before = await evaluate(snapshot);
    const after = await evaluate(snapshot, "--packs", defaultRulesDir(), "--packs", site);
    expect(after.status, after.stderr).toBe(0);
    const ids = (r: { stdout: string }) => (JSON.parse(r.stdout) as { suggestions: { ruleId: string }[] }).suggestions.map((s) => s.ruleId);
    expect(ids(before)).not.toContain("adherence.low-pdc");
    expect(ids(after)).toContain("adherence.low-pdc");
    const packs = (JSON.parse(after.stdout) as { packs: { id: string; version: string; sha256: string; type: string }[] }).packs;
    expect(packs).toContainEqual({ id: "site", version: "2.1.0", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, type: "overlay" });
  });

  it("an overlay targeting a missing rule: exit 2, the file and path on stderr, nothing evaluated", async () => {
    const site = files(overlay([{ rule: "adherence.low-pcd", enabled: false }]));
    const r = await evaluate(snapshot, "--packs", defaultRulesDir(), "--packs", site);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("nothing was evaluated");
    expect(r.stderr).toContain(`${join(site, "site.json")}: changes[0].rule: no rule "adherence.low-pcd"`);
    expect(r.stderr).toContain('did you mean "adherence.low-pdc"');
  });
});
