import { Worker } from "node:worker_threads";
import type { BatchSummary } from "./summary.js";
import type { Chunk } from "./processChunk.js";

/** Evaluates chunks on N worker threads; each worker compiles the packs once. */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: ((w: Worker) => void)[] = [];
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (e: Error) => void }>();
  private failure: Error | undefined;

  constructor(size: number, entry: URL, packs: readonly string[] | null) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(entry, { workerData: { packs } });
      w.on("message", (msg: { type: string; seq?: number; bytes?: Uint8Array }) => {
        if (msg.type !== "done" || msg.seq === undefined) return;
        const p = this.pending.get(msg.seq);
        this.pending.delete(msg.seq);
        this.release(w);
        p?.resolve(msg.bytes ?? new Uint8Array());
      });
      w.on("error", (e) => {
        this.failure = e;
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  private release(w: Worker): void {
    const next = this.waiting.shift();
    if (next) next(w);
    else this.idle.push(w);
  }

  private acquire(): Promise<Worker> {
    const w = this.idle.pop();
    return w ? Promise.resolve(w) : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Evaluates one chunk on the next free worker; resolves with its output, UTF-8 encoded. */
  async run(chunk: Chunk): Promise<Uint8Array> {
    if (this.failure) throw this.failure;
    const w = await this.acquire();
    return new Promise((resolve, reject) => {
      this.pending.set(chunk.seq, { resolve, reject });
      w.postMessage({ type: "chunk", chunk });
    });
  }

  /** Collects every worker's summary and stops the workers. */
  async finish(): Promise<BatchSummary[]> {
    const summaries = await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<BatchSummary>((resolve, reject) => {
            w.on("message", (msg: { type: string; summary?: BatchSummary }) => {
              if (msg.type === "summary" && msg.summary) resolve(msg.summary);
            });
            w.once("error", reject);
            w.postMessage({ type: "finish" });
          }),
      ),
    );
    await Promise.all(this.workers.map((w) => w.terminate()));
    return summaries;
  }

  /** Stops every worker now. */
  async destroy(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
