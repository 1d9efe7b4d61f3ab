import { cpSync, mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runBatch } from "./runBatch.js";

// Found by giving psychrx batch a CSV folder whose medications table was named Medications.csv
// (as Windows exports name files): it was not read, every patient's medications were unknown,
// and nothing said so.
const example = fileURLToPath(new URL("../../fixtures/cohorts/example-csv", import.meta.url));

describe("runBatch on a CSV folder", () => {
  it("says on stderr which .csv files are not cohort tables and were not read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "psychrx-unknown-tables-"));
    const cohort = join(dir, "cohort");
    cpSync(example, cohort, { recursive: true });
    renameSync(join(cohort, "medications.csv"), join(cohort, "Medications.csv"));
    writeFileSync(join(cohort, "notes.csv"), "a,b\n");
    writeFileSync(join(cohort, "readme.txt"), "not a table\n");
    const stderr: string[] = [];
    const r = await runBatch({ input: cohort, out: join(dir, "out.ndjson"), workers: 1, resume: false, workerEntry: pathToFileURL(join(dir, "unused.mjs")), stderr: (t) => stderr.push(t), stderrIsTty: false });
    expect(r.status).toBe("complete");
    const notes = stderr.filter((t) => t.includes("not a cohort table"));
    expect(notes).toEqual([
      "psychrx batch: Medications.csv is not a cohort table and was not read (did you mean medications.csv?)\n",
      "psychrx batch: notes.csv is not a cohort table and was not read\n",
    ]);
  });
});
