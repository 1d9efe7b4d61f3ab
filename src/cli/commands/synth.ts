import { parseArgs } from "node:util";
import { MAX_SEED, synthesize } from "../../batch/synth.js";
import { synthHints } from "../../batch/synthHints.js";
import { formatIssues } from "../formatIssues.js";
import { processIo, type Io } from "../io.js";
import { LineChunks } from "../lineChunks.js";
import { resolvePacks } from "../resolvePacks.js";
import { wholeNumberOption } from "../wholeNumber.js";

const USAGE = "usage: psychrx synth --n N [--seed S] [--packs DIR]...\n";

/** What `synth` needs from its process besides {@link Io}: injected so that tests need no terminal and no clock. */
export interface SynthEnv {
  /** Writes a chunk of NDJSON (UTF-8); the chunk is not reused afterwards. */
  write(bytes: Uint8Array): void;
  readonly stderrIsTty: boolean;
  /** Milliseconds, for progress only; it never reaches the output. */
  now(): number;
  /** Resolves when the output can take more (backpressure), and lets the event loop run. */
  writable(): Promise<void>;
  /** True once the reader has gone away (`psychrx synth … | head`): stop quietly. */
  closed(): boolean;
}

/**
 * `psychrx synth --n N [--seed S] [--packs DIR]...`: writes N synthetic patients as NDJSON
 * on stdout, one snapshot per line, drawn from the knowledge tables (and the rules'
 * thresholds and terms) of the packs in use. Same N, seed and packs: byte-identical
 * output. Progress goes to stderr: live on a terminal, a line every few seconds otherwise.
 * Exit 0, or 2 on bad arguments or invalid packs.
 */
export async function runSynth(args: readonly string[], io: Io, env: SynthEnv = defaultEnv(io)): Promise<number> {
  let values: { n?: string | undefined; seed?: string | undefined; packs?: string[] | undefined };
  try {
    ({ values } = parseArgs({
      args: [...args],
      allowPositionals: false,
      options: { n: { type: "string" }, seed: { type: "string" }, packs: { type: "string", multiple: true } },
    }));
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  if (values.n === undefined) return usage(io, "--n N is required");
  const count = wholeNumberOption("--n", values.n, 0, Number.MAX_SAFE_INTEGER);
  if (!count.ok) return usage(io, count.message);
  const n = count.value;
  let seed = 1;
  if (values.seed !== undefined) {
    const s = wholeNumberOption("--seed", values.seed, 0, MAX_SEED);
    if (!s.ok) return usage(io, s.message);
    seed = s.value;
  }

  let packs: ReturnType<typeof resolvePacks>;
  try {
    packs = resolvePacks(values.packs);
  } catch (error) {
    // Only the bundled rules/ can throw (PackLoadError): a packaging fault, reported as such.
    io.err(`${(error as Error).message}\n`);
    return 2;
  }
  if (!packs.success) {
    io.err(`psychrx: the rule packs are invalid; nothing was generated\n${formatIssues(packs.issues)}\n`);
    return 2;
  }
  const hints = synthHints(packs.data.knowledge, packs.data.rules.map((r) => r.rule));
  const progress = new Progress(io, env, n);
  const chunks = new LineChunks((bytes) => env.write(bytes));
  let written = 0;
  for (const patient of synthesize(n, seed, packs.data.knowledge, hints)) {
    const flushed = chunks.push(JSON.stringify(patient));
    written++;
    if (flushed) {
      progress.update(written);
      await env.writable();
      if (env.closed()) return 0;
    }
  }
  chunks.end();
  progress.done(written);
  return 0;
}

function usage(io: Io, message: string): number {
  io.err(`psychrx synth: ${message}\n${USAGE}`);
  return 2;
}

/** Progress on stderr: redrawn in place on a terminal, a plain line every few seconds otherwise. */
class Progress {
  private readonly start: number;
  private last: number;
  constructor(
    private readonly io: Io,
    private readonly env: SynthEnv,
    private readonly total: number,
  ) {
    this.start = env.now();
    this.last = this.start;
  }

  update(done: number): void {
    const now = this.env.now();
    const interval = this.env.stderrIsTty ? 200 : 5_000;
    if (now - this.last < interval) return;
    this.last = now;
    this.io.err(`${this.env.stderrIsTty ? "\r\u001b[K" : ""}psychrx synth: ${this.line(done, now)}${this.env.stderrIsTty ? "" : "\n"}`);
  }

  done(done: number): void {
    if (this.env.stderrIsTty) this.io.err(`\r\u001b[Kpsychrx synth: ${this.line(done, this.env.now())}, done\n`);
  }

  private line(done: number, now: number): string {
    const seconds = Math.max(0.001, (now - this.start) / 1000);
    const rate = done / seconds;
    const fraction = this.total === 0 ? 1 : done / this.total;
    const eta = rate > 0 && done < this.total ? `, ETA ${Math.ceil((this.total - done) / rate)} s` : "";
    const bar = this.env.stderrIsTty ? `[${"#".repeat(Math.round(fraction * 30)).padEnd(30, "-")}] ` : "";
    return `${bar}${done.toLocaleString("en-US")} / ${this.total.toLocaleString("en-US")} patients (${Math.floor(fraction * 100)}%, ${Math.round(rate).toLocaleString("en-US")}/s${eta})`;
  }
}

/**
 * The process's stdout when `io` is the process's own (bytes, backpressure, EPIPE when the
 * reader goes away), otherwise `io.out` (tests); the wall clock for progress.
 */
function defaultEnv(io: Io): SynthEnv {
  if (io !== processIo) {
    return {
      write: (bytes) => io.out(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8")),
      stderrIsTty: false,
      now: () => Date.now(),
      writable: () => Promise.resolve(),
      closed: () => false,
    };
  }
  let closed = false;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    closed = true;
    if (error.code !== "EPIPE") process.stderr.write(`psychrx synth: cannot write the output: ${error.message}\n`);
  });
  return {
    write: (bytes) => void (closed || process.stdout.write(bytes)),
    stderrIsTty: process.stderr.isTTY === true,
    now: () => Date.now(),
    closed: () => closed,
    writable: () =>
      new Promise<void>((resolve) => {
        if (!process.stdout.writableNeedDrain || closed) {
          setImmediate(resolve);
          return;
        }
        const done = () => {
          process.stdout.off("drain", done);
          process.stdout.off("close", done);
          resolve();
        };
        process.stdout.on("drain", done);
        process.stdout.on("close", done);
      }),
  };
}
