import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { captureIo } from "../captureIo.js";
import { main } from "../main.js";

const example = fileURLToPath(new URL("../../../fixtures/cohorts/example-csv", import.meta.url));

/** A copy of the example CSV cohort with some tables replaced (text or bytes). */
function cohort(tables: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "psychrx-batch-csv-"));
  cpSync(example, join(dir, "in"), { recursive: true });
  for (const [file, content] of Object.entries(tables)) writeFileSync(join(dir, "in", file), content);
  return dir;
}

async function batch(dir: string) {
  const io = captureIo();
  const out = join(dir, "out.ndjson");
  const status = await main(["batch", join(dir, "in"), "--out", out, "--workers", "1"], io);
  return { status, stdout: io.stdout(), stderr: io.stderr(), out, lines: existsSync(out) ? readFileSync(out, "utf8").split("\n").slice(0, -1) : undefined };
}

describe("psychrx batch on a CSV folder: patients.csv without patients", () => {
  it("a zero-byte patients.csv exits 2 naming the file, and writes nothing", async () => {
    const dir = cohort({ "patients.csv": "" });
    const r = await batch(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${join(dir, "in", "patients.csv")}: line 1: empty, expected a header line with patient_id [empty_table]`);
    expect(r.stderr).not.toContain("absent from patients.csv");
    expect(r.lines).toBeUndefined();
  });

  it("a patients.csv with a header only is a cohort of 0 patients, said on stderr, with every other row unused", async () => {
    const header = readFileSync(join(example, "patients.csv"), "utf8").split("\n")[0];
    const r = await batch(cohort({ "patients.csv": `${header}\n` }));
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("patients.csv has a header and no rows: the cohort has 0 patients");
    expect(r.stderr).toContain("all 22 CSV rows name a patient_id absent from patients.csv and were not used");
    expect(r.lines).toEqual([]);
    expect(r.stdout).toMatch(/^records 0 {3}patients 0 /);
  });
});
