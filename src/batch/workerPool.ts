import { Worker, type ResourceLimits } from "node:worker_threads";
import type { Chunk } from "./processChunk.js";
import type { BatchSummary } from "./summary.js";

/** A chunk's output (UTF-8) and what it found. */
export interface ChunkResult {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly summary: BatchSummary;
  /** Hands the output buffer back to its worker for reuse; call it once `bytes` is written. */
  readonly release: () => void;
}

/** A worker thread stopped (out of memory, a crash) while it held a chunk; the caller can evaluate the chunk elsewhere. */
export class WorkerFailure extends Error {
  constructor(override readonly cause: unknown) {
    super(`a worker thread failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * Evaluates chunks on N worker threads; each worker compiles the packs once. Each worker's
 * heap can be capped (`resourceLimits`) so that peak memory stays flat over a long cohort; a
 * worker that fails (e.g. out of memory on a pathological chunk) rejects its chunk with a
 * {@link WorkerFailure} and is replaced.
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: ((w: Worker) => void)[] = [];
  private readonly workers = new Set<Worker>();
  private readonly holding = new Map<Worker, { resolve: (r: ChunkResult) => void; reject: (e: Error) => void }>();
  private closed = false;

  constructor(
    size: number,
    private readonly entry: URL,
    private readonly packs: readonly string[] | null,
    private readonly resourceLimits?: ResourceLimits,
  ) {
    for (let i = 0; i < size; i++) this.release(this.spawn());
  }

  private spawn(): Worker {
    const w = new Worker(this.entry, {
      workerData: { packs: this.packs },
      ...(this.resourceLimits !== undefined ? { resourceLimits: this.resourceLimits } : {}),
    });
    w.on("message", (msg: { type: string; bytes?: Uint8Array<ArrayBuffer>; summary?: BatchSummary }) => {
      if (msg.type !== "done" || msg.summary === undefined) return;
      const p = this.holding.get(w);
      this.holding.delete(w);
      this.release(w);
      const bytes = msg.bytes ?? new Uint8Array();
      const recycle = () => {
        if (this.workers.has(w) && bytes.buffer.byteLength > 0) w.postMessage({ type: "recycle", buffer: bytes.buffer }, [bytes.buffer]);
      };
      p?.resolve({ bytes, summary: msg.summary, release: recycle });
    });
    w.on("error", (e) => this.fail(w, e));
    w.on("exit", (code) => {
      if (code !== 0) this.fail(w, new Error(`worker exited with code ${code}`));
    });
    this.workers.add(w);
    return w;
  }

  private fail(w: Worker, cause: unknown): void {
    if (!this.workers.delete(w)) return;
    const held = this.holding.get(w);
    this.holding.delete(w);
    const at = this.idle.indexOf(w);
    if (at >= 0) this.idle.splice(at, 1);
    held?.reject(new WorkerFailure(cause));
    if (!this.closed) this.release(this.spawn());
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

  /** Evaluates one chunk on the next free worker. */
  async run(chunk: Chunk): Promise<ChunkResult> {
    const w = await this.acquire();
    return new Promise((resolve, reject) => {
      this.holding.set(w, { resolve, reject });
      w.postMessage({ type: "chunk", chunk });
    });
  }

  /** Stops every worker. */
  async destroy(): Promise<void> {
    this.closed = true;
    const all = [...this.workers];
    this.workers.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }
}
