import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultRulesDir } from "../../packs/defaultRulesDir.js";
import type { TestReport } from "../../packs/testPacks.js";
import { captureIo } from "../captureIo.js";
import { main } from "../main.js";

async function run(...argv: string[]) {
  const io = captureIo();
  const status = await main(["test", ...argv], io);
  return { status, stdout: io.stdout(), stderr: io.stderr() };
}
type Pack = { rules: { id: string; cases: Record<string, unknown>[] }[] };
function brokenCore(change: (p: Pack) => void): string {
  const pack = JSON.parse(readFileSync(join(defaultRulesDir(), "packs", "psych-core.json"), "utf8")) as Pack;
  change(pack);
  const dir = mkdtempSync(join(tmpdir(), "psychrx-test-cli-"));
  writeFileSync(join(dir, "psych-core.json"), JSON.stringify(pack));
  return dir;
}
const adherence = (p: Pack) => p.rules.find((r) => r.id === "adherence.low-pdc")!;

describe("psychrx test", () => {
  it("reports per rule, with coverage and the totals line", async () => {
    const r = await run(defaultRulesDir(), "--filter", "adherence.");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^psych-core \(.*psych-core\.json\)\n {2}ok {4}adherence\.low-pdc {2}\(5 passed\)$/m);
    expect(r.stdout).toMatch(/^coverage: 10 of 10 condition leaves decided an outcome in some case$/m);
    expect(r.stdout).toMatch(/^1 rules, 5 cases: 5 passed, 0 failed, 0 errors, 0 skipped$/m);
  });

  it("a failing case shows a diff and the condition tree it saw; exit 1", async () => {
    const dir = brokenCore((p) => (adherence(p).cases[1]!["expect"] = "fires"));
    const r = await run(dir, "--filter", "adherence.low-pdc");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("FAIL  adherence.low-pdc  (4 passed, 1 failed)");
    expect(r.stdout).toContain("✗ sertraline PDC 0.9: expected the rule to fire");
    expect(r.stdout).toContain("- expected: fires\n");
    expect(r.stdout).toContain("+ actual:   quiet\n");
    expect(r.stdout).toContain("[false] med.pdc lessThan 0.8 — actual: 0.9");
  });

  it("four outcomes: a skipped case, an erroring case (invalid snapshot)", async () => {
    const dir = brokenCore((p) => {
      adherence(p).cases[3]!["skip"] = "waiting for refill data from the pharmacy feed";
      adherence(p).cases[4]!["patch"] = { medications: [{ name: "sertraline", dailyDoseMg: "lots" }] };
    });
    const r = await run(dir, "--filter", "adherence.low-pdc", "--format", "json");
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as TestReport;
    expect(report).toMatchObject({ passed: 3, failed: 0, errors: 1, skipped: 1 });
    expect(report.rules[0]?.outcome).toBe("error");
    const errored = report.cases.find((c) => c.outcome === "error");
    expect(errored?.issues?.[0]?.path).toBe("medications[0].dailyDoseMg");
  });

  it("coverage lists rules without a quiet case and leaves no case decides", async () => {
    const dir = brokenCore((p) => (adherence(p).cases = adherence(p).cases.filter((c) => c["name"] === "sertraline PDC 0.6")));
    const r = await run(dir, "--filter", "adherence.low-pdc", "--format", "json");
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as TestReport;
    expect(report.coverage.rulesWithoutQuiet).toEqual(["adherence.low-pdc"]);
    // One firing case: the status and pdc leaves decided it, but of the classes only "antidepressant" did.
    expect(report.rules[0]?.coverage.undecided.map((u) => u.path)).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `conditions.all[1].any[${i}]`));
  });

  it("--filter that matches no rule fails", async () => {
    const r = await run(defaultRulesDir(), "--filter", "no.such-rule");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("matched no rule");
  });
});
