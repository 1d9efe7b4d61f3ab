import { readFileSync } from "node:fs";
import type { Issue, Result } from "../core/issue.js";
import { provenanceMismatch, provenanceOf } from "./provenance.js";
import { SummaryBuilder, type BatchSummary } from "./summary.js";

/** The engine and packs a summary names; undefined when it names no packs (no record was evaluated). */
function provenance(s: BatchSummary): string[] | undefined {
  return Array.isArray(s.packs) && s.packs.length > 0 ? provenanceOf(s.engine?.version, s.packs) : undefined;
}

/**
 * Adds shard summaries into one (identical to the unsharded run's summary). Refused with an
 * issue naming the file: a file that cannot be read or is not a batch summary, and summaries
 * of shards evaluated with different engine or pack versions.
 */
export function mergeSummaries(files: readonly string[]): Result<BatchSummary> {
  const b = new SummaryBuilder();
  const issues: Issue[] = [];
  let first: { file: string; value: string[] } | undefined;
  for (const file of files) {
    let s: BatchSummary;
    try {
      s = JSON.parse(readFileSync(file, "utf8")) as BatchSummary;
    } catch (error) {
      issues.push({ file, path: "$", code: "unreadable_summary", message: `cannot read a batch summary: ${(error as Error).message}` });
      continue;
    }
    if (typeof s !== "object" || s === null || typeof s.records !== "number" || !Array.isArray(s.rules) || !Array.isArray(s.dataGaps) || typeof s.errorCodes !== "object") {
      issues.push({ file, path: "$", code: "not_a_summary", message: "not a psychrx batch summary (written by batch --summary)" });
      continue;
    }
    const value = provenance(s);
    if (value !== undefined && first === undefined) first = { file, value };
    else if (value !== undefined && first !== undefined) {
      const mismatch = provenanceMismatch(value, first.value, first.file);
      if (mismatch !== undefined) issues.push({ file, path: "packs", code: "mixed_packs", message: mismatch });
    }
    b.merge(s);
  }
  return issues.length > 0 ? { success: false, issues } : { success: true, data: b.build() };
}
