import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readNdjson } from "./readNdjson.js";
import { scanLines } from "./scanLines.js";

const dir = mkdtempSync(join(tmpdir(), "psychrx-scan-"));

async function viaScan(file: string, blockSize: number): Promise<{ lines: string[]; consumed: number }> {
  const lines: string[] = [];
  let consumed = 0;
  await scanLines(
    file,
    (bytes, start, end, n) => {
      lines.push(Buffer.from(bytes.subarray(start, end)).toString("utf8"));
      consumed += n;
      // An async consumer now and then: the bytes it was given stay valid until it returns.
      return lines.length % 3 === 0 ? Promise.resolve() : undefined;
    },
    blockSize,
  );
  return { lines, consumed };
}

async function viaReadline(file: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const r of readNdjson(file)) lines.push(r.line);
  return lines;
}

describe("scanLines", () => {
  it("splits any file into the same lines as node:readline, whatever the block size, and accounts for every byte", async () => {
    const piece = fc.constantFrom("a", "{}", '{"id":"x"}', "é", "€", "😀", "\n", "\r", "\r\n", "\n\n", " ");
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }).map((p) => p.join("")), fc.integer({ min: 1, max: 40 }), async (text, blockSize) => {
        const file = join(dir, `f${n++}.ndjson`);
        writeFileSync(file, text, "utf8");
        const scanned = await viaScan(file, blockSize);
        expect(scanned.lines).toEqual(await viaReadline(file));
        expect(scanned.consumed).toBe(Buffer.byteLength(text, "utf8"));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a line longer than the block whole", async () => {
    const file = join(dir, "long.ndjson");
    const long = "x".repeat(5000);
    writeFileSync(file, `a\n${long}\nb`);
    expect((await viaScan(file, 64)).lines).toEqual(["a", long, "b"]);
  });
});
