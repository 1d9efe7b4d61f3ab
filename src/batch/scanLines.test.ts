import { createReadStream, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readNdjson } from "./readNdjson.js";
import { scanLines } from "./scanLines.js";

const dir = mkdtempSync(join(tmpdir(), "psychrx-scan-"));

async function records(file: string): Promise<{ record: number; line: string }[]> {
  const out: { record: number; line: string }[] = [];
  for await (const r of readNdjson(file)) out.push(r);
  return out;
}

async function viaScan(file: string, blockSize: number): Promise<{ lines: string[]; consumed: number }> {
  const lines: string[] = [];
  let consumed = 0;
  for await (const block of scanLines(file, blockSize)) {
    block.starts.forEach((start, i) => {
      lines.push(Buffer.from(block.bytes.subarray(start, block.ends[i])).toString("utf8"));
      consumed += block.consumed[i] ?? 0;
    });
  }
  return { lines, consumed };
}

/** The oracle: node:readline, as psychrx read NDJSON before it scanned bytes itself. */
async function viaReadline(file: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) lines.push(line);
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
        const expected = await viaReadline(file);
        const scanned = await viaScan(file, blockSize);
        expect(scanned.lines).toEqual(expected);
        expect(scanned.consumed).toBe(Buffer.byteLength(text, "utf8"));
        expect((await records(file)).map((r) => r.line)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("skips a UTF-8 byte order mark at the start of the file: the same lines as without it, its bytes counted", async () => {
    // Found feeding an NDJSON file saved by Excel/PowerShell: its first record was refused as invalid JSON.
    const piece = fc.constantFrom("a", '{"id":"x"}', "é", "\uFEFF", "\n", "\r", "\r\n", " ");
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 30 }).map((p) => p.join("")).filter((t) => !t.startsWith("\uFEFF")), fc.integer({ min: 1, max: 40 }), async (text, blockSize) => {
        const plain = join(dir, `plain${n}.ndjson`);
        const marked = join(dir, `bom${n++}.ndjson`);
        writeFileSync(plain, text, "utf8");
        writeFileSync(marked, `\uFEFF${text}`, "utf8");
        const expected = await viaScan(plain, blockSize);
        const scanned = await viaScan(marked, blockSize);
        expect(scanned.lines).toEqual(expected.lines);
        expect(scanned.consumed).toBe(expected.lines.length > 0 ? expected.consumed + 3 : 0);
        expect((await records(marked)).map((r) => r.line)).toEqual(expected.lines);
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

  it("numbers records from 1, blank lines included", async () => {
    const file = join(dir, "numbered.ndjson");
    writeFileSync(file, "{}\n\n{}\r\n");
    expect(await records(file)).toEqual([
      { record: 1, line: "{}" },
      { record: 2, line: "" },
      { record: 3, line: "{}" },
    ]);
  });
});
