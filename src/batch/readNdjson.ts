import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/** One input record: its 1-based number and its JSON text. */
export interface InputRecord {
  readonly record: number;
  readonly line: string;
}

/** Streams an NDJSON file line by line (CRLF tolerated); every line is a record, blank ones too. */
export async function* readNdjson(file: string, onBytes?: (bytes: number) => void): AsyncGenerator<InputRecord> {
  const stream = createReadStream(file);
  if (onBytes) stream.on("data", (b) => onBytes(typeof b === "string" ? Buffer.byteLength(b) : b.length));
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let record = 0;
  for await (const line of lines) {
    record++;
    yield { record, line };
  }
}
