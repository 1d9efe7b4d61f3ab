import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { CSV_OPTIONS, type CsvRow } from "./csvOptions.js";

/** What a caller of {@link csvRows} can watch besides the rows. */
export interface CsvWatch {
  /** The header's column names (as matched: trimmed, lower case), once the header is read. */
  header?(columns: readonly string[]): void;
  /** Each block of the file's bytes, in order, as it is read. */
  bytes?(chunk: Buffer): void;
}

/** Streams the rows of one cohort table, parsed as the in-memory reader parses them; stopping early closes the file. */
export async function* csvRows(file: string, watch: CsvWatch = {}): AsyncGenerator<CsvRow> {
  const input = createReadStream(file);
  const columns = CSV_OPTIONS.columns as (header: string[]) => string[];
  const parser = parse(
    watch.header === undefined
      ? CSV_OPTIONS
      : {
          ...CSV_OPTIONS,
          columns: (header: string[]) => {
            const names = columns(header);
            watch.header?.(names);
            return names;
          },
        },
  );
  input.on("error", (e) => parser.destroy(e));
  // No encoding is set: the stream gives Buffers.
  const bytes = watch.bytes;
  if (bytes !== undefined) input.on("data", (chunk) => bytes(chunk as Buffer));
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
  private at: number;

  private constructor(
    private readonly rows: AsyncGenerator<CsvRow>,
    private current: CsvRow | undefined,
    /** The header's column names; undefined when the file has no header line (it is empty, or blank lines only). */
    readonly columns: readonly string[] | undefined,
  ) {
    this.at = current === undefined ? 0 : 1;
  }

  /** The number of `head` among the table's rows, 1 for the first row after the header (as `badRowsOf` counts them). */
  get index(): number {
    return this.at;
  }

  /** Opens `file` and reads its header and first row. */
  static async open(file: string): Promise<CsvCursor> {
    let columns: readonly string[] | undefined;
    const rows = csvRows(file, { header: (names) => (columns = names) });
    const first = await rows.next();
    return new CsvCursor(rows, first.done ? undefined : first.value, columns);
  }

  /** The next unread row, or undefined once the table is exhausted. */
  get head(): CsvRow | undefined {
    return this.current;
  }

  /** Moves past `head`. */
  async advance(): Promise<void> {
    const next = await this.rows.next();
    this.current = next.done ? undefined : next.value;
    this.at++;
  }

  /** Closes the file (also when rows are left unread). */
  async close(): Promise<void> {
    this.current = undefined;
    await this.rows.return(undefined);
  }
}
