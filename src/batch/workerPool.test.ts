import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { WorkerFailure, WorkerPool } from "./workerPool.js";

// A stand-in worker: echoes the chunk's lines, and dies on a line "crash" (as a worker out of memory would).
const entry = (() => {
  const file = join(mkdtempSync(join(tmpdir(), "psychrx-pool-")), "worker.mjs");
  writeFileSync(
    file,
    `import { parentPort } from "node:worker_threads";
parentPort.on("message", ({ chunk }) => {
  const lines = new TextDecoder().decode(chunk.data).split("\\n").slice(0, -1);
  if (lines.includes("crash")) throw new Error("boom");
  const bytes = new TextEncoder().encode(lines.join("\\n"));
  parentPort.postMessage({ type: "done", seq: chunk.seq, bytes, summary: { records: lines.length } }, [bytes.buffer]);
});`,
  );
  return pathToFileURL(file);
})();

describe("WorkerPool", () => {
  it("a failing worker rejects its chunk with a WorkerFailure and is replaced; the other chunks complete", async () => {
    const pool = new WorkerPool(2, entry, null, { maxOldGenerationSizeMb: 64 });
    try {
      const chunk = (seq: number, lines: string[]) => ({ seq, records: Float64Array.from(lines, (_, i) => i + 1), data: new TextEncoder().encode(lines.map((l) => `${l}\n`).join("")) });
      const results = await Promise.allSettled([pool.run(chunk(0, ["a", "b"])), pool.run(chunk(1, ["crash"])), pool.run(chunk(2, ["c"])), pool.run(chunk(3, ["d"]))]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
      const failed = results[1];
      expect(failed?.status === "rejected" && failed.reason instanceof WorkerFailure).toBe(true);
      const text = (r: PromiseSettledResult<{ bytes: Uint8Array }> | undefined) => (r?.status === "fulfilled" ? new TextDecoder().decode(r.value.bytes) : undefined);
      expect([text(results[0]), text(results[2]), text(results[3])]).toEqual(["a\nb", "c", "d"]);
      // Two workers again after the failure: two chunks at once still complete.
      const again = await Promise.all([pool.run(chunk(4, ["e"])), pool.run(chunk(5, ["f"]))]);
      expect(again.map((r) => new TextDecoder().decode(r.bytes))).toEqual(["e", "f"]);
    } finally {
      await pool.destroy();
    }
  });
});
