import type { PackSet } from "../packs/packSet.js";
import { evaluateLine, outcomeLine } from "./evaluateRecord.js";
import { LineBuffer } from "./lineBuffer.js";
import type { SummaryBuilder } from "./summary.js";

/** A slice of input: NDJSON lines (or JSON texts) with their record numbers. */
export interface Chunk {
  readonly seq: number;
  readonly records: readonly number[];
  readonly lines: readonly string[];
}

/**
 * Evaluates a chunk into UTF-8 output (one line per record, each ending in a newline, in a
 * buffer of its own that can be transferred) and counts it.
 */
export function processChunk(chunk: Chunk, packs: PackSet, summary: SummaryBuilder, out: LineBuffer = new LineBuffer()): Uint8Array<ArrayBuffer> {
  for (let i = 0; i < chunk.lines.length; i++) {
    const o = evaluateLine(chunk.lines[i] ?? "", chunk.records[i] ?? 0, packs);
    if (o.ok) summary.addResult(o.result);
    else summary.addError(o.error.code);
    out.appendLine(outcomeLine(o));
  }
  return out.take();
}
