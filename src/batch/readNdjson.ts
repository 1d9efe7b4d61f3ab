import type { InvalidInput } from "./invalidUtf8.js";
import { scanLines } from "./scanLines.js";

/** One input record: its 1-based number and its JSON text. */
export interface InputRecord {
  readonly record: number;
  readonly line: string;
  /** Set when the record's input (rows of CSV tables) holds bytes that are not UTF-8: then it is not evaluated, and this is its error. */
  readonly invalid?: InvalidInput;
}

/** Streams an NDJSON file line by line (line breaks as node:readline's); every line is a record, blank ones too. */
export async function* readNdjson(file: string): AsyncGenerator<InputRecord> {
  let record = 0;
  for await (const block of scanLines(file)) {
    const text = Buffer.from(block.bytes.buffer, block.bytes.byteOffset, block.bytes.byteLength);
    for (let i = 0; i < block.starts.length; i++) {
      record++;
      yield { record, line: text.toString("utf8", block.starts[i], block.ends[i]) };
    }
  }
}
