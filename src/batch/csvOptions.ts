import type { OptionsWithColumns } from "csv-parse";

/** A header's column name as matched: without regard to case or surrounding spaces (`Patient_ID` is `patient_id`). */
export function columnName(name: string): string {
  return name.trim().toLowerCase();
}

/** One parsed CSV row: column name → cell text. */
export type CsvRow = Record<string, string>;

/** How every cohort table is parsed, its header aside: BOM, trimmed fields, blank lines skipped. */
export const CSV_PARSING = { skip_empty_lines: true, bom: true, trim: true } as const;

/**
 * How every cohort table is parsed (in memory or streamed): {@link CSV_PARSING}, and a header row
 * (names matched without regard to case or surrounding spaces: `Patient_ID` is `patient_id`).
 */
export const CSV_OPTIONS: OptionsWithColumns<CsvRow> = {
  ...CSV_PARSING,
  columns: (header: string[]) => {
    const seen = new Set<string>();
    return header.map((name) => {
      const column = columnName(name);
      // The parser would assign it to each row object, setting its prototype: the column would vanish.
      if (column === "__proto__") throw new Error('a column named "__proto__" is not allowed (it could alter object prototypes)');
      // Two columns of one name (`age` and `AGE`): the parser would keep the last one's value without a word.
      if (seen.has(column)) throw new Error(`two columns named "${column}" (names are matched without regard to case)`);
      seen.add(column);
      return column;
    });
  },
};
