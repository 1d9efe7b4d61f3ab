import { isUtf8 } from "node:buffer";
import type { PackSet } from "../packs/packSet.js";
import { invalidInputOutcome, invalidUtf8Outcome, type InvalidInput } from "./invalidUtf8.js";
import { evaluateLine } from "./evaluateRecord.js";
import type { BufferPool } from "./bufferPool.js";
import type { OutcomeWriter } from "./outcomeWriter.js";
import type { SummaryBuilder } from "./summary.js";

/**
 * A slice of input: its records' numbers, and their JSON texts as UTF-8, each followed by a
 * newline (a record's text holds no line break: NDJSON lines are split at them and CSV records
 * are written by JSON.stringify). Bytes, not strings, so that the main thread never decodes
 * the input and a worker receives one copied buffer.
 */
export interface Chunk {
  readonly seq: number;
  readonly records: Float64Array;
  readonly data: Uint8Array<ArrayBufferLike>;
  /** Records of the chunk (by number) whose input was found not to be UTF-8 before it was built (CSV tables): their outcome is that error. */
  readonly invalid?: ReadonlyMap<number, InvalidInput>;
}

/**
 * Evaluates a chunk into UTF-8 output (one line per record, each ending in a newline) and counts
 * it. Results are built with shared constants (they are written and dropped here, never handed
 * to a caller). The lines are encoded into `out` and copied into a buffer from `pool`, which can be
 * transferred; give it back to the pool once written.
 */
export function processChunk(chunk: Chunk, packs: PackSet, summary: SummaryBuilder, out: OutcomeWriter, pool: BufferPool<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const text = Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength);
  // Checked once for the chunk (fast), and line by line only when the chunk has bytes that are not UTF-8.
  const utf8 = isUtf8(text);
  let pos = 0;
  for (let i = 0; i < chunk.records.length; i++) {
    const end = text.indexOf(0x0a, pos);
    const stop = end === -1 ? text.length : end;
    const line = text.toString("utf8", pos, stop);
    const valid = utf8 || isUtf8(text.subarray(pos, stop));
    pos = end === -1 ? text.length : end + 1;
    const record = chunk.records[i] ?? 0;
    const known = chunk.invalid?.get(record);
    const o = known !== undefined ? invalidInputOutcome(record, known) : valid ? evaluateLine(line, record, packs, true) : invalidUtf8Outcome(line, record);
    if (o.ok) summary.addResult(o.result);
    else summary.addError(o.error.code);
    out.write(o);
  }
  return out.takeInto(pool);
}
