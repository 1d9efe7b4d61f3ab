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

describe("psychrx batch on a CSV folder: tables with bytes that are not UTF-8", () => {
  // Found by saving tables as Latin-1: "sertral\xe9ne" was read as "sertral\ufffdne" (an unknown
  // drug) and the patient evaluated without a word, where an NDJSON line with such bytes is an error.
  const latin1 = (file: string, edit: (text: string) => string) => Buffer.from(edit(readFileSync(join(example, file), "utf8")), "latin1");

  it("gives each patient with such a row (in patients.csv or another table) an invalid_utf8 error line naming table, line, column and path, and says so on stderr", async () => {
    const dir = cohort({
      // c-002's ancestry; c-005's second medication; the orphan row c-999 (line 9).
      "patients.csv": latin1("patients.csv", (t) => t.replace("east-asian", "east-asi\u00e4n")),
      "medications.csv": latin1("medications.csv", (t) => t.replace("c-005,sertraline", "c-005,sertral\u00e9ne").replace("c-999,sertraline", "c-999,sertral\u00e9ne")),
    });
    const r = await batch(dir);
    expect(r.status).toBe(0);
    const out = r.lines!.map((l) => JSON.parse(l) as { record: number; patientId: string | null; error?: { code: string; issues: unknown[] } });
    expect(out.map((o) => [o.record, o.patientId, o.error?.code])).toEqual([
      [1, "c-001", undefined],
      [2, "c-002", "invalid_utf8"],
      [3, "c-003", undefined],
      [4, "c-004", undefined],
      [5, "c-005", "invalid_utf8"],
    ]);
    const hint = "bytes that are not UTF-8 (was the file saved as Latin-1 or Windows-1252? convert it to UTF-8)";
    expect(out[1]?.error?.issues).toEqual([{ file: "patients.csv", path: "ancestry", code: "invalid_utf8", message: `line 3, column ancestry: ${hint}` }]);
    expect(out[4]?.error?.issues).toEqual([{ file: "medications.csv", path: "medications[1].name", code: "invalid_utf8", message: `line 8, column name: ${hint}` }]);
    expect(r.stderr).toContain('psychrx batch: patients.csv has bytes that are not UTF-8 in 1 row: line 3 (patient "c-002"); the record of each patient concerned is an invalid_utf8 error line naming the cell');
    expect(r.stderr).toContain('psychrx batch: medications.csv has bytes that are not UTF-8 in 2 rows: line 8 (patient "c-005"), line 9 (patient "c-999", absent from patients.csv: not used)');
    expect(r.stdout).toContain("errors: invalid_utf8 2");
  });

  it("gives the same lines when the tables are grouped in memory (a table out of patient order)", async () => {
    const edit = (t: string) => t.replace("c-005,sertraline", "c-005,sertral\u00e9ne");
    const sorted = await batch(cohort({ "medications.csv": latin1("medications.csv", edit) }));
    const [header, ...rows] = edit(readFileSync(join(example, "medications.csv"), "utf8")).trimEnd().split("\n");
    const shuffled = await batch(cohort({ "medications.csv": Buffer.from(`${[header, ...rows.reverse()].join("\n")}\n`, "latin1") }));
    expect(shuffled.stderr).toContain("grouping the tables in memory");
    const errors = (lines: string[] | undefined) => lines!.map((l) => JSON.parse(l) as { error?: unknown }).map((o) => o.error);
    // The shuffled table lists c-005's rows in the other order: the Latin-1 row is its first and on another line.
    expect(errors(shuffled.lines)[4]).toEqual({
      code: "invalid_utf8",
      issues: [{ file: "medications.csv", path: "medications[0].name", code: "invalid_utf8", message: expect.stringMatching(/^line 3, column name: /) as unknown }],
    });
    expect(errors(sorted.lines)[4]).toEqual(expect.objectContaining({ code: "invalid_utf8" }));
    expect(errors(shuffled.lines).slice(0, 4)).toEqual(errors(sorted.lines).slice(0, 4));
  });

  it("refuses a header with such bytes (exit 2, naming file and line)", async () => {
    const dir = cohort({ "scores.csv": latin1("scores.csv", (t) => t.replace("instrument", "instr\u00fcment")) });
    const r = await batch(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${join(dir, "in", "scores.csv")}: line 1: the header has bytes that are not UTF-8`);
    expect(r.lines).toBeUndefined();
  });
});

