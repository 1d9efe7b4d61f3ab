import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readCsvCohort } from "./readCsvCohort.js";
import type { InputRecord } from "./readNdjson.js";
import { streamCsvCohort } from "./streamCsvCohort.js";

// Found by feeding psychrx batch CSV extracts as other tools write them: a header `Patient_ID`
// (SQL exports) made every record an error and every table row an "orphan"; a table without a
// patient_id column, or `;`-separated (European Excel), gave every row the empty patient id, so a
// semicolon cohort's patients each got every table's rows (all of them errors, exit 0); a row with
// one field too many failed the run with exit 1 naming neither the file nor the table.
const example = fileURLToPath(new URL("../../fixtures/cohorts/example-csv", import.meta.url));

/** A copy of the example cohort with `edit` applied to each table's text (giving text, written as UTF-8, or bytes). */
function variant(edit: (file: string, text: string) => string | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "psychrx-csv-check-"));
  cpSync(example, dir, { recursive: true });
  for (const f of readdirSync(dir)) writeFileSync(join(dir, f), edit(f, readFileSync(join(dir, f), "utf8")));
  return dir;
}

async function open(dir: string) {
  const cohort = await streamCsvCohort(dir);
  const records: InputRecord[] = [];
  for await (const r of cohort.records) records.push(r);
  return {
    records,
    orphans: cohort.orphans,
    patients: cohort.patients,
    issues: (cohort.issues ?? []).map((i) => ({ file: i.file?.slice(dir.length + 1), path: i.path, code: i.code, message: i.message })),
  };
}

