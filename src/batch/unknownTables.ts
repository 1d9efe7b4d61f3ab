import { readdirSync } from "node:fs";
import { didYouMean } from "../core/didYouMean.js";
import { CSV_TABLES } from "./readCsvCohort.js";

/**
 * Notes, one line each, for the `.csv` files of a cohort folder that are not cohort tables and so
 * are not read: `Medications.csv` or `medication.csv` would otherwise leave every patient's
 * medications unknown without a word.
 */
export function unknownTables(dir: string): string[] {
  const known = ["patients.csv", ...Object.keys(CSV_TABLES)];
  return readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith(".csv") && !known.includes(f))
    .sort()
    .map((f) => {
      const near = known.find((k) => k === f.toLowerCase()) ?? didYouMean(f.toLowerCase(), known);
      return `psychrx batch: ${f} is not a cohort table and was not read${near !== undefined ? ` (did you mean ${near}?)` : ""}\n`;
    });
}
