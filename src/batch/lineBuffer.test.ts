import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineBuffer } from "./lineBuffer.js";

describe("LineBuffer", () => {
  it("holds exactly the UTF-8 of the lines appended, each followed by a newline, whatever its starting size", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: "binary", maxLength: 300 }), { maxLength: 20 }), { maxLength: 4 }), fc.integer({ min: 1, max: 64 }), (batches, initial) => {
        const buffer = new LineBuffer(initial);
        for (const lines of batches) {
          for (const line of lines) buffer.appendLine(line);
          const expected = Buffer.from(lines.map((l) => `${l}\n`).join(""), "utf8");
          const got = buffer.take();
          expect(Buffer.from(got)).toEqual(expected);
          // Its own buffer, so that it can be transferred without taking the LineBuffer's with it.
          expect(got.byteOffset).toBe(0);
          expect(got.buffer.byteLength).toBe(got.byteLength);
        }
      }),
    );
  });
});
