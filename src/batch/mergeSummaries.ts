import { readFileSync } from "node:fs";
import type { Issue, Result } from "../core/issue.js";
import { checkShards, type ShardSummaryFile } from "./checkShards.js";
import { provenanceMismatch, provenanceOf } from "./provenance.js";
import { fromZodIssues } from "../core/zodIssues.js";
import { SummaryBuilder, type BatchSummary } from "./summary.js";
import { BatchSummarySchema } from "./summarySchema.js";

/** The engine and packs a summary names; undefined when it names no packs (no record was evaluated). */
function provenance(s: BatchSummary): string[] | undefined {
  return s.packs.length > 0 ? provenanceOf(s.engine.version, s.packs) : undefined;
}

/**
 * Adds shard summaries into one (identical to the unsharded run's summary). Refused with an
 * issue naming the file: a file that cannot be read or is not a batch summary, summaries of
 * shards evaluated with different engine or pack versions, and shard summaries that do not make
 * up one whole run (see `checkShards`: a shard missing or given twice). `records`: what the merged
 * output must hold, the whole input's records when the summaries name their shards.
 */
export function mergeSummaries(files: readonly string[]): Result<{ summary: BatchSummary; records: number }> {
  const b = new SummaryBuilder();
  const issues: Issue[] = [];
  const read: ShardSummaryFile[] = [];
  let first: { file: string; value: string[] } | undefined;
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      issues.push({ file, path: "$", code: "unreadable_summary", message: `cannot read a batch summary: ${(error as Error).message}` });
      continue;
    }
    const parsed = BatchSummarySchema.safeParse(json, { reportInput: true });
    if (!parsed.success) {
      for (const i of fromZodIssues(parsed.error.issues)) {
        issues.push({ file, path: i.path, code: "not_a_summary", message: `not a psychrx batch summary (written by batch --summary): ${i.message}` });
      }
      continue;
    }
    const s = parsed.data;
    const value = provenance(s);
    if (value !== undefined && first === undefined) first = { file, value };
    else if (value !== undefined && first !== undefined) {
      const mismatch = provenanceMismatch(value, first.value, first.file);
      if (mismatch !== undefined) issues.push({ file, path: "packs", code: "mixed_packs", message: mismatch });
    }
    b.merge(s);
    read.push({ file, records: s.records, ...(s.shard !== undefined ? { shard: s.shard } : {}) });
  }
  if (issues.length > 0) return { success: false, issues };
  const shards = checkShards(read);
  if (shards.issues.length > 0) return { success: false, issues: shards.issues };
  const summary = b.build();
  return { success: true, data: { summary, records: shards.inputRecords ?? summary.records } };
}
