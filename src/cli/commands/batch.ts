import { availableParallelism } from "node:os";
import { existsSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { runBatch } from "../../batch/runBatch.js";
import { summaryTable } from "../../batch/summaryTable.js";
import { renderHtmlReport } from "../../batch/htmlReport.js";
import { formatIssues } from "../formatIssues.js";
import { checkBatchPaths } from "../batchPaths.js";
import type { Io } from "../io.js";
import { wholeNumber, wholeNumberOption } from "../wholeNumber.js";

const USAGE = "batch IN(.ndjson|CSV-DIR) --out OUT.ndjson [--summary S.json] [--report R.html] [--packs DIR]... [--workers N] [--resume] [--shard K/N]";

/** The most worker threads `--workers` takes. */
const MAX_WORKERS = 256;

/** `--shard K/N`: K and N whole numbers in decimal digits, 1 ≤ K ≤ N; undefined otherwise. */
export function parseShard(text: string): { k: number; n: number } | undefined {
  const parts = text.split("/");
  if (parts.length !== 2) return undefined;
  const k = wholeNumber(parts[0] ?? "", 1, Number.MAX_SAFE_INTEGER);
  const n = wholeNumber(parts[1] ?? "", 1, Number.MAX_SAFE_INTEGER);
  return k !== undefined && n !== undefined && k <= n ? { k, n } : undefined;
}

/**
 * `psychrx batch`: one output line per input record, in order, then the summary table on
 * stdout. Exit 0 when complete, 2 on bad arguments or invalid packs, 130 when interrupted
 * (the partial output stays for `--resume`), 1 when the run itself fails (a worker dies, the disk fills).
 */
export async function runBatchCommand(args: readonly string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        out: { type: "string" },
        summary: { type: "string" },
        report: { type: "string" },
        packs: { type: "string", multiple: true },
        workers: { type: "string" },
        resume: { type: "boolean" },
        shard: { type: "string" },
      },
    });
  } catch (error) {
    io.err(`psychrx: ${(error as Error).message}\nusage: psychrx ${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const bad = (m: string) => (io.err(`psychrx: ${m}\nusage: psychrx ${USAGE}\n`), 2);
  if (positionals.length !== 1) return bad("batch takes exactly one input (an NDJSON file or a folder of CSV tables)");
  const input = positionals[0] as string;
  if (!existsSync(input)) return bad(`no such file or folder: ${input}`);
  if (values.out === undefined) return bad("--out OUT.ndjson is required");
  const pathIssues = checkBatchPaths({ input, out: values.out, summary: values.summary, report: values.report });
  if (pathIssues.length > 0) {
    io.err(`psychrx: cannot run the batch\n${formatIssues(pathIssues)}\n`);
    return 2;
  }
  let workers = availableParallelism();
  if (values.workers !== undefined) {
    const w = wholeNumberOption("--workers", values.workers, 1, MAX_WORKERS);
    if (!w.ok) return bad(w.message);
    workers = w.value;
  }
  let shard: { k: number; n: number } | undefined;
  if (values.shard !== undefined) {
    shard = parseShard(values.shard);
    if (shard === undefined) return bad(`--shard takes K/N, two whole numbers in decimal digits with 1 ≤ K ≤ N; got ${JSON.stringify(values.shard)}`);
  }

  const controller = new AbortController();
  const onSigint = () => {
    io.err("\npsychrx batch: interrupted; finishing the records in flight (run again with --resume to continue)\n");
    controller.abort();
  };
  process.once("SIGINT", onSigint);
  process.once("SIGTERM", onSigint);
  try {
    const result = await runBatch({
      input,
      out: values.out,
      workers,
      resume: values.resume === true,
      ...(values.packs ? { packs: values.packs } : {}),
      ...(shard ? { shard } : {}),
      workerEntry: new URL("./batch-worker.js", import.meta.url),
      stderr: io.err,
      stderrIsTty: process.stderr.isTTY === true,
      signal: controller.signal,
    });
    if (result.status === "invalid") {
      io.err(`psychrx: cannot run the batch\n${formatIssues(result.issues)}\n`);
      return 2;
    }
    if (result.status === "interrupted") {
      io.err(`psychrx batch: stopped after ${result.written} records; ${values.out}.partial kept for --resume\n`);
      return 130;
    }
    if (values.summary !== undefined) writeFileSync(values.summary, `${JSON.stringify(result.summary, null, 2)}\n`);
    if (values.report !== undefined) writeFileSync(values.report, renderHtmlReport(result.summary));
    io.out(summaryTable(result.summary));
    return 0;
  } catch (error) {
    // Records never fail the run (each bad record becomes an error line); this is a fault of the
    // run itself (a worker thread died, the disk filled up).
    io.err(`psychrx batch: the run failed: ${(error as Error).message ?? String(error)}\n${values.out}.partial keeps the complete lines; fix the cause and run again with --resume\n`);
    return 1;
  } finally {
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigint);
  }
}
