// Worker thread entry (built to dist/batch-worker.js): loads and compiles the packs once,
// then evaluates chunks as they come; each answer carries the chunk's output and its summary,
// so that nothing is lost if a worker later fails.
import { parentPort, workerData } from "node:worker_threads";
import { defaultPacks, loadPacks } from "../packs/loadPacks.js";
import type { PackSet } from "../packs/packSet.js";
import { processChunk, type Chunk } from "./processChunk.js";
import { BufferPool } from "./bufferPool.js";
import { OutcomeWriter } from "./outcomeWriter.js";
import { SummaryBuilder } from "./summary.js";

const dirs = (workerData as { packs: string[] | null }).packs;
let packs: PackSet;
if (dirs === null) packs = defaultPacks();
else {
  const loaded = loadPacks(dirs);
  if (!loaded.success) throw new Error("packs failed validation in a worker (the main thread validated them first)");
  packs = loaded.data;
}

const writer = new OutcomeWriter();
// Output buffers come back from the main thread once written ("recycle"), to be filled again.
const outputs = new BufferPool<ArrayBuffer>((bytes) => new ArrayBuffer(bytes));
parentPort?.on("message", (msg: { type: "chunk"; chunk: Chunk } | { type: "recycle"; buffer: ArrayBuffer }) => {
  if (msg.type === "recycle") {
    outputs.give(msg.buffer);
    return;
  }
  if (msg.type !== "chunk") return;
  const summary = new SummaryBuilder();
  // Encoded here and transferred, so the main thread neither copies nor re-encodes the text.
  const out = processChunk(msg.chunk, packs, summary, writer, outputs);
  parentPort?.postMessage({ type: "done", seq: msg.chunk.seq, bytes: out, summary: summary.build() }, [out.buffer]);
});
