import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BufferPool } from "./bufferPool.js";
import { LineBuffer } from "./lineBuffer.js";

describe("LineBuffer", () => {
  it("holds exactly the UTF-8 of the lines appended (text or bytes), each followed by a newline, whatever its starting size", () => {
    const line = fc.oneof(fc.string({ unit: "binary", maxLength: 300 }).map((text) => ({ text })), fc.string({ unit: "grapheme", maxLength: 300 }).map((t) => ({ bytes: Buffer.from(t.replace(/[\r\n]/g, ""), "utf8") })));
    fc.assert(
      fc.property(fc.array(fc.array(line, { maxLength: 20 }), { maxLength: 4 }), fc.integer({ min: 1, max: 64 }), (batches, initial) => {
        const buffer = new LineBuffer(initial);
        const pool = new BufferPool<ArrayBuffer>((n) => new ArrayBuffer(n));
        for (const lines of batches) {
          for (const l of lines) {
            if ("text" in l) buffer.appendLine(l.text);
            else buffer.appendBytes(new Uint8Array([7, ...l.bytes, 7]), 1, l.bytes.length + 1);
          }
          const expected = Buffer.concat(lines.map((l) => Buffer.concat(["text" in l ? Buffer.from(l.text, "utf8") : l.bytes, Buffer.from("\n")])));
          const got = buffer.takeInto(pool);
          expect(Buffer.from(got)).toEqual(expected);
          // The next batch starts empty, and may reuse the buffer handed back.
          pool.give(got.buffer);
        }
      }),
    );
  });

  it("keeps the newline when a line fills the buffer to its last byte or next to it", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 1, maxLength: 200 }), fc.integer({ min: -1, max: 2 }), (text, slack) => {
        const buffer = new LineBuffer(Math.max(1, Buffer.byteLength(text, "utf8") + slack));
        buffer.appendLine(text);
        const got = buffer.takeInto(new BufferPool<ArrayBuffer>((n) => new ArrayBuffer(n)));
        expect(Buffer.from(got).toString("utf8")).toBe(`${Buffer.from(text, "utf8").toString("utf8")}\n`);
      }),
    );
  });
});
