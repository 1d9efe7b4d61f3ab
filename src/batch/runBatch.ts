import { createWriteStream, renameSync, rmSync, statSync, writeFileSync, type WriteStream } from "node:fs";
import { resolve } from "node:path";
import type { Issue } from "../core/issue.js";
import { VERSION } from "../version.js";
import { defaultPacks, loadPacks } from "../packs/loadPacks.js";
import type { PackSet } from "../packs/packSet.js";
import { countPartial, inputFingerprint, recoverPartial, readMeta, resumeMismatch } from "./partialOutput.js";
import { CSV_TABLES } from "./readCsvCohort.js";
import { BufferPool } from "./bufferPool.js";
import { LineBuffer } from "./lineBuffer.js";
import { OutcomeWriter } from "./outcomeWriter.js";
import { processChunk, type Chunk } from "./processChunk.js";
import { Progress } from "./progress.js";
import type { InputRecord } from "./readNdjson.js";
import { scanLines } from "./scanLines.js";
import { streamCsvCohort, type InvalidUtf8Table } from "./streamCsvCohort.js";
import { UTF8_HINT, type InvalidInput } from "./invalidUtf8.js";
import { unknownTables } from "./unknownTables.js";
import { SummaryBuilder, type BatchSummary } from "./summary.js";
import { WorkerFailure, WorkerPool } from "./workerPool.js";

/** Options of {@link runBatch}. */
export interface BatchRunOptions {
  readonly input: string;
  readonly out: string;
  readonly packs?: readonly string[];
  readonly workers: number;
  readonly resume: boolean;
  /** Take record r when (r − 1) mod n = k − 1. */
  readonly shard?: { readonly k: number; readonly n: number };
  readonly workerEntry: URL;
  readonly stderr: (text: string) => void;
  readonly stderrIsTty: boolean;
  readonly signal?: AbortSignal;
  readonly chunkSize?: number;
}

/** How a batch run ended. */
export type BatchRunResult =
  | { readonly status: "complete"; readonly summary: BatchSummary }
  | { readonly status: "interrupted"; readonly written: number }
  | { readonly status: "invalid"; readonly issues: readonly Issue[] };

/**
 * Heap caps of each worker thread, MiB: the old generation far above a chunk's live data and well
 * below V8's default; the young generation at 16 MiB, where it stops growing early in a run.
 */
const WORKER_HEAP_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 } as const;

/** Writes `bytes`, then calls `release` once the stream no longer needs them (the buffer can be reused). */
function write(stream: WriteStream, bytes: Uint8Array, release: () => void): Promise<void> {
  return stream.write(bytes, () => release()) ? Promise.resolve() : new Promise((r) => stream.once("drain", () => r()));
}

/**
 * Evaluates a cohort (NDJSON file or CSV folder) into OUT: exactly one line per input
 * record, in input order, written to `OUT.partial` and renamed when complete, so that an
 * interrupted run (SIGINT, SIGKILL) can `--resume` from its last complete line and end
 * byte-identical to an uninterrupted run.
 */
