import { existsSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { mergeShards } from "../../batch/mergeShards.js";
import { mergeSummaries } from "../../batch/mergeSummaries.js";
import { summaryTable } from "../../batch/summaryTable.js";
import { formatIssues } from "../formatIssues.js";
import type { Io } from "../io.js";

const USAGE = "merge SHARD.ndjson... --out OUT.ndjson [--summaries S1.json --summaries S2.json ... --summary S.json]";

/** `psychrx merge`: joins shard outputs (and their summaries) from `batch --shard K/N`. */
export async function runMerge(args: readonly string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { out: { type: "string" }, summaries: { type: "string", multiple: true }, summary: { type: "string" } },
    });
  } catch (error) {
    io.err(`psychrx: ${(error as Error).message}\nusage: psychrx ${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0 || values.out === undefined) {
    io.err(`psychrx: merge takes shard outputs and --out\nusage: psychrx ${USAGE}\n`);
    return 2;
  }
  if (values.summary !== undefined && !existsSync(dirname(resolve(values.summary)))) {
    io.err(`psychrx: --summary: the folder ${dirname(values.summary)} does not exist\nusage: psychrx ${USAGE}\n`);
    return 2;
  }
  // Summaries first: a bad summary is refused before the merged output is written.
  const summary = values.summaries !== undefined && values.summaries.length > 0 ? mergeSummaries(values.summaries) : undefined;
  if (summary !== undefined && !summary.success) {
    io.err(`psychrx: cannot merge the summaries\n${formatIssues(summary.issues)}\n`);
    return 2;
  }
  const merged = await mergeShards(positionals, values.out, summary?.data.records);
  if (!merged.ok) {
    io.err(`psychrx: cannot merge\n${formatIssues(merged.issues)}\n`);
    return 2;
  }
  if (summary !== undefined) {
    if (values.summary !== undefined) writeFileSync(values.summary, `${JSON.stringify(summary.data.summary, null, 2)}\n`);
    io.out(summaryTable(summary.data.summary));
  } else io.out(`merged ${merged.lines} lines into ${values.out}\n`);
  return 0;
}
