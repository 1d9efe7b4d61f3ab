import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { InputRecord } from "./readNdjson.js";

/** The tables of a long-format CSV cohort, each keyed by `patient_id`, and the snapshot list each fills. */
export const CSV_TABLES = {
  "medications.csv": "medications",
  "scores.csv": "scores",
  "labs.csv": "labs",
  "diagnoses.csv": "diagnoses",
  "side_effects.csv": "sideEffects",
  "pharmacogenomics.csv": "pharmacogenomics",
} as const;

const LIST_COLUMNS = new Set(["ancestry", "items"]);

function camel(name: string): string {
  return name.trim().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A cell as JSON: empty is absent; numbers, booleans and `;`-lists are typed; anything else stays text (and fails validation with its path if a number was expected). */
function cell(column: string, raw: string): unknown {
  const v = raw.trim();
  if (v === "") return undefined;
  if (LIST_COLUMNS.has(column)) return v.split(";").map((x) => cell("", x));
  if (v === "true" || v === "false") return v === "true";
  if (/^-?\d+(\.\d+)?$/.test(v) && column !== "code" && column !== "rxcui" && column !== "id") return Number(v);
  return v;
}

function rowObject(row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(row)) {
    if (column === "patient_id") continue;
    const key = camel(column);
    const value = cell(key, raw ?? "");
    if (value === undefined) continue;
    if (key === "pdc") out["adherence"] = { pdc: value };
    else out[key] = value;
  }
  return out;
}

/**
 * Reads a folder of long-format CSV tables (`patients.csv` plus any of medications, scores,
 * labs, diagnoses, side_effects, pharmacogenomics) into snapshots, one record per row of
 * `patients.csv`, in its order. The tables are grouped in memory by patient id: convert to
 * NDJSON for cohorts larger than memory. Rows naming a patient absent from patients.csv are
 * counted in `orphans`.
 */
export function readCsvCohort(dir: string): { records: InputRecord[]; orphans: number } {
  const read = (file: string) => parse(readFileSync(join(dir, file)), { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Record<string, string>[];
  const patients = read("patients.csv");
  const byPatient = new Map<string, Record<string, unknown[]>>();
  for (const p of patients) byPatient.set(p["patient_id"] ?? "", {});
  let orphans = 0;
  for (const [file, key] of Object.entries(CSV_TABLES)) {
    if (!existsSync(join(dir, file))) continue;
    for (const row of read(file)) {
      const lists = byPatient.get(row["patient_id"] ?? "");
      if (lists === undefined) {
        orphans++;
        continue;
      }
      (lists[key] ??= []).push(rowObject(row));
    }
  }
  const records = patients.map((p, i) => {
    const snapshot: Record<string, unknown> = { id: p["patient_id"], ...rowObject(p) };
    if ("asOf" in snapshot && typeof snapshot["asOf"] !== "string") snapshot["asOf"] = String(snapshot["asOf"]);
    Object.assign(snapshot, byPatient.get(p["patient_id"] ?? "") ?? {});
    return { record: i + 1, line: JSON.stringify(snapshot) };
  });
  return { records, orphans };
}
