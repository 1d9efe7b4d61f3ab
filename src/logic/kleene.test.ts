import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { and, not, or, type Truth } from "./kleene.js";

const T = true;
const F = false;
const N = null;

describe("Kleene logic: full truth tables (cql-execution style)", () => {
  const table: [Truth, Truth, Truth, Truth][] = [
    // a, b, and, or
    [T, T, T, T],
    [T, F, F, T],
    [T, N, N, T],
    [F, T, F, T],
    [F, F, F, F],
    [F, N, F, N],
    [N, T, N, T],
    [N, F, F, N],
    [N, N, N, N],
  ];
  it.each(table)("%s and/or %s", (a, b, andResult, orResult) => {
    expect(and([a, b])).toBe(andResult);
    expect(or([a, b])).toBe(orResult);
  });
  it("not", () => {
    expect(not(T)).toBe(F);
    expect(not(F)).toBe(T);
    expect(not(N)).toBe(N);
  });
  it("empty and is true, empty or is false (the algebra; the evaluator follows json-rules-engine for empty lists)", () => {
    expect(and([])).toBe(true);
    expect(or([])).toBe(false);
  });
});

describe("Kleene laws (fast-check)", () => {
  const truth = fc.constantFrom<Truth>(true, false, null);
  const truths = fc.array(truth, { maxLength: 6 });
  it("De Morgan: not(and(xs)) = or(map not xs), and dually", () => {
    fc.assert(
      fc.property(truths, (xs) => {
        expect(not(and(xs))).toBe(or(xs.map(not)));
        expect(not(or(xs))).toBe(and(xs.map(not)));
      }),
    );
  });
  it("double negation", () => {
    fc.assert(
      fc.property(truth, (x) => {
        expect(not(not(x))).toBe(x);
      }),
    );
  });
  it("and/or are order-independent", () => {
    fc.assert(
      fc.property(truths, (xs) => {
        const reversed = [...xs].reverse();
        expect(and(reversed)).toBe(and(xs));
        expect(or(reversed)).toBe(or(xs));
      }),
    );
  });
  it("monotone: replacing an unknown by any value never changes a decided result", () => {
    fc.assert(
      fc.property(truths, fc.boolean(), (xs, fill) => {
        const filled = xs.map((x) => (x === null ? fill : x));
        const a = and(xs);
        const o = or(xs);
        if (a !== null) expect(and(filled)).toBe(a);
        if (o !== null) expect(or(filled)).toBe(o);
      }),
    );
  });
});
