import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultRulesDir } from "../../packs/defaultRulesDir.js";
import { captureIo } from "../captureIo.js";
import { main } from "../main.js";

async function run(...argv: string[]) {
  const io = captureIo();
  const status = await main(argv, io);
  return { status, stdout: io.stdout(), stderr: io.stderr() };
}

function packDir(change: (pack: { rules: Record<string, unknown>[] }) => void): string {
  const pack = JSON.parse(readFileSync(join(defaultRulesDir(), "packs", "psych-core.json"), "utf8")) as { rules: Record<string, unknown>[] };
  change(pack);
  const dir = mkdtempSync(join(tmpdir(), "psychrx-lint-cli-"));
  writeFileSync(join(dir, "psych-core.json"), JSON.stringify(pack, null, 2));
  return dir;
}
const withoutUrl = () => packDir((p) => delete (p.rules[8]?.["evidence"] as Record<string, unknown>[])[0]?.["url"]);

describe("psychrx lint", () => {
  it("the default packs lint clean with --strict: exit 0", async () => {
    const r = await run("lint", defaultRulesDir(), "--strict");
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/^\d+ files, \d+ rules: no problems\n$/);
  });

  it("a warning exits 0, or 1 with --strict; the text names file, path, code and rule", async () => {
    const dir = withoutUrl();
    const plain = await run("lint", dir);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain(join(dir, "psych-core.json"));
    expect(plain.stdout).toMatch(/rules\[8\]\.evidence\[0\]  warning  .*has no url.*\[evidence_without_url\]  adherence\.low-pdc/);
    expect(plain.stdout).toContain("1 problem (0 errors, 1 warning)");
    expect((await run("lint", dir, "--strict")).status).toBe(1);
  });

  it("an error exits 1; --format json gives the findings as data", async () => {
    const dir = packDir((p) => ((p.rules[8]?.["conditions"] as { all: { any?: { value: unknown }[] }[] }).all[1]!.any![0]!.value = "antidepresant"));
    const r = await run("lint", dir, "--format", "json");
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: Record<string, unknown>[]; errors: number; warnings: number; strict: boolean };
    expect(report).toMatchObject({ errors: 1, warnings: 0, strict: false });
    expect(report.findings).toEqual([
      {
        severity: "error",
        code: "unknown_class",
        file: join(dir, "psych-core.json"),
        path: "rules[8].conditions.all[1].any[0].value",
        ruleId: "adherence.low-pdc",
        message: expect.stringContaining('did you mean "antidepressant"') as unknown,
        params: { value: "antidepresant", didYouMean: "antidepressant" },
      },
    ]);
  });

  it("usage errors exit 2", async () => {
    expect((await run("lint")).status).toBe(2);
    expect((await run("lint", defaultRulesDir(), "--format", "xml")).status).toBe(2);
    expect((await run("lint", defaultRulesDir(), "--colour")).status).toBe(2);
    expect((await run("lint", "/nonexistent/psychrx")).status).toBe(2);
  });
});