export async function runBatch(o: BatchRunOptions): Promise<BatchRunResult> {
  let packs: PackSet;
  if (o.packs === undefined || o.packs.length === 0) packs = defaultPacks();
  else {
    const loaded = loadPacks(o.packs);
    if (!loaded.success) return { status: "invalid", issues: loaded.issues };
    packs = loaded.data;
  }
  const partial = `${o.out}.partial`;
  const metaFile = `${o.out}.partial.meta.json`;
  const meta = {
    input: resolve(o.input),
    files: inputFingerprint(o.input, ["patients.csv", ...Object.keys(CSV_TABLES)]),
    shard: o.shard ?? null,
    packs: packs.packs.map((p) => `${p.id}@${p.sha256}`),
  };
  const summary = new SummaryBuilder({ version: VERSION, packs: packs.packs });
  let lastRecord = 0;
  let append = false;
  if (o.resume) {
    const prior = readMeta(metaFile);
    const recovered = recoverPartial(partial);
    if (recovered !== undefined) {
      const differs = resumeMismatch(prior, meta);
      if (differs !== undefined) {
        return {
          status: "invalid",
          issues: [{ path: "--resume", code: "resume_mismatch", message: `${partial} was written from ${differs}; remove it or run without --resume` }],
        };
      }
      const damaged = countPartial(recovered.text, summary, partial);
      if (damaged !== undefined) return { status: "invalid", issues: [damaged] };
      lastRecord = recovered.lastRecord;
      append = true;
      o.stderr(`psychrx batch: resuming after record ${lastRecord}\n`);
    }
  }
  let csv: AsyncIterable<InputRecord> | undefined;
  const isDir = statSync(o.input).isDirectory();
  const bar = new Progress(o.stderr, o.stderrIsTty, isDir ? undefined : statSync(o.input).size);
  if (isDir) {
    const cohort = await streamCsvCohort(o.input);
    if (cohort.issues.length > 0) return { status: "invalid", issues: cohort.issues };
    for (const note of unknownTables(o.input)) o.stderr(note);
    if (cohort.unordered !== undefined) {
      o.stderr(`psychrx batch: ${cohort.unordered} is not in the patient order of patients.csv; grouping the tables in memory (sort them by patient for constant memory)\n`);
    }
    for (const table of cohort.invalidUtf8) o.stderr(invalidUtf8Note(table));
    if (cohort.patients === 0) o.stderr("psychrx batch: patients.csv has a header and no rows: the cohort has 0 patients, and the output will be empty\n");
    if (cohort.orphans > 0) {
      const all = cohort.patients === 0 ? "all " : "";
      const rows = cohort.orphans === 1 ? "CSV row names a patient_id absent from patients.csv and was" : "CSV rows name a patient_id absent from patients.csv and were";
      o.stderr(`psychrx batch: ${all}${cohort.orphans} ${rows} not used\n`);
    }
    csv = cohort.records;
  }
  writeFileSync(metaFile, JSON.stringify(meta));

  const stream = createWriteStream(partial, { flags: append ? "a" : "w" });
  // One worker: the main thread evaluates. N > 1: N worker threads evaluate and the main thread
  // only reads, dispatches and writes (measured: a main thread that also evaluated whenever the
  // threads were busy kept the queue starved and took most chunks itself).
  // Each worker's heap is capped so that peak memory does not creep up over a long cohort (measured,
  // 2 workers, peak RSS at 10,000 and 100,000 patients: 353 MiB at 100,000 uncapped; old generation
  // capped at 128 MiB: 205 and 264; young generation also capped at 16 MiB: 202–210 and 228–233, at
  // the same speed; at 8 MiB: 190 and 212, 5% slower); a chunk whose worker fails, out of memory on
  // pathological records for instance, is evaluated here instead.
  const pool =
    o.workers > 1 ? new WorkerPool(o.workers, o.workerEntry, o.packs && o.packs.length > 0 ? [...o.packs] : null, WORKER_HEAP_LIMITS) : undefined;
  const local = new SummaryBuilder();
  const writer = new OutcomeWriter();
  // Chunk inputs and outputs live in reused buffers (see BufferPool); the inputs are shared with
  // the workers, so that none is copied and a failed worker's chunk can still be evaluated here.
  const inputs = new BufferPool<ArrayBufferLike>((n) => (pool !== undefined ? new SharedArrayBuffer(n) : new ArrayBuffer(n)), o.workers * 2 + 2);
  const outputs = new BufferPool<ArrayBuffer>((n) => new ArrayBuffer(n));
  const evaluateHere = (chunk: Chunk) => {
    const text = processChunk(chunk, packs, local, writer, outputs);
    return { text, release: () => outputs.give(text.buffer) };
  };
  const size = o.chunkSize ?? 256;
  // Progress counts the input bytes of records written, not of lines read ahead.
  const done = new Map<number, { text: Uint8Array; release: () => void; count: number; bytes: number }>();
  let nextToWrite = 0;
  let seq = 0;
  let written = 0;
  const inflight = new Set<Promise<void>>();
  let failure: unknown;

  const flush = async () => {
    for (let d = done.get(nextToWrite); d !== undefined; d = done.get(nextToWrite)) {
      done.delete(nextToWrite);
      nextToWrite++;
      await write(stream, d.text, d.release);
      written += d.count;
      bar.addBytes(d.bytes);
      bar.addRecords(d.count);
    }
  };
  const dispatch = async (chunk: Chunk, bytes: number) => {
    if (pool === undefined) {
      done.set(chunk.seq, { ...evaluateHere(chunk), count: chunk.records.length, bytes });
      inputs.give(chunk.data.buffer);
      await flush();
      return;
    }
    const p = pool
      .run(chunk)
      .then((r) => {
        summary.merge(r.summary);
        done.set(chunk.seq, { text: r.bytes, release: r.release, count: chunk.records.length, bytes });
      })
      .catch((e: unknown) => {
        if (e instanceof WorkerFailure) {
          o.stderr(`psychrx batch: ${e.message}; evaluating records ${chunk.records[0] ?? "?"}-${chunk.records[chunk.records.length - 1] ?? "?"} in the main thread\n`);
          done.set(chunk.seq, { ...evaluateHere(chunk), count: chunk.records.length, bytes });
        } else failure = e;
      })
      // The worker has finished reading the chunk (or died): its input buffer can be refilled.
      .finally(() => inputs.give(chunk.data.buffer));
    const tracked = p.then(() => {
      inflight.delete(tracked);
    });
    inflight.add(tracked);
    if (inflight.size >= o.workers * 2) await Promise.race(inflight);
    await flush();
  };

  // Chunks are built as bytes: NDJSON lines are copied from the file without being decoded here.
  const chunkText = new LineBuffer();
  let records: number[] = [];
  // CSV records found not to be UTF-8 before they were read into the chunk: their error comes with it.
  let invalid: Map<number, InvalidInput> | undefined;
  let bytes = 0;
  let inputLines = 0;
  // Records in the whole input, taken by this shard or not (named in a shard's summary).
  let inputRecords = 0;
  let interrupted = false;
  const send = async () => {
    const chunk: Chunk = { seq: seq++, records: Float64Array.from(records), data: chunkText.takeInto(inputs), ...(invalid !== undefined ? { invalid } : {}) };
    const consumed = bytes;
    records = [];
    invalid = undefined;
    bytes = 0;
    await dispatch(chunk, consumed);
  };
  const stopping = () => o.signal?.aborted === true || failure !== undefined;
  const wanted = (record: number) => record > lastRecord && (o.shard === undefined || (record - 1) % o.shard.n === o.shard.k - 1);
  if (csv !== undefined) {
    for await (const r of csv) {
      bytes += Buffer.byteLength(r.line) + 1;
      if (stopping()) {
        interrupted = true;
        break;
      }
      inputRecords = r.record;
      if (!wanted(r.record)) continue;
      records.push(r.record);
      chunkText.appendLine(r.line);
      if (r.invalid !== undefined) (invalid ??= new Map()).set(r.record, r.invalid);
      if (records.length >= size) await send();
    }
  } else {
    let record = 0;
    blocks: for await (const block of scanLines(o.input)) {
      inputLines += block.starts.length;
      for (let i = 0; i < block.starts.length; i++) {
        record++;
        bytes += block.consumed[i] ?? 0;
        if (stopping()) {
          interrupted = true;
          break blocks;
        }
        inputRecords = record;
        if (!wanted(record)) continue;
        records.push(record);
        chunkText.appendBytes(block.bytes, block.starts[i] ?? 0, block.ends[i] ?? 0);
        if (records.length >= size) await send();
      }
    }
  }
  if (!interrupted && records.length > 0) await send();
  if (csv === undefined && !interrupted && inputLines === 0) {
    o.stderr(`psychrx batch: ${o.input} has no lines: the cohort has 0 records, and the output will be empty\n`);
  }
  await Promise.all(inflight);
  await flush();
  await new Promise<void>((r) => stream.end(() => r()));
  if (failure !== undefined) {
    await pool?.destroy();
    throw failure;
  }
  if (interrupted || o.signal?.aborted) {
    await pool?.destroy();
    bar.done();
    return { status: "interrupted", written };
  }
  await pool?.destroy();
  summary.merge(local.build());
  bar.done();
  renameSync(partial, o.out);
  rmSync(metaFile, { force: true });
  const counted = summary.build();
  return { status: "complete", summary: o.shard !== undefined ? { ...counted, shard: { k: o.shard.k, n: o.shard.n, inputRecords } } : counted };
}

/** The note on stderr of a CSV table with bytes that are not UTF-8 in some rows, naming the first few lines and patients. */
function invalidUtf8Note(t: InvalidUtf8Table): string {
  const rows = t.first.map((r) => `line ${r.line} (patient ${JSON.stringify(r.patientId)}${r.used ? "" : ", absent from patients.csv: not used"})`);
  const more = t.rows > t.first.length ? ` and ${t.rows - t.first.length} more` : "";
  const effect = t.rows > t.unused ? "; the record of each patient concerned is an invalid_utf8 error line naming the cell" : "";
  return `psychrx batch: ${t.file} has bytes that are not UTF-8 in ${t.rows} row${t.rows > 1 ? "s" : ""}: ${rows.join(", ")}${more}${effect} (${UTF8_HINT})\n`;
}
