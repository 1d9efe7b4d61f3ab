import { basename } from "node:path";
import type { Issue } from "../core/issue.js";
import { CsvCursor } from "./csvRows.js";

/** An issue for a table the CSV parser rejects (a row with too many or too few fields, an unclosed quote), naming its line. */
export function csvIssue(file: string, error: unknown): Issue {
  const e = error as { message?: unknown; lines?: unknown };
  return {
    file,
    path: typeof e.lines === "number" ? `line ${e.lines}` : "$",
    code: "invalid_csv",
    message: `not a readable CSV table: ${String(e.message ?? error)}`,
  };
}

/**
 * Checks that each table's header names a `patient_id` column: without it every row would name
 * the empty patient id, and be joined to the wrong patients or to none. A header that is one
 * column holding `;`, tab or `|` is named as what it most likely is: a table with another
 * separator. An `id` column in patients.csv is refused: it would name the snapshot otherwise than
 * the `patient_id` its rows were joined on. A table the parser rejects gives its error and line.
 * A patients.csv without a header line (zero bytes, or blank lines only) is refused as empty; one
 * with a header and no rows is a cohort of no patients.
 */
export async function checkCsvTables(files: readonly string[]): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const file of files) {
    let cursor: CsvCursor | undefined;
    try {
      cursor = await CsvCursor.open(file);
      const columns = cursor.columns;
      const patients = basename(file) === "patients.csv";
      if (columns === undefined) {
        // No header at all: an export that failed, not a cohort of no patients (whose rows in the
        // other tables would all be orphans). Another table without one has no rows: no facts of its kind.
        if (patients) issues.push({ file, path: "line 1", code: "empty_table", message: "empty, expected a header line with patient_id" });
        continue;
      }
      if (columns.includes("id") && columns.includes("patient_id") && patients) {
        issues.push({ file, path: "id", code: "conflicting_column", message: "an id column besides patient_id; the snapshot id is patient_id, the key the tables join on: remove or rename the id column" });
      }
      if (columns.includes("patient_id")) continue;
      const separator = columns.length === 1 ? /[;\t|]/.exec(columns[0] ?? "")?.[0] : undefined;
      const hint = separator !== undefined ? `; the header looks separated by ${JSON.stringify(separator)}, but psychrx reads comma-separated tables` : "";
      issues.push({ file, path: "patient_id", code: "missing_column", message: `no patient_id column (the header has ${columns.map((c) => JSON.stringify(c)).join(", ")})${hint}` });
    } catch (error) {
      issues.push(csvIssue(file, error));
    } finally {
      await cursor?.close();
    }
  }
  return issues;
}