describe("streamCsvCohort: table headers and CSV errors", () => {
  it("matches column names without regard to case or surrounding spaces", async () => {
    const header = (text: string) => text.replace(/^[^\n]*/, (h) => h.split(",").map((c) => ` ${c.toUpperCase()} `).join(","));
    const got = await open(variant((_, text) => header(text)));
    expect(got.issues).toEqual([]);
    expect(got.records).toEqual(readCsvCohort(example).records);
  });

  it("refuses a table without a patient_id column, and names a semicolon-separated one as such", async () => {
    const renamed = await open(variant((f, text) => (f === "labs.csv" ? text.replace("patient_id", "pid") : text)));
    expect(renamed.records).toEqual([]);
    expect(renamed.issues.map((i) => [i.file, i.path, i.code])).toEqual([["labs.csv", "patient_id", "missing_column"]]);
    const semicolons = await open(variant((_, text) => text.replaceAll('"', "").replaceAll(",", ";")));
    expect(semicolons.records).toEqual([]);
    expect(semicolons.issues).toHaveLength(7);
    expect(semicolons.issues.every((i) => i.code === "missing_column" && i.message.includes('separated by ";"'))).toBe(true);
  });

  it("refuses a row the CSV parser rejects, naming the file and line, whether the tables are in patient order or not", async () => {
    const extra = await open(variant((f, text) => (f === "labs.csv" ? text.replace("mmol/L,2026-03-01", "mmol/L,2026-03-01,extra") : text)));
    expect(extra.records).toEqual([]);
    expect(extra.issues.map((i) => [i.file, i.path, i.code])).toEqual([["labs.csv", "line 3", "invalid_csv"]]);
    const unsortedThenBad = await open(
      variant((f, text) => {
        if (f === "medications.csv") return text.replace(/\n(c-002[^\n]*\n)/, "\n").replace(/$/, "c-002,aripiprazole,,10,2026-01-01,,active,,\n");
        return f === "side_effects.csv" ? `${text}c-002,"nausea,mild\n` : text;
      }),
    );
    expect(unsortedThenBad.issues.map((i) => [i.file, i.code])).toEqual([["side_effects.csv", "invalid_csv"]]);
    const patients = await open(variant((f, text) => (f === "patients.csv" ? text.replace("c-003,2026-11-22,21,female,false,,", "c-003,2026-11-22,21,female,false,") : text)));
    expect(patients.issues.map((i) => [i.file, i.path, i.code])).toEqual([["patients.csv", "line 4", "invalid_csv"]]);
  });

  it("refuses an id column in patients.csv and a __proto__ column anywhere, instead of a record named otherwise or a column dropped", async () => {
    // Found with patients.csv columns patient_id,id: record 1 was reported as patient "OTHER" (the
    // id column) with the rows joined on its patient_id; a __proto__ column vanished without a word.
    const withId = await open(variant((f, text) => (f === "patients.csv" ? text.replace(/^patient_id,/, "patient_id,id,").replace(/\n(c-\d+),/g, "\n$1,row-$1,") : text)));
    expect(withId.records).toEqual([]);
    expect(withId.issues.map((i) => [i.file, i.path, i.code])).toEqual([["patients.csv", "id", "conflicting_column"]]);
    const proto = await open(variant((f, text) => (f === "scores.csv" ? text.replace(/^patient_id,/, "patient_id,__proto__,").replace(/\n(c-\d+),/g, "\n$1,x,") : text)));
    expect(proto.records).toEqual([]);
    expect(proto.issues.map((i) => [i.file, i.code])).toEqual([["scores.csv", "invalid_csv"]]);
    expect(proto.issues[0]?.message).toContain("__proto__");
  });

  it("refuses two columns of one name (in any case), instead of keeping the last one's value", async () => {
    // Found with patients.csv columns age,AGE: once names were matched in any case, the second
    // silently replaced the first (and age,age always had).
    for (const second of ["AGE", "age", " Age "]) {
      const got = await open(variant((f, text) => (f === "patients.csv" ? text.replace(/^patient_id,as_of,age,/, `patient_id,as_of,age,${second},`).replace(/\n(c-\d+,[^,]*,[^,]*,)/g, "\n$199,") : text)));
      expect(got.records).toEqual([]);
      expect(got.issues.map((i) => [i.file, i.code])).toEqual([["patients.csv", "invalid_csv"]]);
      expect(got.issues[0]?.message).toContain('two columns named "age"');
    }
  });

  it("refuses a patients.csv without a header line (zero bytes, blank lines) as empty; one with a header only is a cohort of 0 patients", async () => {
    // Found with a zero-byte patients.csv (an export that failed): the run ended with exit 0, no
    // output lines, and every row of the other tables reported as naming an absent patient.
    for (const empty of ["", "\n", "\r\n\r\n", "\ufeff"]) {
      const got = await open(variant((f, text) => (f === "patients.csv" ? empty : text)));
      expect(got.records).toEqual([]);
      expect(got.issues, JSON.stringify(empty)).toEqual([{ file: "patients.csv", path: "line 1", code: "empty_table", message: "empty, expected a header line with patient_id" }]);
    }
    const headerOnly = await open(variant((f, text) => (f === "patients.csv" ? text.slice(0, text.indexOf("\n") + 1) : text)));
    expect(headerOnly.issues).toEqual([]);
    expect(headerOnly.records).toEqual([]);
    expect(headerOnly.patients).toBe(0);
    const tableRows = readdirSync(example)
      .filter((f) => f !== "patients.csv")
      .reduce((n, f) => n + readFileSync(join(example, f), "utf8").trimEnd().split("\n").length - 1, 0);
    expect(headerOnly.orphans).toBe(tableRows);
    // Another table without a header has no rows: its kind of fact is absent, as when the file is.
    const noLabs = await open(variant((f, text) => (f === "labs.csv" ? "" : text)));
    expect(noLabs.issues).toEqual([]);
    expect(noLabs.patients).toBe(5);
  });

  it("checks the header of a table with no rows: a header-only patients.csv separated by semicolons is refused", async () => {
    const got = await open(variant((f, text) => (f === "patients.csv" ? text.slice(0, text.indexOf("\n") + 1).replaceAll(",", ";") : text)));
    expect(got.issues.map((i) => [i.file, i.path, i.code])).toEqual([["patients.csv", "patient_id", "missing_column"]]);
  });

  it("refuses a header with bytes that are not UTF-8, naming file and line; reads a table in UTF-16LE with its byte order mark as before", async () => {
    // Found with tables saved as Latin-1: the bytes became U+FFFD without a word (a column "m\ufffddicament").
    const accent = (text: string) => text.replace("patient_id,test", "patient_id,t\u00e9st");
    expect((await open(variant((f, text) => (f === "labs.csv" ? accent(text) : text)))).issues).toEqual([]); // "é" in UTF-8 is fine
    const header = variant((f, text) => (f === "labs.csv" ? Buffer.from(accent(text), "latin1") : text));
    const bad = await open(header);
    expect(bad.records).toEqual([]);
    expect(bad.issues).toEqual([{ file: "labs.csv", path: "line 1", code: "invalid_utf8", message: "the header has bytes that are not UTF-8 (was the file saved as Latin-1 or Windows-1252? convert it to UTF-8)" }]);
    const utf16 = variant((_, text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const read = await open(utf16);
    expect(read.issues).toEqual([]);
    expect(read.records).toEqual(readCsvCohort(example).records);
  });
});
