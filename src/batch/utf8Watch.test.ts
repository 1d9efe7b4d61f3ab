import { isUtf8 } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { startsWithUtf16Bom, Utf8Errors, Utf8Watch } from "./utf8Watch.js";

/** Bytes that are mostly UTF-8 text (line breaks, accents, emoji), with now and then bytes that are not. */
const bytesArb = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.string({ unit: "binary", maxLength: 6 }).map((s) => Buffer.from(s.replaceAll("\ufffd", ""))) },
      { weight: 2, arbitrary: fc.constantFrom("\n", "\r\n", "\r", "é", "日", "😀", "sertraline").map((s) => Buffer.from(s)) },
      {
        weight: 2,
        arbitrary: fc.constantFrom([0xe9], [0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80]).map((b) => Buffer.from(b)),
      },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4 }).map((b) => Buffer.from(b)) },
    ),
    { maxLength: 30 },
  )
  .map((parts) => Buffer.concat(parts));

/** `bytes` cut into blocks at the given points. */
const blocks = (bytes: Buffer, cuts: readonly number[]) => {
  const at = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % (bytes.length + 1))))].sort((a, b) => a - b);
  return [0, ...at].map((start, i) => bytes.subarray(start, at[i] ?? bytes.length));
};

const replacements = (bytes: Uint8Array) => (Buffer.from(bytes).toString("utf8").match(/\ufffd/g) ?? []).length;
const lineBreaks = (bytes: Uint8Array) => (Buffer.from(bytes).toString("latin1").match(/\r\n|\r|\n/g) ?? []).length;

describe("Utf8Watch", () => {
  it("finds a file valid exactly when it is UTF-8 (or starts with a UTF-16LE byte order mark), however it is cut into blocks", () => {
    fc.assert(
      fc.property(bytesArb, fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), (body, cuts, utf16) => {
        const bytes = utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
        const watch = new Utf8Watch();
        for (const block of blocks(bytes, cuts)) watch.push(block);
        expect(watch.valid).toBe(startsWithUtf16Bom(bytes) || isUtf8(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it("finds a character cut between blocks valid, and a lead byte followed by a block of ASCII not", () => {
    const euro = Buffer.from("a€b");
    for (let cut = 0; cut <= euro.length; cut++) {
      const watch = new Utf8Watch();
      watch.push(euro.subarray(0, cut));
      watch.push(euro.subarray(cut));
      expect(watch.valid).toBe(true);
    }
    const latin1 = new Utf8Watch();
    latin1.push(Buffer.from("sertral\xe9", "latin1"));
    latin1.push(Buffer.from("ne\n"));
    expect(latin1.valid).toBe(false);
  });
});

describe("Utf8Errors", () => {
  it("finds one error per U+FFFD the decoder puts in, at the offset and line where its bytes start, however the file is cut into blocks", () => {
    fc.assert(
      fc.property(bytesArb, fc.array(fc.nat(), { maxLength: 8 }), (bytes, cuts) => {
        // A U+FFFD written as such would be counted by the decoder and is rightly not an error.
        fc.pre(!bytes.includes(Buffer.from("\ufffd")));
        const errors = new Utf8Errors();
        for (const block of blocks(bytes, cuts)) errors.push(block);
        const found = errors.end();
        expect(found.length).toBe(replacements(bytes));
        expect(found.length === 0).toBe(isUtf8(bytes));
        found.forEach((e, k) => {
          expect(replacements(bytes.subarray(0, e.offset))).toBe(k);
          expect(replacements(bytes.subarray(0, e.offset + 1))).toBe(k + 1);
          expect(e.line).toBe(1 + lineBreaks(bytes.subarray(0, e.offset)));
        });
      }),
      { numRuns: 1000 },
    );
  });
});
