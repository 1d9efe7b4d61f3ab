import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { parse, type Options } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import type { Issue } from "../core/issue.js";
import { columnName, CSV_PARSING } from "./csvOptions.js";
import { INVALID_UTF8_MESSAGE } from "./invalidUtf8.js";
import { startsWithUtf16Bom, Utf8Errors, type Utf8Error } from "./utf8Watch.js";

/** A row of a cohort table with bytes that are not UTF-8. */
export interface BadRow {
  /** The row's number: 1 for the first row after the header, as `CsvCursor` counts them; 0 for the header. */
  readonly row: number;
  /** The lines (1-based) where such bytes start. */
  readonly lines: readonly number[];
  /** The columns (as matched) whose cells hold them: the cells where the decoder put U+FFFD. */
  readonly columns: readonly string[];
  /** The row's patient_id as decoded. */
  readonly patientId: string;
}

/** The options of the cohort tables (so that the records are the same), the header read as a record, each record with where it ends. */
const LOCATE: Options = { ...CSV_PARSING, info: true };

type Located = { record: string[]; info: { bytes: number } };

/** Names the bad rows of a table, its records given in order with the errors among their bytes. */
class RowLocator {
  private record = 0;
  private names: readonly string[] = [];

  locate(fields: readonly string[], errors: readonly Utf8Error[]): BadRow | undefined {
    const row = this.record++;
    if (row === 0) this.names = fields.map(columnName);
    if (errors.length === 0) return undefined;
    const at = this.names.indexOf("patient_id");
    return {
      row,
      lines: [...new Set(errors.map((e) => e.line))],
      columns: row === 0 ? [] : this.names.filter((_, i) => fields[i]?.includes("\uFFFD")),
      patientId: row === 0 || at === -1 ? "" : (fields[at] ?? ""),
    };
  }
}

/**
 * The rows (and the header, as row 0) of a cohort table holding bytes that are not UTF-8, in file
 * order. Only for a table that `Utf8Watch` found not to be UTF-8, and that the CSV parser accepts:
 * it parses the table again, each record with the offset where it ends, and scans its bytes (a
 * second reader, kept just ahead of the parser) for where such bytes are. Memory does not grow
 * with the table.
 */
export async function* badRowsOf(file: string): AsyncGenerator<BadRow> {
  const handle = await open(file, "r");
  const input = createReadStream(file);
  const parser = parse(LOCATE);
  input.on("error", (e) => parser.destroy(e));
  input.pipe(parser);
  try {
    const errors = new Utf8Errors();
    const block = Buffer.allocUnsafe(1 << 16);
    let ended = false;
    const locator = new RowLocator();
    for await (const r of parser) {
      const { record, info } = r as Located;
      // One byte past the record's end (or the file's end), so that a character cut off by the end of the file is seen.
      while (!ended && errors.scanned <= info.bytes) {
        const { bytesRead } = await handle.read(block, 0, block.length, null);
        if (bytesRead === 0) {
          errors.end();
          ended = true;
        } else errors.push(block.subarray(0, bytesRead));
      }
      const bad = locator.locate(record, errors.take(info.bytes));
      if (bad !== undefined) yield bad;
    }
  } finally {
    input.destroy();
    parser.destroy();
    await handle.close();
  }
}

/** {@link badRowsOf} a table held in memory, by row number; undefined when it is UTF-8 (or UTF-16LE with its byte order mark, as the parser reads it). */
export function badRowsIn(bytes: Buffer): ReadonlyMap<number, BadRow> | undefined {
  if (startsWithUtf16Bom(bytes) || isUtf8(bytes)) return undefined;
  const errors = new Utf8Errors();
  errors.push(bytes);
  errors.end();
  const locator = new RowLocator();
  const rows = new Map<number, BadRow>();
  for (const { record, info } of parseSync(bytes, LOCATE) as unknown as Located[]) {
    const bad = locator.locate(record, errors.take(info.bytes));
    if (bad !== undefined) rows.set(bad.row, bad);
  }
  return rows;
}

/** Reads {@link badRowsOf} alongside the table's rows: `at(n)` is row n's entry, for n rising. */
export class BadRowCursor {
  private head: BadRow | undefined;
  private done = false;

  constructor(private readonly rows: AsyncGenerator<BadRow>) {}

  /** Row `n` if it has such bytes; rows before `n` are passed. */
  async at(n: number): Promise<BadRow | undefined> {
    while (!this.done && (this.head === undefined || this.head.row < n)) {
      const next = await this.rows.next();
      if (next.done) this.done = true;
      else this.head = next.value;
    }
    return this.head?.row === n ? this.head : undefined;
  }

  async close(): Promise<void> {
    await this.rows.return(undefined);
  }
}

/** The issue of a table's header with bytes that are not UTF-8: the table cannot be read. */
export function badHeaderIssue(file: string, lines: readonly number[]): Issue {
  return { file, path: `line ${lines[0] ?? 1}`, code: "invalid_utf8", message: `the header has ${INVALID_UTF8_MESSAGE}` };
}

/**
 * The issues of a bad row joined into a patient's record: one per cell with such bytes, each
 * naming the table's file name (`medications.csv`), the line and column, and the cell's path in
 * the snapshot (`path(column)`).
 */
export function badRowIssues(file: string, row: BadRow, path: (column: string | undefined) => string): Issue[] {
  const at = `line${row.lines.length > 1 ? "s" : ""} ${row.lines.join(", ")}`;
  if (row.columns.length === 0) return [{ file, path: path(undefined), code: "invalid_utf8", message: `${at}: ${INVALID_UTF8_MESSAGE}` }];
  return row.columns.map((column) => ({ file, path: path(column), code: "invalid_utf8", message: `${at}, column ${column}: ${INVALID_UTF8_MESSAGE}` }));
}
