import { defaultPacks } from "../packs/loadPacks.js";
import type { PackSet } from "../packs/packSet.js";
import { evaluateValue, type BatchOutcome } from "./evaluateRecord.js";

/** Options of {@link evaluateMany}. */
export interface EvaluateManyOptions {
  /** Compiled packs; the bundled defaults when omitted. */
  readonly packs?: PackSet;
}

/**
 * Evaluates snapshots from an (async) iterable, yielding one outcome per input, in input
 * order: a result, or an error naming the record and its bad fields. A record that makes
 * the engine fail becomes an error and the rest go on. Streams: memory does not grow
 * with the number of records.
 */
export async function* evaluateMany(
  source: Iterable<unknown> | AsyncIterable<unknown>,
  options: EvaluateManyOptions = {},
): AsyncGenerator<BatchOutcome> {
  const packs = options.packs ?? defaultPacks();
  let record = 0;
  for await (const snapshot of source) {
    record++;
    yield evaluateValue(snapshot, record, packs);
  }
}
