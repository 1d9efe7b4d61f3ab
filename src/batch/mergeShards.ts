import { createWriteStream, readFileSync, renameSync } from "node:fs";
import type { Issue } from "../core/issue.js";
import { readNdjson } from "./readNdjson.js";
import { SummaryBuilder, type BatchSummary } from "./summary.js";

const RECORD = /^\{"record":(\d+)[,}]/;

/**
 * Joins shard outputs (each in record order) into one file in record order: the same bytes
 * as an unsharded run. Streams (a k-way merge); a line without a record number, or records
 * out of order within a shard, is an issue naming file and line.
 */
export async function mergeShards(files: readonly string[], out: string): Promise<{ ok: true; lines: number } | { ok: false; issues: Issue[] }> {
  const iters = files.map((f) => readNdjson(f)[Symbol.asyncIterator]());
  const heads: ({ record: number; line: string; at: number } | undefined)[] = [];
  const issues: Issue[] = [];
  const advance = async (i: number) => {
    const next = await iters[i]?.next();
    if (!next || next.done) return (heads[i] = undefined);
    const m = RECORD.exec(next.value.line);
    if (!m) {
      issues.push({ file: files[i] ?? "", path: `line ${next.value.record}`, code: "not_a_batch_line", message: 'expected a psychrx batch output line starting with {"record":N' });
      return (heads[i] = undefined);
    }
    const record = Number(m[1]);
    const prior = heads[i];
    if (prior !== undefined && record <= prior.record) {
      issues.push({ file: files[i] ?? "", path: `line ${next.value.record}`, code: "out_of_order", message: `record ${record} follows record ${prior.record}` });
      return (heads[i] = undefined);
    }
    return (heads[i] = { record, line: next.value.line, at: next.value.record });
  };
  for (let i = 0; i < iters.length; i++) await advance(i);
  const partial = `${out}.partial`;
  const stream = createWriteStream(partial);
  let lines = 0;
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (h !== undefined && (best < 0 || h.record < (heads[best]?.record ?? Infinity))) best = i;
    }
    if (best < 0 || issues.length > 0) break;
    const h = heads[best];
    if (h === undefined) break;
    if (!stream.write(`${h.line}\n`)) await new Promise<void>((r) => stream.once("drain", () => r()));
    lines++;
    await advance(best);
  }
  await new Promise<void>((r) => stream.end(() => r()));
  if (issues.length > 0) return { ok: false, issues };
  renameSync(partial, out);
  return { ok: true, lines };
}

/** Adds shard summaries into one (identical to the unsharded run's summary). */
export function mergeSummaries(files: readonly string[]): BatchSummary {
  const b = new SummaryBuilder();
  for (const f of files) b.merge(JSON.parse(readFileSync(f, "utf8")) as BatchSummary);
  return b.build();
}
