import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { CSV_OPTIONS, type CsvRow } from "./readCsvCohort.js";

/** Streams the rows of one cohort table, parsed as the in-memory reader parses them; stopping early closes the file. */
export async function* csvRows(file: string): AsyncGenerator<CsvRow> {
  const input = createReadStream(file);
  const parser = parse(CSV_OPTIONS);
  input.on("error", (e) => parser.destroy(e));
  input.pipe(parser);
  try {
    for await (const row of parser) yield row as CsvRow;
  } finally {
    input.destroy();
    parser.destroy();
  }
}

/** A table read row by row with one row of lookahead (`head`, undefined at the end). */
export class CsvCursor {
  private constructor(
    private readonly rows: AsyncGenerator<CsvRow>,
    private current: CsvRow | undefined,
  ) {}

  /** Opens `file` and reads its first row. */
  static async open(file: string): Promise<CsvCursor> {
    const rows = csvRows(file);
    const first = await rows.next();
    return new CsvCursor(rows, first.done ? undefined : first.value);
  }

  /** The next unread row, or undefined once the table is exhausted. */
  get head(): CsvRow | undefined {
    return this.current;
  }

  /** Moves past `head`. */
  async advance(): Promise<void> {
    const next = await this.rows.next();
    this.current = next.done ? undefined : next.value;
  }

  /** Closes the file (also when rows are left unread). */
  async close(): Promise<void> {
    this.current = undefined;
    await this.rows.return(undefined);
  }
}
