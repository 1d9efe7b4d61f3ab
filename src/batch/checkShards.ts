import type { Issue } from "../core/issue.js";
import type { ShardInfo } from "./summary.js";

/** A summary read for a merge: its file and, for a shard's summary, the shard it counts. */
export interface ShardSummaryFile {
  readonly file: string;
  readonly records: number;
  readonly shard?: ShardInfo;
}

/** Records shard k of n takes from an input of `total` records: k, k + n, k + 2n, … ≤ total. */
export function shardRecords(k: number, n: number, total: number): number {
  return total < k ? 0 : Math.floor((total - k) / n) + 1;
}

/** "records 3, 7, 11, …" (the first few a shard takes), or "no records" when it takes none. */
export function shardRecordsText(k: number, n: number, total: number): string {
  const count = shardRecords(k, n, total);
  if (count === 0) return "no records";
  const first = Array.from({ length: Math.min(count, 3) }, (_, i) => k + i * n);
  return `record${count > 1 ? "s" : ""} ${first.join(", ")}${count > 3 ? ", …" : ""}`;
}

/**
 * Checks that shard summaries make up one whole run: all of the same split (N and input size),
 * each shard 1..N exactly once, each counting every record it should. Returns the issues and,
 * when the summaries are of shards, the number of records in the whole input (what the merged
 * output must hold). Summaries without shard information (an unsharded run, or written by a
 * psychrx before it recorded shards) cannot be checked this way: none are reported, unless they
 * are mixed with shard summaries.
 */
export function checkShards(summaries: readonly ShardSummaryFile[]): { issues: Issue[]; inputRecords?: number } {
  const sharded = summaries.filter((s) => s.shard !== undefined);
  if (sharded.length === 0) return { issues: [] };
  const issues: Issue[] = [];
  for (const s of summaries) {
    if (s.shard === undefined) {
      issues.push({ file: s.file, path: "$", code: "not_a_shard", message: "a summary of an unsharded run (it names no shard), merged with shard summaries" });
    }
  }
  const first = sharded[0];
  if (first?.shard === undefined) return { issues };
  const { n, inputRecords } = first.shard;
  const seen = new Map<number, string>();
  for (const s of sharded) {
    const shard = s.shard as ShardInfo;
    if (shard.n !== n || shard.inputRecords !== inputRecords) {
      issues.push({
        file: s.file,
        path: "shard",
        code: "mismatched_shards",
        message: `shard ${shard.k}/${shard.n} of ${shard.inputRecords} input records, where ${first.file} is a shard of ${n} of ${inputRecords}: not the same split of the same input`,
      });
      continue;
    }
    const other = seen.get(shard.k);
    if (other !== undefined) {
      issues.push({ file: s.file, path: "shard.k", code: "duplicate_shard", message: `shard ${shard.k}/${n} is also summarised in ${other}; is a shard given twice?` });
      continue;
    }
    seen.set(shard.k, s.file);
    const expected = shardRecords(shard.k, n, inputRecords);
    if (s.records !== expected) {
      issues.push({
        file: s.file,
        path: "records",
        code: "incomplete_shard",
        message: `shard ${shard.k}/${n} counts ${s.records} records, where an input of ${inputRecords} records gives it ${expected}`,
      });
    }
  }
  if (issues.length > 0) return { issues };
  for (let k = 1; k <= n; k++) {
    if (!seen.has(k)) {
      issues.push({ path: "--summaries", code: "missing_shard", message: `no summary of shard ${k}/${n} (${shardRecordsText(k, n, inputRecords)}); is a shard missing?` });
    }
  }
  return issues.length > 0 ? { issues } : { issues, inputRecords };
}
