import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BufferPool, sizeClass } from "./bufferPool.js";

describe("BufferPool", () => {
  it("always hands out a buffer large enough, reuses returned ones, and never holds more than it keeps", () => {
    const op = fc.oneof(fc.record({ take: fc.integer({ min: 0, max: 1 << 20 }) }), fc.record({ give: fc.nat() }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 1, max: 6 }), (ops, keep) => {
        let created = 0;
        const pool = new BufferPool<ArrayBuffer>((n) => {
          created++;
          return new ArrayBuffer(n);
        }, keep);
        const out: ArrayBuffer[] = [];
        const held = new Set<ArrayBuffer>();
        for (const o of ops) {
          if ("take" in o) {
            const before = created;
            const largeEnough = [...held].some((b) => b.byteLength >= o.take);
            const b = pool.take(o.take);
            expect(b.byteLength).toBeGreaterThanOrEqual(o.take);
            // A returned buffer large enough is reused rather than a new one made.
            expect(created - before).toBe(largeEnough ? 0 : 1);
            if (largeEnough) expect(held.has(b)).toBe(true);
            held.delete(b);
            out.push(b);
          } else if (out.length > 0) {
            const b = out.splice(o.give % out.length, 1)[0] as ArrayBuffer;
            pool.give(b);
            held.add(b);
          }
          expect(pool.size).toBeLessThanOrEqual(keep);
          // Model the drops: the pool only ever holds buffers it was given and has not handed out.
          if (held.size > pool.size) for (const b of [...held].sort((x, y) => x.byteLength - y.byteLength).slice(0, held.size - pool.size)) held.delete(b);
        }
      }),
    );
  });

  it("ignores a buffer transferred away (detached)", () => {
    const pool = new BufferPool<ArrayBuffer>((n) => new ArrayBuffer(n));
    const b = pool.take(10);
    structuredClone(b, { transfer: [b] });
    pool.give(b);
    expect(pool.size).toBe(0);
  });

  it("sizes buffers in classes: never below need, at most an eighth above it, eight classes per doubling", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (bytes) => {
        const size = sizeClass(bytes);
        expect(size).toBeGreaterThanOrEqual(bytes);
        expect(size).toBeLessThanOrEqual(Math.max(1 << 16, bytes * 1.125));
        expect(sizeClass(size)).toBe(size);
      }),
    );
    const classes = new Set(Array.from({ length: 1 << 12 }, (_, i) => sizeClass((1 << 20) + (i + 1) * 256)));
    expect(classes.size).toBe(8);
  });
});
