/**
 * The built CLI (`npx tsup` first) for rule-pack authors: lint, test and overlays, run as a user would.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
function run(...args: string[]) {
  const r = spawnSync(process.execPath, ["bin/psychrx.js", ...args], { cwd: repoRoot, encoding: "utf8" });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("built CLI: authoring commands", () => {
  it("psychrx lint rules --strict: the default packs lint clean", () => {
    const r = run("lint", "rules", "--strict");
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\d+ files, \d+ rules: no problems\n$/);
  });

  it("psychrx lint --format json on the draft: findings as data, exit 1", () => {
    const r = run("lint", "docs/examples/draft", "--format", "json");
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { code: string; ruleId?: string; file?: string }[]; errors: number };
    expect(report.errors).toBe(2);
    expect(report.findings.map((f) => f.code)).toEqual(["no_quiet_case", "unknown_band", "unknown_fact", "evidence_without_url"]);
    for (const f of report.findings) expect(f).toMatchObject({ ruleId: "site.gad7-severe-follow-up", file: "docs/examples/draft/site-anxiety.json" });
  });

  it("evaluate with the example overlay lists it in packs; a broken overlay exits 2 with nothing on stdout", () => {
    const ok = run("evaluate", "docs/examples/patients/site-overlay-patient.json", "--format", "json", "--packs", "rules", "--packs", "docs/examples/site-overlay");
    expect(ok.status, ok.stderr).toBe(0);
    const result = JSON.parse(ok.stdout) as { packs: { id: string; type: string }[]; suggestions: { ruleId: string; severity: string }[] };
    expect(result.packs.filter((p) => p.type === "overlay").map((p) => p.id)).toEqual(["site-example"]);
    expect(result.suggestions.map((s) => `${s.ruleId}:${s.severity}`)).toEqual(expect.arrayContaining(["adherence.low-pdc:warning", "side-effect.sga-weight-gain:info"]));
    const bad = run("evaluate", "docs/examples/patients/site-overlay-patient.json", "--packs", "rules", "--packs", "docs/examples/draft");
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
  });
});
