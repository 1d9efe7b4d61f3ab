/**
 * End-to-end: `psychrx evaluate` on a FHIR R4 Bundle (`fixtures/fhir/`), run as a user would with
 * the built CLI. Build first: `npx tsup && npx vitest run test/fhir.e2e.test.ts`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const bundleFile = join(repoRoot, "fixtures", "fhir", "bipolar-lithium-bundle.json");
const run = (...args: string[]) => spawnSync(process.execPath, ["bin/psychrx.js", ...args], { cwd: repoRoot, encoding: "utf8" });
const dir = mkdtempSync(join(tmpdir(), "psychrx-fhir-"));
const write = (name: string, value: unknown) => {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(value));
  return f;
};

describe("psychrx evaluate on a FHIR Bundle", () => {
  it("evaluates the fixture: its interaction and safety alerts, each note on stderr with its entry's path", () => {
    const r = run("evaluate", bundleFile, "--format", "json");
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { patientId: string; asOf: string; suggestions: { ruleId: string }[]; dataGaps: { ruleId: string; missing: string[] }[] };
    expect(result.patientId).toBe("fhir-bipolar-lithium");
    expect(result.asOf).toBe("2026-11-22"); // the bundle's timestamp
    const fired = result.suggestions.map((s) => s.ruleId);
    expect(fired).toContain("interaction.lithium-raising-drug-level-not-rechecked"); // lithium + ibuprofen, level older than ibuprofen
    expect(fired).toContain("safety.phq9-item9-positive"); // item 9 from the PHQ-9 panel's components
    // The censored TSH (<0.01) is not a value: the thyroid check is a data gap, not "normal".
    expect(result.dataGaps.find((g) => g.ruleId === "monitoring.lithium-thyroid-function")?.missing).toEqual(["labs.TSH.ageDays"]);
    for (const note of ["entry[2].resource: Condition", "entry[6].resource: daily dose of quetiapine unknown: taken as needed", "entry[7].resource.status", "entry[11].resource.valueQuantity.comparator", "entry[12].resource: Observation LOINC 718-7"]) {
      expect(r.stderr).toContain(note);
    }
    expect(run("evaluate", bundleFile, "--format", "cds-hooks").status).toBe(0);
  });

  it("--as-of moves the evaluation date; items after it are left out with a note", () => {
    const r = run("evaluate", bundleFile, "--format", "json", "--as-of", "2026-10-25");
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { asOf: string }).asOf).toBe("2026-10-25");
    expect(r.stderr).toMatch(/ibuprofen starts 2026-11-01, after 2026-10-25: not used \[after_as_of\]/);
    expect(run("evaluate", join(repoRoot, "fixtures", "patients", "minimal-id-asof-only.json"), "--as-of", "2026-10-25").status).toBe(2);
  });

  it("refuses a malformed bundle with exit 2, naming each path in the bundle, and nothing on stdout", () => {
    const bundle = JSON.parse(readFileSync(bundleFile, "utf8")) as { timestamp?: string; entry: { resource: Record<string, unknown> }[] };
    const broken = structuredClone(bundle);
    (broken.entry[8]!.resource["valueQuantity"] as Record<string, unknown>)["value"] = "1.3";
    broken.entry[0]!.resource["gender"] = "F";
    const r = run("evaluate", write("broken.json", broken), "--format", "json");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("entry[8].resource.valueQuantity.value");
    expect(r.stderr).toContain("entry[0].resource.gender");
    // A lab value the snapshot's checks refuse names the entry it came from.
    const impossible = structuredClone(bundle);
    (impossible.entry[8]!.resource["valueQuantity"] as Record<string, unknown>)["value"] = -4;
    const i = run("evaluate", write("impossible.json", impossible));
    expect(i.status).toBe(2);
    expect(i.stderr).toMatch(/entry\[8\]\.resource \(labs\[\d+\]\.value\)/);
    // No timestamp and no --as-of: the evaluation date is asked for.
    const undated = structuredClone(bundle);
    delete undated.timestamp;
    const u = run("evaluate", write("undated.json", undated));
    expect(u.status).toBe(2);
    expect(u.stderr).toContain("--as-of");
    expect(run("evaluate", write("undated2.json", undated), "--as-of", "2026-11-22", "--format", "json").status).toBe(0);
  });

  it("answers a CDS Hooks order-sign request with cards: the draft sertraline against the prefetched phenelzine", () => {
    const file = join(repoRoot, "fixtures", "cds-hooks", "order-sign-sertraline-on-phenelzine.json");
    const r = run("evaluate", file, "--format", "cds-hooks", "--as-of", "2026-11-22");
    expect(r.status).toBe(0);
    const cards = (JSON.parse(r.stdout) as { cards: { indicator: string; source: { topic?: { code: string } } }[] }).cards;
    expect(cards.filter((c) => c.indicator === "critical").map((c) => c.source.topic?.code)).toEqual(["interaction.maoi-serotonergic"]);
    expect(r.stderr).toContain("prefetch.conditions: the EHR did not prefetch this");
    // Without --as-of the date is today's, and stderr says so.
    expect(run("evaluate", file, "--format", "cds-hooks").stderr).toMatch(/as of today, \d{4}-\d{2}-\d{2}/);
  });

  it("explain reads a FHIR Bundle too: the thyroid check is unknown because the censored TSH is not a value", () => {
    const r = run("explain", bundleFile, "--rule", "monitoring.lithium-thyroid-function", "--format", "json");
    expect(r.status).toBe(0);
    const subjects = (JSON.parse(r.stdout) as { subjects: { medications: string[]; outcome: string }[] }).subjects;
    expect(subjects.find((x) => x.medications.join() === "lithium")?.outcome).toBe("data gap");
    expect(r.stdout).toContain("labs.TSH.ageDays");
    expect(r.stderr).toContain("entry[11].resource.valueQuantity.comparator");
  });
});
