import { DISCLAIMER } from "../output/disclaimer.js";
import { shardRecordsText } from "./checkShards.js";
import type { BatchSummary, ShardInfo } from "./summary.js";

/** The summary as a plain-text table for a terminal. */
export function summaryTable(s: BatchSummary, topN = 25): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const lines = [
    ...(s.shard !== undefined ? [shardLine(s.shard)] : []),
    `records ${n(s.records)}   patients ${n(s.patients)}   errors ${n(s.errors)}   suggestions ${n(s.suggestions)}`,
    `severity: ${Object.entries(s.bySeverity).map(([k, v]) => `${k} ${n(v)}`).join(", ")}`,
    `kind: ${Object.entries(s.byKind).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${n(v)}`).join(", ") || "none"}`,
    "",
    `${"rule".padEnd(52)} ${"severity".padEnd(9)} ${"patients".padStart(9)} ${"per 1,000".padStart(10)}`,
    ...s.rules.slice(0, topN).map((r) => `${r.ruleId.padEnd(52)} ${r.severity.padEnd(9)} ${n(r.patients).padStart(9)} ${r.per1000.toFixed(1).padStart(10)}`),
    ...(s.rules.length > topN ? [`… ${s.rules.length - topN} more rules in the summary JSON`] : []),
    "",
    `${"data gap: missing fact".padEnd(52)} ${"".padEnd(9)} ${"patients".padStart(9)} ${"per 1,000".padStart(10)}`,
    ...s.dataGaps.slice(0, 10).map((g) => `${g.fact.padEnd(52)} ${"".padEnd(9)} ${n(g.patients).padStart(9)} ${g.per1000.toFixed(1).padStart(10)}`),
    ...(s.errors > 0 ? ["", `errors: ${Object.entries(s.errorCodes).map(([k, v]) => `${k} ${n(v)}`).join(", ")}`] : []),
    "",
    DISCLAIMER,
  ];
  return `${lines.join("\n")}\n`;
}


/** "shard 2 of 3: records 2, 5, 8, … of the input's 1,000" */
function shardLine(s: ShardInfo): string {
  return `shard ${s.k} of ${s.n}: ${shardRecordsText(s.k, s.n, s.inputRecords)} of the input's ${s.inputRecords.toLocaleString("en-US")}`;
}
