import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Issue } from "../core/issue.js";
import { toJsonPath } from "../core/toJsonPath.js";
import { CSV_OPTIONS, type CsvRow } from "./csvOptions.js";
import { badRowIssues, badRowsIn, type BadRow } from "./csvUtf8.js";
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

/** The lists a patient's table rows fill, keyed by snapshot field, in the order of {@link CSV_TABLES}. */
export type PatientLists = Record<string, unknown[]>;

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

function rowObject(row: CsvRow): Record<string, unknown> {
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

/** The patient a row belongs to; a table without a `patient_id` column names the empty id. */
export function patientId(row: CsvRow): string {
  return row["patient_id"] ?? "";
}

/** Adds one row of a table to a patient's lists, under the snapshot field `key` the table fills. */
export function addTableRow(lists: PatientLists, key: string, row: CsvRow): void {
  (lists[key] ??= []).push(rowObject(row));
}

/**
 * The path in the snapshot of a cell of `column` (undefined: the whole row): of a row of
 * patients.csv when `key` is undefined, else of element `index` of the list `key` its table fills.
 */
export function cellPath(column: string | undefined, key?: string, index = 0): string {
  const row: (string | number)[] = key === undefined ? [] : [key, index];
  if (column === undefined) return toJsonPath(row);
  // A table row's patient_id is the key it was joined on, not a field of its own.
  if (column === "patient_id") return toJsonPath(key === undefined ? ["id"] : row);
  const name = camel(column);
  return toJsonPath([...row, ...(name === "pdc" ? ["adherence", "pdc"] : [name])]);
}

/**
 * The record of row `record` of patients.csv (`patient`, with `bad` when that row holds bytes that
 * are not UTF-8) with the lists its table rows filled, and the issues of those of its table rows
 * that hold such bytes: a record with any such issue is marked `invalid` and will not be evaluated.
 */
export function csvRecord(record: number, patient: CsvRow, lists: PatientLists | undefined, bad: BadRow | undefined, tableIssues: readonly Issue[]): InputRecord {
  const line = snapshotLine(patient, lists);
  if (bad === undefined && tableIssues.length === 0) return { record, line };
  const issues = [...(bad === undefined ? [] : badRowIssues("patients.csv", bad, (column) => cellPath(column))), ...tableIssues];
  return { record, line, invalid: { patientId: bad?.columns.includes("patient_id") === true ? null : patientId(patient), issues } };
}

/** The snapshot JSON text of one row of `patients.csv` with the lists its table rows filled. */
export function snapshotLine(patient: CsvRow, lists: PatientLists | undefined): string {
  // The snapshot id is the key the tables join on, whatever other columns say.
  const snapshot: Record<string, unknown> = { id: undefined, ...rowObject(patient) };
  snapshot["id"] = patient["patient_id"];
  if ("asOf" in snapshot && typeof snapshot["asOf"] !== "string") snapshot["asOf"] = String(snapshot["asOf"]);
  Object.assign(snapshot, lists ?? {});
  return JSON.stringify(snapshot);
}

/**
 * Reads a folder of long-format CSV tables (`patients.csv` plus any of medications, scores,
 * labs, diagnoses, side_effects, pharmacogenomics) into snapshots, one record per row of
 * `patients.csv`, in its order. The tables are grouped in memory by patient id, in any row
 * order; `streamCsvCohort` reads tables sorted by patient in constant memory and falls back to
 * this. A patient id listed more than once in patients.csv gives each of its records all the
 * rows naming that id. Rows naming a patient absent from patients.csv are counted in `orphans`.
 * A record with a row (of any table) holding bytes that are not UTF-8 is marked `invalid`, naming
 * each such cell. The tables' headers are not checked here: `streamCsvCohort` checks them first.
 */
export function readCsvCohort(dir: string): { records: InputRecord[]; orphans: number } {
  const read = (file: string) => {
    const bytes = readFileSync(join(dir, file));
    return { rows: parse(bytes, CSV_OPTIONS), bad: badRowsIn(bytes) };
  };
  const patients = read("patients.csv");
  const byPatient = new Map<string, { lists: PatientLists; issues: Issue[] }>();
  for (const p of patients.rows) byPatient.set(patientId(p), { lists: {}, issues: [] });
  let orphans = 0;
  for (const [file, key] of Object.entries(CSV_TABLES)) {
    if (!existsSync(join(dir, file))) continue;
    const table = read(file);
    table.rows.forEach((row, j) => {
      const patient = byPatient.get(patientId(row));
      if (patient === undefined) {
        orphans++;
        return;
      }
      addTableRow(patient.lists, key, row);
      const bad = table.bad?.get(j + 1);
      if (bad !== undefined) patient.issues.push(...badRowIssues(file, bad, (column) => cellPath(column, key, (patient.lists[key]?.length ?? 1) - 1)));
    });
  }
  const records = patients.rows.map((p, i) => {
    const patient = byPatient.get(patientId(p));
    return csvRecord(i + 1, p, patient?.lists, patients.bad?.get(i + 1), patient?.issues ?? []);
  });
  return { records, orphans };
}
